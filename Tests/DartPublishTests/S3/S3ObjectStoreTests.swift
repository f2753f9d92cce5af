import AsyncHTTPClient
import DartCore
import DartTesting
import Foundation
import Testing
@testable import DartPublish

/// The S3 store against the real SeaweedFS of `scripts/test-services` (signatures checked).
@Suite struct S3ObjectStoreTests {
    static func store(_ service: TestServices.S3, bucket: String, secret: String? = nil, listPageSize: Int = 1000,
                      logs: CapturedLogs = CapturedLogs()) throws -> S3ObjectStore {
        try S3ObjectStore(
            configuration: .init(endpoint: service.endpoint, bucket: bucket,
                                 credentials: .init(accessKeyID: service.accessKeyID, secretAccessKey: secret ?? service.secretAccessKey),
                                 requestTimeout: .seconds(20), listPageSize: listPageSize),
            httpClient: .shared, logger: logs.logger())
    }

    /// Each test's own key space inside one shared bucket: the test SeaweedFS has room for very
    /// few buckets (each is a collection with its own volumes).
    static func testPrefix() -> String { "test-\(UUID().uuidString.prefix(8).lowercased())/" }

    /// One bucket for every test (isolated by key prefixes): see `testPrefix`.
    static let sharedBucket = "dartcast-test"
    static func missingBucket() -> String { "dartcast-missing-\(UUID().uuidString.prefix(8).lowercased())" }

    @Test(.enabled(if: TestServices.shouldRun(TestServices.s3 != nil)))
    func roundTripWithAwkwardKeysAndPagedListing() async throws {
        let service = try #require(TestServices.s3)
        let store = try Self.store(service, bucket: Self.sharedBucket, listPageSize: 2)
        try await store.createBucketIfNeeded()
        try await store.createBucketIfNeeded()  // idempotent
        try await ObjectStoreContract.roundTrip(PrefixedObjectStore(base: store, prefix: Self.testPrefix()))
    }

    @Test(.enabled(if: TestServices.shouldRun(TestServices.s3 != nil)))
    func aWrongSecretIsUnauthorizedAndTheErrorHoldsNoSecret() async throws {
        let service = try #require(TestServices.s3)
        let bucket = Self.sharedBucket
        try await Self.store(service, bucket: bucket).createBucketIfNeeded()
        let wrongSecret = "wrong-\(service.secretAccessKey)"
        let logs = CapturedLogs()
        let store = try Self.store(service, bucket: bucket, secret: wrongSecret, logs: logs)
        let error = try await #require(throws: ObjectStoreError.self) {
            try await store.put(Data("x".utf8), key: "a.json", contentType: "application/json")
        }
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("HTTP 403"))
        for text in [error.message, store.displayName, String(describing: store.configuration)] + logs.all {
            #expect(!text.contains(wrongSecret) && !text.contains("Signature="), "leaked: \(text)")
        }
    }

    @Test(.enabled(if: TestServices.shouldRun(TestServices.s3 != nil)))
    func partitionsPublishAndReadBackThroughS3() async throws {
        let service = try #require(TestServices.s3)
        let store = try Self.store(service, bucket: Self.sharedBucket)
        try await store.createBucketIfNeeded()
        try await ObjectStoreContract.publishesPartitions(PrefixedObjectStore(base: store, prefix: Self.testPrefix()))
    }

    @Test(.enabled(if: TestServices.shouldRun(TestServices.s3 != nil)))
    func aMissingBucketIsAnErrorThatSaysWhatToDo() async throws {
        let service = try #require(TestServices.s3)
        let store = try Self.store(service, bucket: Self.missingBucket())
        let error = try await #require(throws: ObjectStoreError.self) { try await store.get(key: "a.json") }
        #expect(error.message.contains("NoSuchBucket") && error.message.contains("createBucketIfNeeded"))
    }

    /// With a client that does not retry connecting (as docs/publishing.md recommends), a
    /// refused connection fails at once instead of at the request deadline.
    @Test func aStoppedServerIsUnreachableQuickly() async throws {
        let port = try HTTPReceiverProcess.closedPort()
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let store = try S3ObjectStore(
            configuration: .init(endpoint: URL(string: "http://127.0.0.1:\(port)")!, bucket: "b",
                                 credentials: .init(accessKeyID: "AKID", secretAccessKey: "s3cr3t"), requestTimeout: .seconds(60)),
            httpClient: client, logger: CapturedLogs().logger())
        let started = ContinuousClock.now
        let error = await #expect(throws: ObjectStoreError.self) { try await store.get(key: "a.json") }
        let elapsed = ContinuousClock.now - started
        try await client.shutdown()
        // The point is failing at the refusal, not at the 60 s deadline; the margin absorbs a loaded 2-core test run.
        #expect(elapsed < .seconds(15), "well before the 60 s deadline")
        #expect(error?.code == .unreachable)
        #expect(error?.message.contains("s3://b@http://127.0.0.1:\(port)") == true)
        #expect(error?.message.contains("connection refused") == true)
        #expect(error?.message.contains("s3cr3t") == false)
    }

    /// With the shared default client (which retries connecting), the request deadline bounds the wait.
    @Test func aStoppedServerIsUnreachableByTheDeadlineWithADefaultClient() async throws {
        let port = try HTTPReceiverProcess.closedPort()
        let store = try S3ObjectStore(
            configuration: .init(endpoint: URL(string: "http://127.0.0.1:\(port)")!, bucket: "b",
                                 credentials: .init(accessKeyID: "AKID", secretAccessKey: "s3cr3t"), requestTimeout: .seconds(1)),
            httpClient: .shared, logger: CapturedLogs().logger())
        let error = try await #require(throws: ObjectStoreError.self) { try await store.delete(key: "a.json") }
        #expect(error.code == .unreachable)
    }

    @Test func displayNameAndConfigurationShowNoSecrets() throws {
        let store = try S3ObjectStore(
            configuration: .init(endpoint: URL(string: "https://user:pw@s3.us-east-2.amazonaws.com")!, bucket: "forecasts", region: "us-east-2",
                                 credentials: .init(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI", sessionToken: "FwoGZXIvYXdzE")),
            httpClient: .shared, logger: CapturedLogs().logger())
        #expect(store.displayName == "s3://forecasts@https://s3.us-east-2.amazonaws.com")
        for text in [String(describing: store.configuration), String(reflecting: store.configuration.credentials)] {
            #expect(!text.contains("wJalrXUtnFEMI") && !text.contains("FwoGZXIvYXdzE"), "leaked: \(text)")
        }
    }
}
