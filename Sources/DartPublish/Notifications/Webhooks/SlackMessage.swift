import Foundation

/// The Block Kit message for a Slack incoming webhook: a header with the outcome, the run's facts
/// as section fields, summary statistics, the failure, and a context line with the link. `text`
/// carries the plain-text fallback for notifications and old clients.
public enum SlackMessage: WebhookMessageFormat {
    public static let channel = "slack"

    /// Slack limits: header text 150 characters, 10 fields per section, 3000 per text.
    public static func payload(for notification: RunNotification) throws -> Data {
        let facts = NotificationFacts(notification: notification)
        let icon = switch notification.outcome {
        case .succeeded: ":white_check_mark:"
        case .failed: ":x:"
        case .degraded: ":large_orange_diamond:"
        case .alert: ":warning:"
        }
        var blocks: [[String: Any]] = [
            ["type": "header", "text": ["type": "plain_text", "text": String("\(icon) \(notification.title)".prefix(150)), "emoji": true]],
            ["type": "section", "fields": facts.run.prefix(10).map { mrkdwn("*\(escape($0.title))*\n\(escape($0.value))") }],
        ]
        if let alert = notification.alert {
            blocks.append(["type": "section", "text": mrkdwn(":warning: \(escape(alert))")])
        }
        if !facts.summary.isEmpty {
            let lines = facts.summary.map { "\($0.title): \($0.value)" }.joined(separator: "\n")
            blocks.append(["type": "section", "text": mrkdwn(String("*Summary*\n```\(escape(lines))```".prefix(3000)))])
        }
        if notification.failedStep != nil || notification.error != nil {
            var text = notification.failedStep == nil && notification.outcome == .degraded
                ? "*Degraded*" : "*Failed step:* \(escape(notification.failedStep ?? "unknown"))"
            if let error = notification.error { text += "\n```\(escape(error))```" }
            blocks.append(["type": "section", "text": mrkdwn(String(text.prefix(3000)))])
        }
        var context = "dartcast · run \(escape(notification.runID))"
        if let link = notification.link { context += " · <\(link)|Open run>" }
        blocks.append(["type": "context", "elements": [mrkdwn(context)]])
        return try NotificationFacts.json(["text": notification.text, "blocks": blocks])
    }

    private static func mrkdwn(_ text: String) -> [String: Any] { ["type": "mrkdwn", "text": text] }

    /// Slack's three control characters in mrkdwn.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
