import AsyncHTTPClient
import DartCore
import Foundation
import Testing
@testable import DartPublish

/// The Azure store end to end against `http_receiver.py azure`, which verifies every request's
/// SharedKey signature (or SAS token) with its own implementation.
@Suite struct AzureBlobObjectStoreTests {
    static let account = "dartcasttest"
    static let key = Data((0..<64).map { UInt8(($0 * 37 + 11) % 256) }).base64EncodedString()

    static func store(_ receiver: HTTPReceiverProcess, credential: AzureBlobObjectStore.Credential,
                      listPageSize: Int = 5000, logs: CapturedLogs = CapturedLogs()) throws -> AzureBlobObjectStore {
        try AzureBlobObjectStore(
            configuration: .init(accountName: account, container: "forecasts", credential: credential,
                                 endpoint: URL(string: receiver.baseURL + "/" + account), requestTimeout: .seconds(10),
                                 listPageSize: listPageSize),
            httpClient: .shared, logger: logs.logger())
    }

    @Test func sharedKeyRoundTripWithAwkwardKeysAndPagedListing() async throws {
        let receiver = try await HTTPReceiverProcess.start(["azure", Self.account, Self.key])
        let store = try Self.store(receiver, credential: .sharedKey(accountKey: Self.key), listPageSize: 2)
        try await store.createContainerIfNeeded()
        try await store.createContainerIfNeeded()  // idempotent
        try await ObjectStoreContract.roundTrip(store)
    }

    @Test func aWrongKeyIsUnauthorizedAndTheErrorHoldsNoSecret() async throws {
        let receiver = try await HTTPReceiverProcess.start(["azure", Self.account, Self.key])
        let good = try Self.store(receiver, credential: .sharedKey(accountKey: Self.key))
        try await good.createContainerIfNeeded()
        let wrongKey = Data((0..<64).map { UInt8($0) }).base64EncodedString()
        let logs = CapturedLogs()
        let bad = try Self.store(receiver, credential: .sharedKey(accountKey: wrongKey), logs: logs)
        let error = try await #require(throws: ObjectStoreError.self) {
            try await bad.put(Data("x".utf8), key: "a.json", contentType: "application/json")
        }
        #expect(error.code == .unauthorized)
        #expect(error.message.contains("HTTP 403 AuthenticationFailed"))
        for text in [error.message, bad.displayName, String(describing: bad.configuration)] + logs.all {
            #expect(!text.contains(wrongKey) && !text.contains("SharedKey"), "leaked: \(text)")
        }
        #expect(try await good.get(key: "a.json") == nil, "nothing was stored")
    }

    @Test func sasModeSendsTheTokenAndNoAuthorizationHeader() async throws {
        let token = "sv=2025-11-05&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00%3A00%3A00Z&sig=c2FzLXNpZ25hdHVyZQ%3D%3D"
        // The receiver in SAS mode answers 403 to any request with an Authorization header or without the token.
        let receiver = try await HTTPReceiverProcess.start(["azure", Self.account, Self.key, token])
        let store = try Self.store(receiver, credential: .sas(token: "?" + token))
        try await store.createContainerIfNeeded()
        try await store.put(Data("sas".utf8), key: "via sas/ok.json", contentType: "application/json")
        #expect(try await store.get(key: "via sas/ok.json") == Data("sas".utf8))
        #expect(try await store.list(prefix: "via sas/") == ["via sas/ok.json"])
        let wrong = try Self.store(receiver, credential: .sas(token: token.replacingOccurrences(of: "c2FzLXNp", with: "d3JvbmdT")))
        let error = try await #require(throws: ObjectStoreError.self) { try await wrong.get(key: "via sas/ok.json") }
        #expect(error.code == .unauthorized)
        #expect(!error.message.contains("sig="))
        // SharedKey requests are refused by a SAS-only receiver: it really checks for the header.
        let sharedKey = try Self.store(receiver, credential: .sharedKey(accountKey: Self.key))
        await #expect(throws: ObjectStoreError.self) { try await sharedKey.get(key: "via sas/ok.json") }
    }

    @Test func partitionsPublishAndReadBackThroughAzure() async throws {
        let receiver = try await HTTPReceiverProcess.start(["azure", Self.account, Self.key])
        let store = try Self.store(receiver, credential: .sharedKey(accountKey: Self.key))
        try await store.createContainerIfNeeded()
        try await ObjectStoreContract.publishesPartitions(store)
    }

    @Test func aMissingContainerIsAnErrorThatSaysWhatToDo() async throws {
        let receiver = try await HTTPReceiverProcess.start(["azure", Self.account, Self.key])
        let store = try Self.store(receiver, credential: .sharedKey(accountKey: Self.key))
        let error = try await #require(throws: ObjectStoreError.self) { try await store.get(key: "a.json") }
        #expect(error.message.contains("ContainerNotFound") && error.message.contains("createContainerIfNeeded"))
    }
}
