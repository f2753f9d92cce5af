import DartFeatures
import DartModels
import Foundation
import Testing

/// Bad parameters, bad columns and missing values.
@Suite struct BoostingInputErrorTests {
    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func invalidRawParameterSurfacesLibraryMessage(family: BoostingFamilyUnderTest) throws {
        let (raw, mention) = family.invalidRawParameter
        let model = family.make(raw: raw, maxRounds: 5)
        let error = try #require(throws: BoostingError.self) {
            try model.fit(train: SyntheticBoostingData.linear(rows: 500, seed: 81), validation: nil)
        }
        #expect(error.code == .nativeCallFailed)
        #expect(error.library == family.library)
        #expect(error.call != nil)
        let message = try #require(error.nativeMessage)
        #expect(message.contains(mention), "library message was: \(message)")
        #expect(error.description.contains(message))
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func rawParameterWithSpacesIsRejectedBeforeTheLibrary(family: BoostingFamilyUnderTest) throws {
        let model = family.make(raw: ["num_leaves": "3 objective=l2"])
        let error = try #require(throws: BoostingError.self) {
            try model.fit(train: SyntheticBoostingData.linear(rows: 200, seed: 82), validation: nil)
        }
        #expect(error.code == .invalidHyperparameter)
        #expect(error.key == "num_leaves")
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func mismatchedFeatureNamesThrow(family: BoostingFamilyUnderTest) throws {
        let model = family.make(maxRounds: 10)
        let train = SyntheticBoostingData.linear(rows: 500, seed: 83)
        try model.fit(train: train, validation: nil)
        let features = SyntheticBoostingData.linear(rows: 50, seed: 84).features
        #expect(throws: Never.self) { try model.predict(features) }

        var renamed = features
        renamed.names[2] = "x2_renamed"
        var reordered = features
        reordered.names.swapAt(0, 1)
        let dropped = FeatureMatrix(
            names: Array(features.names.dropLast()), rowCount: 1, values: Array(features.values.prefix(features.columnCount - 1)))
        for matrix in [renamed, reordered, dropped] {
            let error = try #require(throws: BoostingError.self) { try model.predict(matrix) }
            #expect(error.code == .featureMismatch)
        }
        let error = try #require(throws: BoostingError.self) { try model.predict(renamed) }
        #expect(error.description.contains("x2_renamed"), "the message names the unexpected column")
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func validationColumnsMustMatchTraining(family: BoostingFamilyUnderTest) throws {
        let model = family.make(maxRounds: 5)
        var validation = SyntheticBoostingData.linear(rows: 100, seed: 86)
        validation.features.names[4] = "other"
        let error = try #require(throws: BoostingError.self) {
            try model.fit(train: SyntheticBoostingData.linear(rows: 300, seed: 85), validation: validation)
        }
        #expect(error.code == .featureMismatch)
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func nanFeaturesAreMissingValues(family: BoostingFamilyUnderTest) throws {
        var train = SyntheticBoostingData.linear(rows: 3_000, seed: 87)
        var validation = SyntheticBoostingData.linear(rows: 500, seed: 88)
        var test = SyntheticBoostingData.linear(rows: 500, seed: 89)
        // Blank out every 5th value of the noise column x4 and every 7th of x2.
        for dataset in [0, 1, 2] {
            var matrix = [train, validation, test][dataset].features
            for row in 0..<matrix.rowCount {
                if row % 5 == 0 { matrix[row, 4] = .nan }
                if row % 7 == 0 { matrix[row, 2] = .nan }
            }
            switch dataset {
            case 0: train.features = matrix
            case 1: validation.features = matrix
            default: test.features = matrix
            }
        }
        var allMissing = test.features
        for column in 0..<allMissing.columnCount { allMissing[0, column] = .nan }

        let model = family.make()
        try model.fit(train: train, validation: validation)
        let forecast = try model.predict(test.features)
        #expect(forecast.p50.allSatisfy { $0.isFinite })
        #expect(forecast.p10?.allSatisfy { $0.isFinite } == true)
        let r2 = SyntheticBoostingData.rSquared(forecast.p50, test.target)
        #expect(r2 >= 0.85, "missing values in a minor column should cost little: R² \(r2)")
        #expect(try model.predict(allMissing).p50.allSatisfy { $0.isFinite }, "an all-NaN row still gets a forecast")
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func nonFiniteTargetIsRejected(family: BoostingFamilyUnderTest) throws {
        var train = SyntheticBoostingData.linear(rows: 200, seed: 90)
        train.target[17] = .nan
        let error = try #require(throws: BoostingError.self) { try family.make().fit(train: train, validation: nil) }
        #expect(error.code == .invalidTrainingData)
        #expect(error.description.contains("row 17"))
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func predictAndSaveBeforeFitThrowNotFitted(family: BoostingFamilyUnderTest) throws {
        let model = family.make()
        let features = SyntheticBoostingData.linear(rows: 10, seed: 91).features
        let predictError = try #require(throws: BoostingError.self) { try model.predict(features) }
        #expect(predictError.code == .notFitted)
        let saveError = try #require(throws: BoostingError.self) {
            try model.save(to: FileManager.default.temporaryDirectory.appendingPathComponent("never-written"))
        }
        #expect(saveError.code == .notFitted)
    }

    @Test(arguments: BoostingFamilyUnderTest.allCases)
    func emptyMatrixPredictsNoRows(family: BoostingFamilyUnderTest) throws {
        let model = family.make(maxRounds: 5)
        let train = SyntheticBoostingData.linear(rows: 300, seed: 92)
        try model.fit(train: train, validation: nil)
        let forecast = try model.predict(FeatureMatrix(names: train.features.names, rowCount: 0, values: []))
        #expect(forecast.p50.isEmpty && forecast.p10?.isEmpty == true && forecast.p90?.isEmpty == true)
    }
}
