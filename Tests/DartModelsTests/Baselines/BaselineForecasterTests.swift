import DartFeatures
import DartTesting
import Foundation
import Testing
@testable import DartModels

private let columns = ["dow", "dart_d1", "dart_d7", "dart_median_28d", "load_forecast"]

/// One row per weekday Monday…Sunday, plus a Thursday whose D−1 lag is not known.
private func weekMatrix() -> FeatureMatrix {
    let rows: [[Float]] = [
        [1, 11, 71, 5, 900],    // Mon → D−7
        [2, 12, 72, 6, 900],    // Tue → D−1
        [3, 13, 73, .nan, 900], // Wed → D−1
        [4, 14, 74, 7, 900],    // Thu → D−1
        [5, 15, 75, 8, 900],    // Fri → D−1
        [6, 16, 76, 9, 900],    // Sat → D−7
        [7, 17, .nan, 10, 900], // Sun → D−7, unknown
        [4, .nan, 78, 11, 900], // Thu → D−1, unknown
    ]
    return FeatureMatrix(names: columns, rowCount: rows.count, values: rows.flatMap { $0 })
}

private func dataset(_ matrix: FeatureMatrix) -> Dataset {
    Dataset(features: matrix, target: [Float](repeating: 0, count: matrix.rowCount))
}

private func epf() -> EPFNaiveForecaster {
    EPFNaiveForecaster(dayOfWeekColumn: "dow", dayBeforeColumn: "dart_d1", weekBeforeColumn: "dart_d7")
}

@Test func epfNaiveUsesDayBeforeOnTuesdayToFridayAndWeekBeforeOtherwise() throws {
    let forecaster = epf()
    try forecaster.fit(train: dataset(weekMatrix()), validation: nil)
    let forecast = try forecaster.predict(weekMatrix())
    #expect(forecast.p50 == [71, 12, 13, 14, 15, 76, 0, 0])
    #expect(forecast.p10 == nil && forecast.p90 == nil)
    #expect(forecaster.filledMissingCount == 2)
    #expect(forecaster.family == .naiveEPF)
}

@Test(arguments: [Float(0), 8, 2.5, .nan])
func epfNaiveRejectsAWeekdayOutsideOneToSeven(weekday: Float) throws {
    var matrix = weekMatrix()
    matrix[3, 0] = weekday
    let error = #expect(throws: BaselineError.self) { try epf().predict(matrix) }
    #expect(error?.code == .invalidDayOfWeek)
    #expect(error?.row == 3)
}

@Test func naiveCopiesItsColumnAndCountsUnknownLags() throws {
    let d1 = ColumnCopyForecaster(.naiveD1, column: "dart_d1")
    let d7 = ColumnCopyForecaster(.naiveD7, column: "dart_d7")
    #expect(d1.family == .naiveD1 && d7.family == .naiveD7)
    #expect(try d1.predict(weekMatrix()).p50 == [11, 12, 13, 14, 15, 16, 17, 0])
    #expect(d1.filledMissingCount == 1)
    #expect(try d7.predict(weekMatrix()).p50 == [71, 72, 73, 74, 75, 76, 0, 78])
    #expect(d7.filledMissingCount == 1)
}

@Test func trailingMedianReadsItsConfiguredColumn() throws {
    let forecaster = ColumnCopyForecaster(.trailingMedian, column: "dart_median_28d")
    #expect(try forecaster.predict(weekMatrix()).p50 == [5, 6, 0, 7, 8, 9, 10, 11])
    #expect(forecaster.filledMissingCount == 1)
    #expect(forecaster.featureNames == ["dart_median_28d"])
}

@Test func zeroForecastPredictsZeroForEveryRow() throws {
    let forecast = try ZeroForecaster().predict(weekMatrix())
    #expect(forecast.p50 == [Float](repeating: 0, count: 8))
}

@Test func aMissingColumnFailsAtFitAndPredictNamingTheColumn() throws {
    let forecaster = ColumnCopyForecaster(.naiveD1, column: "dart_same_he_d1")
    let fitError = #expect(throws: BaselineError.self) { try forecaster.fit(train: dataset(weekMatrix()), validation: nil) }
    #expect(fitError?.code == .missingColumn)
    #expect(fitError?.subject == "dart_same_he_d1")
    let predictError = #expect(throws: BaselineError.self) { try forecaster.predict(weekMatrix()) }
    #expect(predictError?.description.contains("dart_same_he_d1") == true)
}

@Test func baselinesSaveAndLoadTheirColumns() throws {
    let directory = try SamplePaths.temporaryDirectory("baselines")
    let originals: [any Forecaster] = [
        ZeroForecaster(), ColumnCopyForecaster(.trailingMedian, column: "dart_median_28d"),
        ColumnCopyForecaster(.naiveD1, column: "dart_d1"), ColumnCopyForecaster(.naiveD7, column: "dart_d7"), epf(),
    ]
    for (index, original) in originals.enumerated() {
        let folder = directory.appendingPathComponent("\(index)")
        let files = try original.save(to: folder)
        #expect(files.map(\.lastPathComponent) == ["baseline.json"])
        let loaded = try BaselineLoader.load(from: folder)
        #expect(loaded.family == original.family)
        #expect(loaded.featureNames == original.featureNames)
        #expect(try loaded.predict(weekMatrix()).p50 == original.predict(weekMatrix()).p50)
    }
    let epfFolder = directory.appendingPathComponent("4")
    #expect(try EPFNaiveForecaster.load(from: epfFolder).weekBeforeColumn == "dart_d7")
    let wrongFamily = #expect(throws: BaselineError.self) { try ColumnCopyForecaster.load(from: epfFolder) }
    #expect(wrongFamily?.code == .invalidArtifact)
    let missing = #expect(throws: BaselineError.self) { try BaselineLoader.load(from: directory.appendingPathComponent("none")) }
    #expect(missing?.code == .invalidArtifact)
}
