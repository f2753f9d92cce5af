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
