/// An error with a code a caller can match and a message that tells the user what to fix. Each
/// area declares its codes and names its error, e.g.
/// `public typealias PipelineError = CodedError<PipelineErrorCode>`, so `PipelineError.Code`,
/// `PipelineError(.noData, "…")` and `catch let error as PipelineError` read as usual.
public struct CodedError<Code: Hashable & Sendable>: Error, Hashable, Sendable, CustomStringConvertible {
    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// A `CodedError` about one named thing, a setting, flag, source table or stored object, that its
/// description names first: `sources.postgres.dam: …`. Each area declares its codes, e.g.
/// `public typealias SourceError = ContextualError<SourceErrorCode>`.
public struct ContextualError<Code: Hashable & Sendable>: Error, Hashable, Sendable, CustomStringConvertible {
    public let code: Code
    /// The setting, flag, table or object involved.
    public let context: String
    public let message: String

    public init(_ code: Code, context: String, _ message: String) {
        self.code = code
        self.context = context
        self.message = message
    }

    public var description: String { "\(context): \(message)" }
}
