import DartCore
import DartFeatures
import DartTesting
import Foundation
import Testing
@testable import DartModels

/// A test-only member with fixed quantiles, to check how intervals combine. Like the learned
/// models, it refuses a matrix whose columns differ from its own.
private final class FixedQuantileMember: Forecaster {
    struct WrongColumns: Error {}
    let family = ModelFamilyName.lightgbm
    let featureNames = ["a"]
    let offset: Float
    init(offset: Float) { self.offset = offset }
    func fit(train: Dataset, validation: Dataset?) throws {}
    func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        guard features.names == featureNames else { throw WrongColumns() }
        let p50 = (0..<features.rowCount).map { features[$0, 0] + offset }
        return QuantileForecast(p50: p50, p10: p50.map { $0 - 10 }, p90: p50.map { $0 + 10 })
    }
    func save(to directory: URL) throws -> [URL] { [] }
}

/// Targets 10 and 20; column a (9, 21) is off by 1, column b (13, 17) by 3.
private func validation() -> Dataset {
    let features = FeatureMatrix(names: ["a", "b"], rowCount: 2, values: [9, 13, 21, 17])
    return Dataset(features: features, target: [10, 20])
}

private func members() -> [(name: String, forecaster: any Forecaster)] {
    [("naive-a", ColumnCopyForecaster(.naiveD1, column: "a")), ("naive-b", ColumnCopyForecaster(.naiveD7, column: "b"))]
}

@Test func inverseMAEWeightsComeFromValidationWithoutRetraining() throws {
    let ensemble = try EnsembleForecaster(members: members(), weighting: .inverseMAE)
    try ensemble.fit(train: validation(), validation: validation())
    // 1/1 : 1/3 → 0.75 : 0.25
    #expect(ensemble.members.map(\.validationMAE) == [1, 3])
    #expect(abs(ensemble.members[0].weight - 0.75) < 1e-12)
    #expect(abs(ensemble.members[1].weight - 0.25) < 1e-12)
    let forecast = try ensemble.predict(FeatureMatrix(names: ["a", "b"], rowCount: 1, values: [4, 8]))
    #expect(forecast.p50 == [5])  // 0.75 × 4 + 0.25 × 8
    #expect(forecast.p10 == nil)  // baselines give no interval
    #expect(ensemble.featureNames == ["a", "b"])
}

@Test func equalWeightingIgnoresValidationMAE() throws {
    let ensemble = try EnsembleForecaster(members: members(), weighting: .equal)
    #expect(ensemble.members.map(\.weight) == [0.5, 0.5])
    #expect(try ensemble.predict(FeatureMatrix(names: ["a", "b"], rowCount: 1, values: [4, 8])).p50 == [6])
}

@Test func intervalsCombineWhenEveryMemberHasThem() throws {
    let ensemble = try EnsembleForecaster(
        members: [("low", FixedQuantileMember(offset: 0)), ("high", FixedQuantileMember(offset: 4))],
        validationMAE: [2, 2])
    let forecast = try ensemble.predict(FeatureMatrix(names: ["a"], rowCount: 2, values: [1, 3]))
    #expect(forecast.p50 == [3, 5])
    #expect(forecast.p10 == [-7, -5])
    #expect(forecast.p90 == [13, 15])
}

@Test func unusableWeightsAreRefused() throws {
    let zero = #expect(throws: EnsembleError.self) { try EnsembleForecaster(members: members(), validationMAE: [0, 1]) }
    #expect(zero?.code == .invalidValidationMAE)
    #expect(zero?.subject == "naive-a")
    let unfitted = try EnsembleForecaster(members: members())
    #expect(throws: EnsembleError.self) { try unfitted.predict(FeatureMatrix(names: ["a", "b"], rowCount: 1, values: [1, 1])) }
    #expect(throws: EnsembleError.self) { try unfitted.fit(train: validation(), validation: nil) }
    let duplicate = #expect(throws: EnsembleError.self) {
        try EnsembleForecaster(members: [members()[0], members()[0]], weighting: .equal)
    }
    #expect(duplicate?.code == .duplicateMemberName)
    #expect(throws: EnsembleError.self) { try EnsembleForecaster(members: []) }
}

@Test func ensembleSavesMembersAndWeightsAndLoadsThem() throws {
    let directory = try SamplePaths.temporaryDirectory("ensemble")
    let ensemble = try EnsembleForecaster(members: members(), validationMAE: [1, 3])
    let files = try ensemble.save(to: directory)
    #expect(files.map(\.lastPathComponent) == ["ensemble.json"])

    let byName = Dictionary(uniqueKeysWithValues: members().map { ($0.name, $0.forecaster) })
    let loaded = try EnsembleForecaster.load(from: directory) { member in byName[member.name]! }
    #expect(loaded.members == ensemble.members)
    #expect(loaded.weighting == .inverseMAE)
    let matrix = FeatureMatrix(names: ["a", "b"], rowCount: 1, values: [4, 8])
    #expect(try loaded.predict(matrix).p50 == ensemble.predict(matrix).p50)

    let mismatch = #expect(throws: EnsembleError.self) {
        try EnsembleForecaster.load(from: directory) { _ in ZeroForecaster() }
    }
    #expect(mismatch?.code == .invalidArtifact)
}

@Test func eachMemberGetsItsOwnColumns() throws {
    let ensemble = try EnsembleForecaster(
        members: [("strict", FixedQuantileMember(offset: 0)), ("naive-b", ColumnCopyForecaster(.naiveD7, column: "b"))],
        weighting: .equal)
    #expect(ensemble.featureNames == ["a", "b"])
    let forecast = try ensemble.predict(FeatureMatrix(names: ["b", "extra", "a"], rowCount: 2, values: [8, 0, 2, 4, 0, 6]))
    #expect(forecast.p50 == [5, 5])  // (2 + 8)/2, (6 + 4)/2
    let missing = #expect(throws: EnsembleError.self) {
        try ensemble.predict(FeatureMatrix(names: ["b"], rowCount: 1, values: [1]))
    }
    #expect(missing?.code == .missingFeature)
    #expect(missing?.subject == "strict")
}

@Test func medianCombinationIgnoresOneWildMemberAndSurvivesAReload() throws {
    let calm = [("low", FixedQuantileMember(offset: 0)), ("high", FixedQuantileMember(offset: 4))] as [(name: String, forecaster: any Forecaster)]
    let ensemble = try EnsembleForecaster(members: calm + [("wild", FixedQuantileMember(offset: 500))], weighting: .median,
                                          validationMAE: [2, 2, 2])
    #expect(ensemble.members.map(\.weight).allSatisfy { abs($0 - 1.0 / 3) < 1e-12 })  // recorded for display
    let matrix = FeatureMatrix(names: ["a"], rowCount: 2, values: [1, 3])
    let forecast = try ensemble.predict(matrix)
    #expect(forecast.p50 == [5, 7])  // the middle member (offset 4); a mean would be 169 and 171
    #expect(forecast.p10 == [-5, -3])
    #expect(forecast.p90 == [15, 17])
    // An even count takes the mean of the two middle members.
    let pair = try EnsembleForecaster(members: calm, weighting: .median)
    #expect(try pair.predict(matrix).p50 == [3, 5])

    let directory = try SamplePaths.temporaryDirectory("median-ensemble")
    _ = try ensemble.save(to: directory)
    let byName = Dictionary(uniqueKeysWithValues: (calm + [("wild", FixedQuantileMember(offset: 500))]).map { ($0.name, $0.forecaster) })
    let loaded = try EnsembleForecaster.load(from: directory) { byName[$0.name]! }
    #expect(loaded.weighting == .median)
    #expect(try loaded.predict(matrix).p50 == [5, 7])
}

@Test func medianLeavesANonFiniteMemberValueOutOfItsRow() {
    let forecasts = [QuantileForecast(p50: [1, .nan, .nan]), QuantileForecast(p50: [2, 4, .nan]),
                     QuantileForecast(p50: [.nan, 6, .infinity])]
    let median = EnsembleForecaster.median(forecasts).p50
    #expect(Array(median.prefix(2)) == [1.5, 5])  // the finite members' median, not a NaN's sort rank
    #expect(median[2].isNaN)
}
