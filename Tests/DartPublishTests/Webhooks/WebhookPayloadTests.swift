import Foundation
import Testing
@testable import DartPublish

/// The exact shapes Teams (Workflows + Adaptive Card) and Slack (Block Kit) expect.
@Suite struct WebhookPayloadTests {
    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func teamsMessageHasTheWorkflowsEnvelopeAndAnAdaptiveCard() throws {
        let message = try Self.object(try TeamsNotifier.payload(for: Notifications.succeeded))
        #expect(message["type"] as? String == "message")
        let attachments = try #require(message["attachments"] as? [[String: Any]])
        #expect(attachments.count == 1)
        #expect(attachments[0]["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachments[0]["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard")
        #expect(card["version"] as? String == "1.4")
        #expect(card["$schema"] as? String == "http://adaptivecards.io/schemas/adaptive-card.json")
        let body = try #require(card["body"] as? [[String: Any]])
        #expect(body[0]["type"] as? String == "TextBlock")
        #expect(body[0]["color"] as? String == "Good")
        #expect(body[0]["text"] as? String == Notifications.succeeded.title)
        let factSets = body.filter { $0["type"] as? String == "FactSet" }.compactMap { $0["facts"] as? [[String: String]] }
        #expect(factSets.count == 2)
        #expect(factSets[0].contains { $0["title"] == "Points" && $0["value"] == "HB_NORTH, HB_WEST, LZ_HOUSTON" })
        #expect(factSets[1] == [["title": "max", "value": "88.13"], ["title": "mean_p10_p90_width", "value": "22.00"],
                                ["title": "mean_prediction", "value": "4.25"], ["title": "min", "value": "-31.50"]])
        let actions = try #require(card["actions"] as? [[String: String]])
        #expect(actions == [["type": "Action.OpenUrl", "title": "Open run", "url": "https://dartcast.example.com/runs/run-7f3a"]])
    }

    @Test func teamsFailureCardIsRedWithTheStepAndErrorAndNoLinkWithoutOne() throws {
        let message = try Self.object(try TeamsNotifier.payload(for: Notifications.failed))
        let card = try #require((message["attachments"] as? [[String: Any]])?.first?["content"] as? [String: Any])
        let body = try #require(card["body"] as? [[String: Any]])
        #expect(body[0]["color"] as? String == "Attention")
        let texts = body.compactMap { $0["text"] as? String }
        #expect(texts.contains("Failed step: train"))
        #expect(texts.contains("LightGBM: training set has 0 rows for HB_PAN <check ingest>"))
        #expect(card["actions"] == nil)
    }

    @Test func slackMessageHasHeaderFieldsContextAndTextFallback() throws {
        let message = try Self.object(try SlackNotifier.payload(for: Notifications.failed))
        #expect(message["text"] as? String == Notifications.failed.text)
        let blocks = try #require(message["blocks"] as? [[String: Any]])
        #expect(blocks.first?["type"] as? String == "header")
        #expect(blocks.last?["type"] as? String == "context")
        let header = try #require(blocks[0]["text"] as? [String: Any])
        #expect(header["type"] as? String == "plain_text")
        #expect((header["text"] as? String)?.hasPrefix(":x: dartcast hourly run run-9b21 FAILED at train") == true)
        let fields = try #require(blocks[1]["fields"] as? [[String: String]])
        #expect(fields.count <= 10)
        #expect(fields.contains { $0["text"] == "*Job*\nretrain" })
        // Slack's control characters are escaped in mrkdwn.
        let failure = try #require(blocks.compactMap { ($0["text"] as? [String: String])?["text"] }.first { $0.hasPrefix("*Failed step:*") })
        #expect(failure.contains("&lt;check ingest&gt;"))
    }

    @Test func slackContextCarriesTheLink() throws {
        let message = try Self.object(try SlackNotifier.payload(for: Notifications.succeeded))
        let blocks = try #require(message["blocks"] as? [[String: Any]])
        let context = try #require(blocks.last?["elements"] as? [[String: String]])
        #expect(context[0]["text"]?.contains("<https://dartcast.example.com/runs/run-7f3a|Open run>") == true)
        #expect(blocks.contains { $0["type"] as? String == "section" && ($0["text"] as? [String: String])?["text"]?.contains("mean_prediction: 4.25") == true })
    }

    @Test func genericWebhookBodyIsTheNotificationItself() throws {
        let data = try JSONWebhookNotifier.payload(for: Notifications.failed)
        #expect(try JSONDecoder().decode(RunNotification.self, from: data) == Notifications.failed)
        #expect(try Self.object(data)["failedStep"] as? String == "train")
    }

    @Test func manyPointsAreShortened() {
        var notification = Notifications.succeeded
        notification.points = (1...25).map { "RN_\($0)" }
        let points = NotificationFacts(notification: notification).points
        #expect(points.hasSuffix("RN_20 (+5 more)"))
    }

    @Test func teamsCardPostedToAWorkflowArrivesIntact() async throws {
        let hook = try await ScriptedWebhook(statuses: [202])
        let notifier = try TeamsNotifier(webhookURL: hook.url, transport: WebhookTransport(httpClient: .shared, logger: CapturedLogs().logger()))
        try await notifier.send(Notifications.succeeded)
        let request = try #require(try hook.received.first)
        #expect(request.path.hasPrefix("/workflows/8c1f2e/triggers/manual/paths/invoke?api-version=1&sig="))
        #expect(Data(request.body.utf8) == (try TeamsNotifier.payload(for: Notifications.succeeded)))
    }
}
