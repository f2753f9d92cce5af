import DartServer
import DartPipeline
import Foundation

/// A fault-injection knob for drain tests: hold every run before one step until the run is
/// cancelled, after writing a marker file so the test knows a run is in flight. Off unless
/// `DARTCAST_HOLD_BEFORE_STEP` names a step; never set it in production.
public struct StepHold: Sendable, Hashable {
    public static let stepVariable = "DARTCAST_HOLD_BEFORE_STEP"
    public static let markerVariable = "DARTCAST_HOLD_MARKER"

    public let step: String
    /// Written (with the step name) when a run reaches the hold.
    public let markerFile: URL?

    public init(step: String, markerFile: URL?) {
        self.step = step
        self.markerFile = markerFile
    }

    /// The hold named by the environment, or nil.
    public static func fromEnvironment(_ environment: [String: String]) -> StepHold? {
        guard let step = environment[stepVariable], !step.isEmpty else { return nil }
        return StepHold(step: step, markerFile: environment[markerVariable].map { URL(fileURLWithPath: $0) })
    }

    /// Run hooks that stop at each step boundary once cancelled, and hold before `hold.step` when given.
    public static func hooks(_ hold: StepHold?) -> RunHooks {
        RunHooks { step in
            try Task.checkCancellation()
            guard let hold, hold.step == step else { return }
            if let marker = hold.markerFile { try Data(step.utf8).write(to: marker, options: .atomic) }
            while true { try await Task.sleep(for: .milliseconds(50)) }  // ends by cancellation only
        }
    }
}
