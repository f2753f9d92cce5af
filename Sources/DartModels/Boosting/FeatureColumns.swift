import DartFeatures

/// Column checks shared by the boosting forecasters.
enum FeatureColumns {
    /// Throws unless `actual` equals the training columns, naming what is missing, extra or out of order.
    static func requireMatch(trained expected: [String], given actual: [String], library: BoostingLibrary) throws {
        guard expected != actual else { return }
        let expectedSet = Set(expected)
        let actualSet = Set(actual)
        let missing = expected.filter { !actualSet.contains($0) }
        let unexpected = actual.filter { !expectedSet.contains($0) }
        var detail: String
        if !missing.isEmpty || !unexpected.isEmpty {
            detail = "missing \(missing.prefix(10)), unexpected \(unexpected.prefix(10))"
        } else if expected.count != actual.count {
            detail = "same names but \(actual.count) columns instead of \(expected.count) (duplicates?)"
        } else {
            let column = expected.indices.first { expected[$0] != actual[$0] } ?? 0
            detail = "column \(column) is '\(actual[column])' but the model was trained with '\(expected[column])'"
        }
        throw BoostingError(
            code: .featureMismatch, library: library, key: "feature_names",
            hint: "The matrix's columns differ from the \(expected.count) training columns (\(detail)). "
                + "Build prediction features with the same feature set the model was trained on, or retrain.")
    }

    /// Validates the training and validation sets before any native call; their columns must match.
    static func validate(train: Dataset, validation: Dataset?, library: BoostingLibrary) throws {
        try validate(train, role: "training", library: library)
        if let validation {
            try validate(validation, role: "validation", library: library)
            try requireMatch(trained: train.features.names, given: validation.features.names, library: library)
        }
    }

    private static func validate(_ dataset: Dataset, role: String, library: BoostingLibrary) throws {
        let features = dataset.features
        guard features.rowCount > 0, features.columnCount > 0 else {
            throw BoostingError(
                code: .invalidTrainingData, library: library, key: role,
                hint: "The \(role) set has \(features.rowCount) rows and \(features.columnCount) columns; it needs at least one of each.")
        }
        guard features.rowCount <= Int(Int32.max) else {
            throw BoostingError(
                code: .invalidTrainingData, library: library, key: role, value: String(features.rowCount),
                hint: "The \(role) set has more rows than the native libraries accept (\(Int32.max)); train on a shorter window.")
        }
        if Set(features.names).count != features.names.count {
            var seen = Set<String>()
            let duplicate = features.names.first { !seen.insert($0).inserted } ?? ""
            throw BoostingError(
                code: .invalidTrainingData, library: library, key: role, value: duplicate,
                hint: "Column '\(duplicate)' appears more than once in the \(role) set; feature names must be unique.")
        }
        if let row = dataset.target.firstIndex(where: { !$0.isFinite }) {
            throw BoostingError(
                code: .invalidTrainingData, library: library, key: role, value: "row \(row): \(dataset.target[row])",
                hint: "The \(role) target is not finite at row \(row); drop rows without a realised DART before fitting.")
        }
    }
}
