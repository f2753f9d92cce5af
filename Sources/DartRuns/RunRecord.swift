import DartCore
import Foundation

/// `degraded`: the run published, but its inputs were past their freshness limits at the issue
/// time, or it published fewer model families than configured (`RunRecord.inputs` says why).
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running, succeeded, failed, interrupted, skipped, degraded

    /// The run published its forecasts (`succeeded` or `degraded`).
    public var published: Bool { self == .succeeded || self == .degraded }
}

public enum StepStatus: String, Codable, Sendable {
    case pending, running, succeeded, failed, skipped
}

/// One step of a run, with timings and what it produced or why it failed.
public struct StepRecord: Codable, Hashable, Sendable {
    public var name: String
    public var status: StepStatus
    public var startedAtUTC: Int64?
    public var finishedAtUTC: Int64?
    public var durationSeconds: Double?
    public var error: String?
    /// Short facts about the step's output (rows, versions, files).
    public var detail: [String: String]

    public init(name: String, status: StepStatus = .pending, startedAtUTC: Int64? = nil, finishedAtUTC: Int64? = nil,
                durationSeconds: Double? = nil, error: String? = nil, detail: [String: String] = [:]) {
        self.name = name
        self.status = status
        self.startedAtUTC = startedAtUTC
        self.finishedAtUTC = finishedAtUTC
        self.durationSeconds = durationSeconds
        self.error = error
        self.detail = detail
    }
}

/// What a run did: its identity (job, slot), parameters, step outcomes, models, row counts.
/// Errors stored here are our own messages, which never carry secrets.
public struct RunRecord: Codable, Hashable, Sendable {
    public var runID: String
    public var job: String
    /// The scheduled slot (or the issue time of a manual run), UTC seconds.
    public var slotUTC: Int64
    public var attempt: Int
    public var product: String
    public var params: [String: String]
    public var status: RunStatus
    public var startedAtUTC: Int64
    public var finishedAtUTC: Int64?
    public var steps: [StepRecord]
    /// family → version used for prediction.
    public var modelVersions: [String: String]
    public var rowCounts: [String: Int]
    public var logPath: String?
    public var error: String?
    /// What the run's inputs were at its issue time; nil on records written before it existed.
    public var inputs: RunInputs?
    /// The process that ran it (it holds `runs/<run_id>/run.lock` while running); nil on records
    /// written before run locks existed.
    public var owner: ProcessIdentity?

    public init(runID: String, job: String, slotUTC: Int64, attempt: Int = 1, product: String, params: [String: String],
                status: RunStatus = .running, startedAtUTC: Int64, steps: [StepRecord] = []) {
        self.runID = runID
        self.job = job
        self.slotUTC = slotUTC
        self.attempt = attempt
        self.product = product
        self.params = params
        self.status = status
        self.startedAtUTC = startedAtUTC
        self.steps = steps
        self.modelVersions = [:]
        self.rowCounts = [:]
    }

    public var durationSeconds: Double? { finishedAtUTC.map { Double($0 - startedAtUTC) } }
}
