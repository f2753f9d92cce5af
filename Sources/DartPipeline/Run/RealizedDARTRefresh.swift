import DartCore
import DartData
import DartPublish
import DartWorkspace
import Foundation

/// Keeps `<table>_realized` in the SQLite predictions file up to date, so a forecast-vs-actual
/// query is one SELECT on `<table>_vs_realized` (no ATTACH of the market store, no epoch
/// conversions). Each publish writes every hour with a complete DART from eight days before the
/// earliest target hour it published to the latest; over a schedule that covers every past hour.
struct RealizedDARTRefresh {
    static let lookbackHours: Int64 = 8 * 24

    /// Rows with both prices stored, for `points`, in [fromUTC, toUTC].
    static func rows(store: MarketStore, points: [SettlementPoint], fromUTC: Int64, toUTC: Int64,
                     zone: MarketTimeZone) throws -> [RealizedDART] {
        let history = try store.loadHistory(points: points, fromUTC: fromUTC, toUTC: toUTC + 3600)
        var rows: [RealizedDART] = []
        for (pointIndex, point) in history.points.enumerated() {
            for hour in 0..<history.hourCount {
                let dam = history.dam[pointIndex][hour], rtm = history.rtm[pointIndex][hour]
                let utc = history.utc(ofIndex: hour)
                guard dam.isFinite, rtm.isFinite, utc >= fromUTC, utc <= toUTC else { continue }
                let label = zone.marketHour(containing: utc)
                rows.append(RealizedDART(targetHourUTC: utc, operatingDay: label.operatingDay, hourEnding: label.hourEnding,
                                         dstFlag: label.dstFlag, settlementPoint: point.name, dam: dam, rtm: rtm))
            }
        }
        return rows
    }

    /// Writes the realized rows around `published` when the SQL target is SQLite; returns how many.
    static func refresh(after published: [ForecastRow], workspace: Workspace, targets: PublishTargetFactory) async throws -> Int? {
        let settings = workspace.settings
        guard settings.output.writeSQL, settings.sql.enabled, settings.sql.backend == .sqlite,
              let first = published.map(\.targetHourUTC).min(), let last = published.map(\.targetHourUTC).max(),
              let sink = try targets.predictionSink() as? SQLitePredictionSink else { return nil }
        let points = Set(published.map(\.settlementPoint)).sorted().compactMap { SettlementPoint($0) }
        let rows = try Self.rows(store: try workspace.marketStore(), points: points, fromUTC: first - lookbackHours * 3600,
                                 toUTC: last, zone: workspace.rules.timeZone)
        return try await sink.upsertRealized(rows)
    }
}
