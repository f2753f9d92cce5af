import Foundation

/// The message a Microsoft Teams Workflows webhook ("Post to a channel when a webhook request is
/// received") turns into a post: an Adaptive Card (1.4) with the run status in colour, what was
/// forecast, summary statistics as a FactSet, the failed step and error, and a link to the run.
public enum TeamsCard: WebhookMessageFormat {
    public static let channel = "teams"

    /// The Workflows envelope: a `message` with one Adaptive Card attachment.
    public static func payload(for notification: RunNotification) throws -> Data {
        try NotificationFacts.json([
            "type": "message",
            "attachments": [[
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": NSNull(),
                "content": card(for: notification),
            ] as [String: Any]],
        ])
    }

    static func card(for notification: RunNotification) -> [String: Any] {
        let facts = NotificationFacts(notification: notification)
        let color = switch notification.outcome {
        case .succeeded: "Good"
        case .failed: "Attention"
        case .degraded: "Warning"
        case .alert: "Warning"
        }
        var body: [[String: Any]] = [
            ["type": "TextBlock", "text": notification.title, "weight": "Bolder", "size": "Medium", "color": color, "wrap": true],
            factSet(facts.run),
        ]
        if let alert = notification.alert {
            body.append(["type": "TextBlock", "text": alert, "color": "Warning", "wrap": true])
        }
        if !facts.summary.isEmpty {
            body.append(["type": "TextBlock", "text": "Summary", "weight": "Bolder", "spacing": "Medium"])
            body.append(factSet(facts.summary))
        }
        if notification.failedStep != nil || notification.error != nil {
            body.append(["type": "TextBlock", "text": notification.failedStep == nil && notification.outcome == .degraded
                            ? "Degraded" : "Failed step: \(notification.failedStep ?? "unknown")",
                         "weight": "Bolder", "color": "Attention", "spacing": "Medium"])
            if let error = notification.error {
                body.append(["type": "TextBlock", "text": error, "wrap": true, "fontType": "Monospace"])
            }
        }
        var card: [String: Any] = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "msteams": ["width": "Full"],
            "body": body,
        ]
        if let link = notification.link {
            card["actions"] = [["type": "Action.OpenUrl", "title": "Open run", "url": link]]
        }
        return card
    }

    private static func factSet(_ facts: [(title: String, value: String)]) -> [String: Any] {
        ["type": "FactSet", "facts": facts.map { ["title": $0.title, "value": $0.value] }]
    }
}
