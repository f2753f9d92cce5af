import DartCore
import DartData

/// Realized DART (DAM − RT) of the hours whose RT price was known at an as-of instant.
public enum RealizedDART {
    public static func key(point: String, hourUTC: Int64) -> String { "\(point)|\(hourUTC)" }

    /// DART by `key(point:hourUTC:)` for hours starting in `[fromUTC, toUTC)` of `points` (unknown
    /// points are skipped), keeping only hours with `rules.rtKnownAt(hour) <= asOfUTC` and both prices.
    public static func load(from store: MarketStore, points: Set<String>, fromUTC: Int64, toUTC: Int64,
                            knownBy asOfUTC: Int64, rules: MarketRules) throws -> [String: Double] {
        let stored: [SettlementPoint]
        let history: MarketHistory
        do {
            stored = try store.points().filter { points.contains($0.name) }
            guard !stored.isEmpty, fromUTC < toUTC else { return [:] }
            history = try store.loadHistory(points: stored, fromUTC: fromUTC, toUTC: toUTC)
        } catch {
            throw MonitoringError(.marketData, "cannot read realized prices from \(store.databaseURL.path): \(error)",
                                  file: store.databaseURL.path)
        }
        var result: [String: Double] = [:]
        for (pointIndex, point) in history.points.enumerated() {
            for index in 0..<history.hourCount {
                let hour = history.utc(ofIndex: index)
                guard rules.rtKnownAt(hourStartUTC: hour) <= asOfUTC else { break }
                let dart = history.dam[pointIndex][index] - history.rtm[pointIndex][index]
                if dart.isFinite { result[key(point: point.name, hourUTC: hour)] = dart }
            }
        }
        return result
    }
}
