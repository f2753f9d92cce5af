import AsyncHTTPClient
import DartCore
import DartPublish
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

@Suite(.serialized) struct OutboxFaultTests {
    /// A webhook answering 500, 500, then 200, with no in-call retries: the delivery stays
    /// pending through two attempts and is delivered exactly once on the third.
    @Test func webhookFailingTwiceIsDeliveredOnceByRetries() async throws {
        let receiver = try await ScriptedWebhookReceiver(statuses: [500, 500, 200])
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON(extra: """
            "output": {"notify": true},
            "notifications": {"enabled": true, "on_success": true, "max_retries": 0, "timeout_seconds": 5, "webhook": {"enabled": true}}
            """), environment: ["DARTCAST_WEBHOOK_URL": receiver.url])
        let pipeline = fixture.pipeline(workspace)
        let run = try await pipeline.execute(fixture.request())
        #expect(run.record.status == .succeeded)
        let webhook = try #require(run.deliveries.first { $0.target == "notify:webhook" })
        #expect(webhook.status == .pending)
        #expect(webhook.attempts == 1)
        #expect(webhook.lastError?.contains("HTTP 500") == true)
        #expect(webhook.lastError?.contains("secret-path-token") == false)
        #expect(run.deliveries.first { $0.target == "objectstore" }?.status == .delivered)

        let second = try await pipeline.retryPending()
        #expect(second.attempted == 1)
        #expect(second.delivered == 0)
        #expect(second.stillPending.first?.attempts == 2)
        let third = try await pipeline.retryPending()
        #expect(third.delivered == 1)
        #expect(third.stillPending.isEmpty)
        let fourth = try await pipeline.retryPending()
        #expect(fourth.attempted == 0)

        let bodies = try receiver.bodies
        #expect(bodies.count == 3)
        #expect(Set(bodies).count == 1)  // the same message each time, from the outbox copy
        #expect(bodies[0].contains(run.record.runID))
        let stored = try workspace.runStore().deliveries(runID: run.record.runID).first { $0.target == "notify:webhook" }
        #expect(stored?.status == .delivered)
        #expect(stored?.attempts == 3)
    }

    /// S3 unreachable: the partition delivery stays pending; once the endpoint works it is
    /// delivered from the outbox copy, once.
    @Test(.enabled(if: TestServices.shouldRun(TestServices.s3 != nil)))
    func unreachableS3StaysPendingUntilTheEndpointWorks() async throws {
        let s3 = try #require(TestServices.s3)
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox()
        let prefix = "pipeline-\(UUID().uuidString.prefix(8).lowercased())"
        func settings(endpoint: String) -> String {
            PipelineFixture.settingsJSON(extra: """
                "storage": {"object_store": {"kind": "s3", "bucket": "dartcast-test", "endpoint": "\(endpoint)", "path": "\(prefix)"}}
                """)
        }
        let environment = ["DARTCAST_S3_ACCESS_KEY_ID": s3.accessKeyID, "DARTCAST_S3_SECRET_ACCESS_KEY": s3.secretAccessKey]
        let down = try fixture.workspace(json: settings(endpoint: "http://127.0.0.1:\(try closedLoopbackPort())"), environment: environment)
        let run = try await fixture.pipeline(down).execute(fixture.request())
        #expect(run.record.status == .succeeded)
        let delivery = try #require(run.deliveries.first)
        #expect(delivery.target == "objectstore")
        #expect(delivery.status == .pending)
        #expect(delivery.lastError?.contains(s3.secretAccessKey) == false)
        #expect(try await fixture.pipeline(down).retryPending().stillPending.count == 1)

        let up = try fixture.workspace(json: settings(endpoint: s3.endpoint.absoluteString), environment: environment)
        let bucket = try S3ObjectStore(configuration: .init(endpoint: s3.endpoint, bucket: "dartcast-test",
                                                            credentials: .init(accessKeyID: s3.accessKeyID, secretAccessKey: s3.secretAccessKey)),
                                       httpClient: .shared, logger: up.logger)
        try await bucket.createBucketIfNeeded()
        let retry = try await fixture.pipeline(up).retryPending()
        #expect(retry.delivered == 1)
        #expect(try await fixture.pipeline(up).retryPending().attempted == 0)
        let publisher = try PublishTargetFactory(workspace: up).partitionPublisher()
        let rows = try #require(try await publisher.read(product: "dayahead", issueUTC: PipelineFixture.issueUTC))
        #expect(rows.count == 96)
        #expect(try await publisher.partitions(product: "dayahead").count == 1)
        // One Parquet file under the prefix; its manifest under `<prefix>_manifests` (outside the data tree).
        #expect(try await bucket.list(prefix: prefix + "/").map { $0.hasSuffix(".parquet") } == [true])
        #expect(try await bucket.list(prefix: prefix + "_manifests/").map { $0.hasSuffix("/_manifest.json") } == [true])
    }
}
