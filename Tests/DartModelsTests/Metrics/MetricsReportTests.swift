import Foundation
import Testing
@testable import DartModels

/// Six hand-scored rows: row 2 has no actual, row 5 is the tail (|actual| 100 > P99 = 96.4).
private func handScoredRows(withInterval: Bool = true) throws -> EvaluationRows {
    try EvaluationRows(
        actual: [10, -4, .nan, 2, 0, 100],
        forecast: QuantileForecast(p50: [8, -1, 5, -2, 1, 50],
                                   p10: withInterval ? [5, -6, 0, -3, -1, 40] : nil,
                                   p90: withInterval ? [12, 0, 9, 1, 2, 60] : nil),
        points: ["A", "A", "A", "B", "B", "B"],
        hourEndings: [1, 2, 1, 2, 1, 2],
        naiveForecasts: ["naive_d1": [0, 4, 3, 2, -1, 10], "naive_d7": [10, -4, 0, 0, 0, 0]]
    )
}

private func close(_ value: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= tolerance
}

@Test func overallMetricsMatchHandComputation() throws {
    let m = try MetricsReport.evaluate(handScoredRows()).overall
    #expect(m.rows == 5)
    #expect(m.missingActualRows == 1)
    #expect(close(m.mae, 12))                        // (2+3+4+1+50)/5
    #expect(close(m.rmse, 506.0.squareRoot()))       // (4+9+16+1+2500)/5
    #expect(close(m.medianAbsoluteError, 3))
    #expect(close(m.zeroForecastMAE, 23.2))          // (10+4+2+0+100)/5
    #expect(close(m.relativeMAEVsZero, 12 / 23.2))
    #expect(close(m.naiveMAE["naive_d1"], 21.8))     // (10+8+0+1+90)/5
    #expect(close(m.naiveMAE["naive_d7"], 20.4))     // (0+0+2+0+100)/5
    #expect(m.bestNaive == "naive_d7")
    #expect(close(m.relativeMAEVsBestNaive, 12 / 20.4))
    #expect(close(m.maeExcludingTail, 2.5))          // row 5 left out
    #expect(m.tailRows == 1)
    #expect(close(m.signAccuracy, 0.6))              // rows 0, 1, 5 agree; 3 (+ vs −) and 4 (0 vs +) do not
    #expect(close(m.majorityClassRate, 0.6))         // 3 of 5 positive
    #expect(close(m.pinball10, 1.46))                // (0.5+0.2+0.5+0.1+6)/5
    #expect(close(m.pinball50, 6))
    #expect(close(m.pinball90, 7.54))                // (0.2+0.4+0.9+0.2+36)/5
    #expect(close(m.coverage10to90, 0.6))            // rows 0, 1, 4 inside
}

@Test func tailThresholdIsTheP99OfAbsoluteActuals() throws {
    let report = try MetricsReport.evaluate(handScoredRows())
    // |actual| sorted 0, 2, 4, 10, 100; position 0.99 × 4 = 3.96 → 10 + 0.96 × 90.
    #expect(close(report.tailThreshold, 96.4))
}

@Test func metricsByPointUseOnlyThatPointsRows() throws {
    let report = try MetricsReport.evaluate(handScoredRows())
    #expect(report.byPoint.map(\.point) == ["A", "B"])
    let a = report.byPoint[0].metrics, b = report.byPoint[1].metrics
    #expect(a.rows == 2 && a.missingActualRows == 1)
    #expect(close(a.mae, 2.5))
    #expect(close(a.rmse, 6.5.squareRoot()))
    #expect(close(a.medianAbsoluteError, 2.5))
    #expect(close(a.zeroForecastMAE, 7))
    #expect(close(a.signAccuracy, 1))
    #expect(close(a.majorityClassRate, 0.5))
    #expect(close(a.coverage10to90, 1))
    #expect(a.tailRows == 0)
    // naive_d7 is perfect on A, so relative MAE against it is undefined rather than infinite.
    #expect(a.bestNaive == "naive_d7")
    #expect(a.relativeMAEVsBestNaive == nil)

    #expect(b.rows == 3 && b.missingActualRows == 0)
    #expect(close(b.mae, 55.0 / 3))                  // errors 4, 1, 50
    #expect(close(b.medianAbsoluteError, 4))
    #expect(close(b.maeExcludingTail, 2.5))
    #expect(b.tailRows == 1)
    #expect(close(b.signAccuracy, 1.0 / 3))
    #expect(close(b.majorityClassRate, 2.0 / 3))
    #expect(close(b.coverage10to90, 1.0 / 3))
    #expect(b.bestNaive == "naive_d1")               // 91/3 beats 102/3 on B
    #expect(close(b.relativeMAEVsBestNaive, 55.0 / 91))
}

@Test func metricsByHourEnding() throws {
    let report = try MetricsReport.evaluate(handScoredRows())
    #expect(report.byHourEnding.map(\.hourEnding) == [1, 2])
    let he1 = report.byHourEnding[0].metrics, he2 = report.byHourEnding[1].metrics
    #expect(he1.rows == 2 && he1.missingActualRows == 1)
    #expect(close(he1.mae, 1.5))
    #expect(close(he1.pinball10, 0.3))               // (0.5 + 0.1)/2
    #expect(he2.rows == 3)
    #expect(close(he2.mae, 19))                      // errors 3, 4, 50
    #expect(close(he2.pinball90, (0.4 + 0.9 + 36) / 3))
}

@Test func quantileMetricsAreAbsentWithoutAnInterval() throws {
    let m = try MetricsReport.evaluate(handScoredRows(withInterval: false)).overall
    #expect(m.pinball10 == nil && m.pinball90 == nil && m.coverage10to90 == nil)
    #expect(close(m.pinball50, 6))
}

@Test func groupWithoutActualsHasNoValuesAndStillEncodes() throws {
    let rows = try EvaluationRows(actual: [.nan, .nan, 3], forecast: QuantileForecast(p50: [.nan, 1, 1]),
                                  points: ["X", "X", "Y"], hourEndings: [5, 5, 6])
    let report = try MetricsReport.evaluate(rows)
    let x = report.byPoint[0].metrics
    #expect(x.rows == 0 && x.missingActualRows == 2)
    #expect(x.mae == nil && x.signAccuracy == nil && x.majorityClassRate == nil)
    let decoded = try JSONDecoder().decode(MetricsReport.self, from: JSONEncoder().encode(report))
    #expect(decoded == report)
}

@Test func reportRoundTripsThroughJSON() throws {
    let report = try MetricsReport.evaluate(handScoredRows())
    let decoded = try JSONDecoder().decode(MetricsReport.self, from: JSONEncoder().encode(report))
    #expect(decoded == report)
}

@Test func nonFinitePredictionOnAKnownActualIsRejected() throws {
    let rows = try EvaluationRows(actual: [1, 2], forecast: QuantileForecast(p50: [0, .nan]),
                                  points: ["A", "A"], hourEndings: [1, 2])
    let error = #expect(throws: MetricsError.self) { try MetricsReport.evaluate(rows) }
    #expect(error?.code == .nonFinitePrediction)
    #expect(error?.row == 1)
    #expect(error?.field == "p50")
}

@Test func misalignedArraysAreRejected() {
    let error = #expect(throws: MetricsError.self) {
        try EvaluationRows(actual: [1, 2], forecast: QuantileForecast(p50: [0, 0]), points: ["A"], hourEndings: [1, 2])
    }
    #expect(error?.code == .lengthMismatch)
    #expect(error?.field == "points")
}

@Test func textTableHasOneLinePerGroup() throws {
    let table = try MetricsReport.evaluate(handScoredRows()).textTable()
    let lines = table.split(separator: "\n")
    #expect(lines.count == 1 + 1 + 2 + 2 + 1)  // header, overall, 2 points, 2 HEs, footer
    #expect(lines[1].hasPrefix("overall"))
    #expect(lines[1].contains("12.000"))
    #expect(lines[4].hasPrefix("HE 1"))
    #expect(table.contains("P99 |actual| = 96.400"))
    #expect(MetricsReport.format(-0.0004) == "0.000")
    #expect(MetricsReport.format(-1.25) == "-1.250")
}
