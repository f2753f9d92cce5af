/// A pipeline failure, with the step or setting involved and what to do about it.
public struct PipelineError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case configuration, noData, noModel, training, prediction, publish, interrupted
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
