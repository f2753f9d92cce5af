import DartWorkspace
import DartConfig
import DartCore
import DartData
import DartPipeline
import DartPublish
import DartTesting
import Foundation
import Logging
@testable import DartMonitoring

/// A data directory with hand-built market prices and published forecasts, and settings that
/// point monitoring at the SQLite prediction table.
struct MonitoringFixture {
    let dataDirectory: URL
    let workspace: Workspace
    static let zone = MarketTimeZone.ercot

    /// - Parameter monitoring: the body of the `monitoring` settings section.
    init(monitoring: String = "\"rolling_mae_threshold\": 1000, \"worse_than_zero_days\": 3") throws {
        dataDirectory = try SamplePaths.temporaryDirectory("dartcast-monitoring")
        let json = """
            {"sql": {"enabled": true}, "output": {"write_sql": true}, "monitoring": {\(monitoring)}}
            """
        guard let loaded = SettingsLoader.check(json: json).loaded else { throw FixtureError("fixture settings do not load") }
        workspace = try Workspace(loaded: loaded, dataDirectory: dataDirectory, logger: Logger(label: "dartcast.tests.monitoring"))
    }

    static func day(_ text: String) -> OperatingDay { OperatingDay(text)! }

    /// Every hour of `days` for `points`: DAM 40 and RT 40 − dart(point, hour), so DART = dart(point, hour).
    func writePrices(days: [OperatingDay], points: [String], dart: (String, MarketHour) -> Double) throws {
        var lines = ["delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart"]
        for point in points {
            for day in days {
                for hour in Self.zone.hours(of: day) {
                    let value = dart(point, hour)
                    lines.append("\(day),\(hour.hourEnding),\(hour.dstFlag),\(UTCFormat.iso8601(hour.utcStart)),\(point),40,\(40 - value),\(value)")
                }
            }
        }
        let file = dataDirectory.appendingPathComponent("prices-\(UUID().uuidString).csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        _ = try workspace.marketStore().ingest(file: file)
    }

    /// Day-ahead forecasts for every hour of `day` issued 05:00 the day before, P50 from `p50`.
    func publish(day: OperatingDay, points: [String], family: String = "lightgbm", version: String = "v1",
                 issueUTC: Int64? = nil, p50: (String, MarketHour) -> Double, band: Double = 5) async throws {
        let issue = issueUTC ?? workspace.rules.issueTimes(.dayahead, from: day.adding(days: -1), through: day.adding(days: -1))[0]
        var rows: [ForecastRow] = []
        for point in points {
            for hour in Self.zone.hours(of: day) {
                let value = p50(point, hour)
                rows.append(ForecastRow(issueTimeUTC: IssueTime(utc: issue), targetHourUTC: hour.utcStart, operatingDay: day, hourEnding: hour.hourEnding,
                                        isRepeatedHour: hour.isRepeatedHour, settlementPoint: point, product: "dayahead",
                                        modelFamily: family, modelVersion: version, prediction: value, p10: value - band, p50: value,
                                        p90: value + band))
            }
        }
        let sink = try SQLitePredictionSink(path: dataDirectory.appendingPathComponent("predictions.sqlite"))
        _ = try await sink.upsert(rows: rows, runID: "test-run", createdAtUTC: issue)
    }

    /// An as-of time at which `day` is the last operating day with every RT price known (noon UTC next day).
    static func asOf(after day: OperatingDay) -> Int64 { zone.startOfDayUTC(day.adding(days: 1)) + 6 * 3600 }

    func pass(notifiers: [any Notifier] = []) throws -> MonitoringPass {
        try MonitoringPass(workspace: workspace, notifiers: notifiers)
    }

    func store() throws -> MonitoringStore { try MonitoringStore(path: MonitoringStore.url(dataDirectory: dataDirectory)) }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
