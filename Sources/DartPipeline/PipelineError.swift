import DartCore

/// A pipeline failure, with the step or setting involved and what to do about it.
public typealias PipelineError = CodedError<PipelineErrorCode>

public enum PipelineErrorCode: String, Sendable {
    case configuration, noData, noModel, training, prediction, publish, interrupted
}
