import Foundation

/// The gradient-boosting library a native call went to.
public enum BoostingLibrary: String, Hashable, Sendable, Codable {
    case lightgbm = "LightGBM"
    case xgboost = "XGBoost"
}

/// A failure while training, predicting, saving or loading a LightGBM/XGBoost forecaster.
///
/// Native failures carry the C function that failed and the library's own message
/// (`LGBM_GetLastError` / `XGBGetLastError`), so a bad parameter or a corrupt model file
/// reads as the library reported it.
public struct BoostingError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A LightGBM/XGBoost C call returned a failure status.
        case nativeCallFailed
        /// `predict` or `save` before `fit` (or `load`).
        case notFitted
        /// The prediction matrix's columns differ from the training columns.
        case featureMismatch
        /// Empty data, non-finite targets, duplicate or inconsistent columns, too many rows.
        case invalidTrainingData
        /// A hyperparameter that cannot be passed to the library as given.
        case invalidHyperparameter
        /// A saved model directory lacks a file the sidecar names.
        case artifactMissing
        /// A sidecar that cannot be decoded or disagrees with its model files.
        case artifactUnreadable
        /// The library returned output of a shape or format we did not ask for.
        case unexpectedNativeOutput
    }

    public var code: Code
    public var library: BoostingLibrary?
    /// The C function that failed, e.g. `LGBM_BoosterCreate`.
    public var call: String?
    /// The library's own error text.
    public var nativeMessage: String?
    /// File involved, if any.
    public var path: String?
    /// Hyperparameter key or field involved, if any.
    public var key: String?
    /// Offending value, if any (never a secret: these are model parameters and column names).
    public var value: String?
    /// What went wrong and what to do about it.
    public var hint: String

    public init(
        code: Code, library: BoostingLibrary? = nil, call: String? = nil, nativeMessage: String? = nil,
        path: String? = nil, key: String? = nil, value: String? = nil, hint: String
    ) {
        self.code = code
        self.library = library
        self.call = call
        self.nativeMessage = nativeMessage
        self.path = path
        self.key = key
        self.value = value
        self.hint = hint
    }

    public var description: String {
        var parts = ["BoostingError.\(code.rawValue)"]
        if let library { parts.append("library=\(library.rawValue)") }
        if let call { parts.append("call=\(call)") }
        if let path { parts.append("path=\(path)") }
        if let key { parts.append("key=\(key)") }
        if let value { parts.append("value=\(value)") }
        var text = parts.joined(separator: " ") + ": " + hint
        if let nativeMessage { text += " Library said: \(nativeMessage)" }
        return text
    }

    static func native(_ library: BoostingLibrary, call: String, message: String, path: String? = nil) -> BoostingError {
        BoostingError(
            code: .nativeCallFailed, library: library, call: call, nativeMessage: message, path: path,
            hint: "\(call) failed; check the hyperparameters, the input data and, when loading, that the model file is intact.")
    }
}
