/// Reads a score from XGBoost's evaluation text, e.g. `[12]\tvalid-mae:3.25`.
enum XGBoostEvaluationLine {
    /// The value of `<dataset>-<metric>` in `line`.
    static func score(in line: String, dataset: String, metric: String) throws -> Double {
        let label = "\(dataset)-\(metric):"
        for field in line.split(whereSeparator: { $0 == "\t" || $0 == " " }) where field.hasPrefix(label) {
            if let value = Double(field.dropFirst(label.count)) { return value }
        }
        throw BoostingError(
            code: .unexpectedNativeOutput, library: .xgboost, call: "XGBoosterEvalOneIter", key: label, value: line,
            hint: "XGBoost's evaluation text has no '\(label)<number>' field; do not override `eval_metric` in raw parameters.")
    }
}
