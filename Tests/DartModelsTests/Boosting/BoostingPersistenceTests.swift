import DartModels
import DartTesting
import Foundation
import Testing

/// Saved models reload to bit-identical predictions; broken artifacts fail with the library's message.
@Suite struct BoostingPersistenceTests {
    private static func bits(_ values: [Float]?) -> [UInt32]? { values?.map(\.bitPattern) }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func saveLoadPredictIsBitIdentical(family: BoostingFamilyUnderTest) throws {
        let directory = try SamplePaths.temporaryDirectory("boosting-roundtrip")
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = family.make()
        try model.fit(
            train: SyntheticBoostingData.heteroscedastic(rows: 4_000, seed: 61),
            validation: SyntheticBoostingData.heteroscedastic(rows: 1_000, seed: 62))
        var test = SyntheticBoostingData.heteroscedastic(rows: 1_000, seed: 63).features
        test[5, 0] = .nan  // missing values must take the same path after reload

        let before = try model.predict(test)
        let files = try model.save(to: directory)
        #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0.path) })
        #expect(files.contains { $0.pathExtension == "json" })

        let loaded = try family.load(from: directory)
        let after = try loaded.predict(test)
        #expect(Self.bits(after.p50) == Self.bits(before.p50))
        #expect(before.p10 != nil && before.p90 != nil)
        #expect(Self.bits(after.p10) == Self.bits(before.p10))
        #expect(Self.bits(after.p90) == Self.bits(before.p90))
        #expect(loaded.featureNames == model.featureNames)
        #expect(family.bestIterations(of: loaded) == family.bestIterations(of: model))
        #expect(loaded.family == model.family)
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func corruptModelFileSurfacesLibraryMessage(family: BoostingFamilyUnderTest) throws {
        let directory = try SamplePaths.temporaryDirectory("boosting-corrupt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = family.make(maxRounds: 20)
        try model.fit(train: SyntheticBoostingData.linear(rows: 1_000, seed: 71), validation: nil)
        let files = try model.save(to: directory)
        for file in files where file.pathExtension != "json" {
            try Data("this is not a model\n".utf8).write(to: file)
        }
        let error = try #require(throws: BoostingError.self) { try family.load(from: directory) }
        #expect(error.code == .nativeCallFailed)
        #expect(error.library == family.library)
        #expect(error.call == family.modelLoadCall)
        let message = try #require(error.nativeMessage)
        #expect(!message.isEmpty)
        #expect(error.description.contains(message), "the description shows the library's message")
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func missingModelFileIsReported(family: BoostingFamilyUnderTest) throws {
        let directory = try SamplePaths.temporaryDirectory("boosting-missing")
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = family.make(maxRounds: 10)
        try model.fit(train: SyntheticBoostingData.linear(rows: 500, seed: 72), validation: nil)
        let files = try model.save(to: directory)
        let modelFile = try #require(files.first { $0.pathExtension != "json" })
        try FileManager.default.removeItem(at: modelFile)
        let error = try #require(throws: BoostingError.self) { try family.load(from: directory) }
        #expect(error.code == .artifactMissing)
        #expect(error.path == modelFile.path)
    }

    @Test func loadingOtherFamilysDirectoryFails() throws {
        let directory = try SamplePaths.temporaryDirectory("boosting-wrong-family")
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = BoostingFamilyUnderTest.lightgbm.make(maxRounds: 5)
        try model.fit(train: SyntheticBoostingData.linear(rows: 500, seed: 73), validation: nil)
        _ = try model.save(to: directory)
        let error = try #require(throws: BoostingError.self) { try BoostingFamilyUnderTest.xgboost.load(from: directory) }
        #expect(error.code == .artifactMissing, "no xgboost.json in a LightGBM directory")
    }
}
