import DartCore
import Foundation

/// The facts every chat card shows, in display order, so Teams and Slack say the same things.
struct NotificationFacts {
    static let maxPointsShown = 20

    let notification: RunNotification

    /// Job, product, outcome, rows, points, slot and issue time.
    var run: [(title: String, value: String)] {
        var facts: [(title: String, value: String)] = [("Job", notification.job), ("Product", notification.product),
                                                       ("Outcome", notification.outcome.rawValue), ("Run", notification.runID)]
        if notification.outcome != .alert || notification.rowCount > 0 { facts.append(("Rows", String(notification.rowCount))) }
        if !notification.points.isEmpty { facts.append(("Points", points)) }
        facts.append(("Slot (UTC)", UTCFormat.iso8601(notification.slotUTC)))
        if let issue = notification.issueTimeUTC { facts.append(("Issue time (UTC)", UTCFormat.iso8601(issue))) }
        return facts
    }

    /// Summary statistics by name, values with two decimals.
    var summary: [(title: String, value: String)] {
        notification.summary.sorted { $0.key < $1.key }.map { (title: $0.key, value: String(format: "%.2f", $0.value)) }
    }

    /// Up to `maxPointsShown` names, then how many more.
    var points: String {
        let shown = notification.points.prefix(Self.maxPointsShown).joined(separator: ", ")
        let more = notification.points.count - Self.maxPointsShown
        return more > 0 ? "\(shown) (+\(more) more)" : shown
    }

    static func json(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
