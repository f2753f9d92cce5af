/// Why the scheduler cannot do what was asked: the message names the job, setting or file and
/// says what to change.
public struct SchedulerError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// No job with this name in `scheduling.jobs`.
        case unknownJob
        /// The job's `schedule` text cannot be read.
        case invalidSchedule
        /// `scheduling.timezone` is not an IANA zone this system knows.
        case unknownTimeZone
        /// A count or time argument is out of range.
        case invalidArgument
        /// The state file cannot be opened, migrated, read or written.
        case stateStore
    }

    public let code: Code
    /// The job concerned, when there is one.
    public let job: String?
    /// The settings key concerned (`scheduling.jobs.hourly_predict.schedule`), when there is one.
    public let configKey: String?
    /// The state file concerned, when there is one.
    public let path: String?
    /// The offending value, when it is safe to show (schedule text, zone name, count).
    public let value: String?
    /// What is wrong and what to do about it.
    public let message: String

    public init(_ code: Code, job: String? = nil, configKey: String? = nil, path: String? = nil,
                value: String? = nil, message: String) {
        self.code = code
        self.job = job
        self.configKey = configKey
        self.path = path
        self.value = value
        self.message = message
    }

    public var description: String {
        var prefix: [String] = []
        if let path { prefix.append(path) }
        if let configKey { prefix.append(configKey) } else if let job { prefix.append("job \(job)") }
        return prefix.isEmpty ? message : prefix.joined(separator: ": ") + ": " + message
    }
}
