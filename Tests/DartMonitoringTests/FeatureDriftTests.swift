import DartCore
import DartData
import DartTesting
import Foundation
import Logging
import Testing
@testable import DartMonitoring

@Suite struct FeatureDriftTests {
    static let points = ["HB_HOUSTON", "HB_NORTH"]
    /// 06:00 CST on 2024-11-20: DAM of 11-20 is known, RT up to HE 5 of 11-20, nothing of 11-21.
    static let asOf = UTCFormat.parse("2024-11-20T12:00:00Z")!
    static let reference = FeatureDrift.Reference(modelVersion: "lightgbm-test", fromUTC: UTCFormat.parse("2024-09-15T05:00:00Z")!,
                                                  toUTC: UTCFormat.parse("2024-10-31T04:00:00Z")!)

    /// The bundled sample's rows of two hubs, 2024-09-01 … 2024-11-30, with `change` applied.
    static func store(changing change: (_ day: String, _ hourUTC: Int64, _ dam: Double, _ rtm: Double) -> (Double, Double)) throws -> MarketStore {
        let directory = try SamplePaths.temporaryDirectory("dartcast-drift")
        let text = try SampleText.gunzip(SamplePaths.dartHourly15)
        var lines = ["delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart"]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 8, points.contains(fields[4]), fields[0] >= "2024-09-01", fields[0] <= "2024-11-30",
                  let dam = Double(fields[5]), let rtm = Double(fields[6]), let hour = UTCFormat.parse(fields[3]) else { continue }
            let (newDAM, newRTM) = change(fields[0], hour, dam, rtm)
            lines.append([fields[0], fields[1], fields[2], fields[3], fields[4], "\(newDAM)", "\(newRTM)", "\(newDAM - newRTM)"].joined(separator: ","))
        }
        let file = directory.appendingPathComponent("slice.csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let store = try MarketStore(directory: directory, logger: Logger(label: "dartcast.tests.drift"))
        _ = try store.ingest(file: file)
        return store
    }

    static let drift = FeatureDrift(rules: .ercot, features: ["dam_same_he_d1", "dart_same_he_latest", "rt_mean_last_6h", "wind_stwpf"],
                                    recentDays: 7, bins: 10, maxIssuesPerWindow: 20)

    @Test func driftUsesOnlyDataKnownAtTheAsOfTime() throws {
        let original = try Self.store { _, _, dam, rtm in (dam, rtm) }
        // Everything unknown at the as-of time scrambled: later operating days entirely, and
        // the RT of 11-20 hours whose price was not yet published.
        let scrambled = try Self.store { day, hourUTC, dam, rtm in
            if day > "2024-11-20" { return (dam * 7 + 300, rtm * -5 + 900) }
            if day == "2024-11-20", hourUTC + 3600 + 15 * 60 > Self.asOf { return (dam, rtm * -5 + 900) }
            return (dam, rtm)
        }
        let points = Self.points.compactMap { SettlementPoint($0) }
        let before = try Self.drift.compute(store: original, points: points, product: .dayahead, reference: Self.reference, asOfUTC: Self.asOf)
        let after = try Self.drift.compute(store: scrambled, points: points, product: .dayahead, reference: Self.reference, asOfUTC: Self.asOf)
        #expect(before == after)
        #expect(before.map(\.feature) == ["dam_same_he_d1", "dart_same_he_latest", "rt_mean_last_6h", "wind_stwpf"])
        #expect(before.prefix(3).allSatisfy { $0.psi != nil && $0.referenceRows > 0 && $0.recentRows > 0 })
        #expect(before[3].psi == nil)  // no wind series in this store: nothing to compare

        // The scrambled future does change drift once it is known.
        let later = Self.asOf + 9 * 86_400
        let laterOriginal = try Self.drift.compute(store: original, points: points, product: .dayahead, reference: Self.reference, asOfUTC: later)
        let laterScrambled = try Self.drift.compute(store: scrambled, points: points, product: .dayahead, reference: Self.reference, asOfUTC: later)
        #expect(laterOriginal != laterScrambled)
        #expect((laterScrambled[0].psi ?? 0) > 0.25)
    }
}
