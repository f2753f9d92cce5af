import DartCore
import Foundation

/// What every notifier says about a run: its outcome, what it forecast, and on failure the
/// step and the error. Errors here are our own messages, which never carry secrets.
public struct RunNotification: Codable, Hashable, Sendable {
    /// `degraded`: published, but with stale inputs or fewer model families than configured (`error` says which).
    public enum Outcome: String, Codable, Sendable { case succeeded, failed, alert, degraded }

    public var runID: String
    public var job: String
    public var product: String
    public var outcome: Outcome
    public var slotUTC: Int64
    public var issueTimeUTC: Int64?
    public var points: [String]
    public var rowCount: Int
    /// Summary statistics of the forecast, by name (e.g. `mean_prediction`, `min`, `max`, `mean_p10_p90_width`).
    public var summary: [String: Double]
    public var failedStep: String?
    public var error: String?
    /// A link to the run on the dashboard, when the server's public URL is configured.
    public var link: String?
    /// For alerts: what crossed which threshold.
    public var alert: String?

    public init(runID: String, job: String, product: String, outcome: Outcome, slotUTC: Int64, issueTimeUTC: Int64? = nil,
                points: [String] = [], rowCount: Int = 0, summary: [String: Double] = [:], failedStep: String? = nil,
                error: String? = nil, link: String? = nil, alert: String? = nil) {
        self.runID = runID
        self.job = job
        self.product = product
        self.outcome = outcome
        self.slotUTC = slotUTC
        self.issueTimeUTC = issueTimeUTC
        self.points = points
        self.rowCount = rowCount
        self.summary = summary
        self.failedStep = failedStep
        self.error = error
        self.link = link
        self.alert = alert
    }

    /// One line: `dartcast dayahead run 3f2c… succeeded: 360 rows for 15 points`.
    public var title: String {
        switch outcome {
        case .succeeded: "dartcast \(product) run \(runID) succeeded: \(rowCount) rows for \(points.count) points"
        case .failed: "dartcast \(product) run \(runID) FAILED at \(failedStep ?? "an unknown step")"
        case .degraded: "dartcast \(product) run \(runID) DEGRADED: \(rowCount) rows for \(points.count) points"
        case .alert: "dartcast alert (\(product)): \(alert ?? "")"
        }
    }

    /// Plain-text body shared by email, console and fallbacks.
    public var text: String {
        var lines = [title, "job: \(job)", "slot (UTC): \(UTCFormat.iso8601(slotUTC))"]
        if let issueTimeUTC { lines.append("issue time (UTC): \(UTCFormat.iso8601(issueTimeUTC))") }
        if !points.isEmpty { lines.append("points: \(points.joined(separator: ", "))") }
        for (key, value) in summary.sorted(by: { $0.key < $1.key }) { lines.append("\(key): \(String(format: "%.2f", value))") }
        if let failedStep { lines.append("failed step: \(failedStep)") }
        if let error { lines.append("\(outcome == .degraded ? "degraded because" : "error"): \(error)") }
        if let link { lines.append("details: \(link)") }
        return lines.joined(separator: "\n")
    }
}

/// A channel that tells people about runs. A failing notifier never fails the run: the
/// pipeline records its error instead.
public protocol Notifier: Sendable {
    /// `teams`, `slack`, `email`, `webhook`, `console`.
    var channel: String { get }
    func send(_ notification: RunNotification) async throws
}

public typealias NotifierError = CodedError<NotifierErrorCode>

public enum NotifierErrorCode: String, Sendable { case http, timeout, smtp, configuration, gaveUp }
