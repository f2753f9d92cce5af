import DartCore
import DartTesting
import Foundation
import Testing
@testable import DartModels

/// Scores the naive D−7 forecast (P10/P90 = P50 ∓ 10) on the whole bundled sample and compares
/// with an independent pandas computation of the same definitions:
///
/// ```python
/// d = pd.read_csv("data/sample/dart_hourly_15sp_2024-01_2025-03.csv.gz")
/// d["utc"] = pd.to_datetime(d.timestamp_utc).astype("int64") // 10**9
/// d["y"] = d.dart.astype(np.float32).astype(np.float64)
/// lag = d.set_index(["settlement_point", "utc"]).y
/// lagged = lambda h: np.nan_to_num(lag.reindex(list(zip(d.settlement_point, d.utc - h * 3600))).to_numpy(), nan=0.0)
/// d["d1"], d["d7"] = lagged(24), lagged(168); d["f"] = d.d7
/// t = np.percentile(d.y.abs(), 99); e = (d.y - d.f).abs()
/// # mae = e.mean(), rmse = sqrt((e**2).mean()), medae = e.median(), zero = d.y.abs().mean(),
/// # body = e[d.y.abs() <= t].mean(), sign = ((d.y > 0) == (d.f > 0)).mean(), pos = (d.y > 0).mean(),
/// # pin10 = mean(where(y >= f-10, 0.1 (y-f+10), -0.9 (y-f+10))), cov = ((f-10 <= y) & (y <= f+10)).mean()
/// ```
@Test func metricsOnTheBundledSampleMatchAnIndependentComputation() throws {
    let sample = try DartSample.load()
    let d1 = sample.lagged(hours: 24), d7 = sample.lagged(hours: 168)
    let rows = try EvaluationRows(actual: sample.dart,
                                  forecast: QuantileForecast(p50: d7, p10: d7.map { $0 - 10 }, p90: d7.map { $0 + 10 }),
                                  points: sample.points, hourEndings: sample.hourEndings,
                                  naiveForecasts: ["naive_d1": d1, "naive_d7": d7])
    let report = try MetricsReport.evaluate(rows)
    func same(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= 1e-9 * max(1, abs(expected))
    }

    #expect(same(report.tailThreshold, 131.92909729003904))
    let all = report.overall
    #expect(all.rows == 159_737 && all.missingActualRows == 0)
    #expect(same(all.mae, 21.376700580568098))
    #expect(same(all.rmse, 85.61474193729659))
    #expect(same(all.medianAbsoluteError, 7.045000076293945))
    #expect(same(all.zeroForecastMAE, 13.43848799318394))
    #expect(same(all.naiveMAE["naive_d1"], 19.549718056444135))
    #expect(all.bestNaive == "naive_d1")
    #expect(same(all.maeExcludingTail, 17.275172751541817))
    #expect(all.tailRows == 1598)
    #expect(same(all.signAccuracy, 0.5268910772081609))
    #expect(same(all.majorityClassRate, 0.5753332039539993))
    #expect(same(all.pinball10, 8.54004671299925))
    #expect(same(all.pinball90, 8.465907437406125))
    #expect(same(all.coverage10to90, 0.6108728722838165))
    // The domain fact the baselines exist to show: seasonal naive is worse than predicting 0.
    #expect((all.relativeMAEVsZero ?? 0) > 1.5)

    let houston = try #require(report.byPoint.first { $0.point == "HB_HOUSTON" }).metrics
    #expect(houston.rows == 10_942)
    #expect(same(houston.mae, 18.766130083543747))
    #expect(same(houston.medianAbsoluteError, 6.216249942779541))
    #expect(same(houston.maeExcludingTail, 15.3605309684572))
    #expect(houston.tailRows == 89)
    #expect(same(houston.coverage10to90, 0.6528970937671358))

    let he18 = try #require(report.byHourEnding.first { $0.hourEnding == 18 }).metrics
    #expect(he18.rows == 6658)
    #expect(same(he18.mae, 31.505788109716942))
    #expect(same(he18.rmse, 66.08265445349052))
    #expect(same(he18.majorityClassRate, 0.6559026734755182))
    #expect(same(he18.pinball90, 12.82318415877672))
    #expect(report.byHourEnding.count == 24)
    #expect(report.byPoint.count == 15)
}

/// The columns of `dart_hourly_15sp_*.csv.gz` the metrics test needs, read with `gzip -dc`.
private struct DartSample {
    var points: [String] = []
    var hourEndings: [Int] = []
    var utc: [Int64] = []
    var dart: [Float] = []

    static func load() throws -> DartSample {
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-dc", SamplePaths.dartHourly15.path]
        let output = Pipe()
        gzip.standardOutput = output
        try gzip.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        var sample = DartSample()
        // delivery_date,hour_ending,dst_flag,timestamp_utc,settlement_point,dam_price,rtm_price,dart,dam_conflict_day
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            sample.hourEndings.append(Int(fields[1])!)
            sample.utc.append(UTCFormat.parse(fields[3])!)
            sample.points.append(String(fields[4]))
            sample.dart.append(Float(fields[7]) ?? .nan)
        }
        return sample
    }

    /// DART of the same point `hours` earlier; 0 when that hour is not in the file.
    func lagged(hours: Int64) -> [Float] {
        var byKey = [String: [Int64: Float]]()
        for row in dart.indices { byKey[points[row], default: [:]][utc[row]] = dart[row] }
        return dart.indices.map { byKey[points[$0]]?[utc[$0] - hours * 3600] ?? 0 }
    }
}
