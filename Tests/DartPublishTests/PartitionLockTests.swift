import DartCore
import DartTesting
import Foundation
import Testing
@testable import DartPublish

/// Two runs of one slot publishing the same partition at once (found by `scripts/fault-inject`):
/// without the partition lock the later manifest can name a file the other publish deleted.
@Suite struct PartitionLockTests {
    /// Holds the first manifest write back until the second publish has finished everything.
    final class StallingStore: ObjectStore, @unchecked Sendable {
        let inner = InMemoryObjectStore()
        var displayName: String { "stalling" }
        private let lock = NSLock()
        private var stalledOnce = false
        let secondDone = AsyncStream<Void>.makeStream()

        func put(_ data: Data, key: String, contentType: String) async throws {
            let stall = lock.withLock { () -> Bool in
                guard key.hasSuffix(PartitionManifest.fileName), !stalledOnce else { return false }
                stalledOnce = true
                return true
            }
            if stall {
                // Wait (at most 1 s) for the other publish to complete.
                _ = await withTaskGroup(of: Void.self) { group in
                    group.addTask { for await _ in self.secondDone.stream { return } }
                    group.addTask { try? await Task.sleep(for: .seconds(1)) }
                    await group.next()
                    group.cancelAll()
                }
            }
            try await inner.put(data, key: key, contentType: contentType)
        }
        func get(key: String) async throws -> Data? { try await inner.get(key: key) }
        func list(prefix: String) async throws -> [String] { try await inner.list(prefix: prefix) }
        func delete(key: String) async throws { try await inner.delete(key: key) }
    }

    func publishTwiceAtOnce(lock: PartitionLock?) async throws -> [ForecastRow]? {
        let store = StallingStore()
        let publisher = PartitionPublisher(store: store, lock: lock)
        let issue = UTCFormat.parse("2025-01-15T11:00:00Z")!
        let rows = PartitionPublisherTests.rows(issueUTC: issue)
        async let first: PartitionManifest = publisher.publish(rows: rows, product: "dayahead", issueUTC: issue, runID: "slot-1", createdAtUTC: issue)
        try await Task.sleep(for: .milliseconds(100))
        _ = try await publisher.publish(rows: rows, product: "dayahead", issueUTC: issue, runID: "slot-2", createdAtUTC: issue)
        store.secondDone.continuation.yield()
        _ = try await first
        return try await publisher.read(product: "dayahead", issueUTC: issue)
    }

    @Test func concurrentPublishesOfOnePartitionLeaveAReadableManifest() async throws {
        let directory = try SamplePaths.temporaryDirectory("partition-lock")
        let rows = try await publishTwiceAtOnce(lock: PartitionLock(directory: directory))
        #expect(rows?.count == PartitionPublisherTests.rows(issueUTC: 0).count)
    }

    @Test func withoutTheLockTheRaceLosesTheManifestedFile() async throws {
        await #expect(throws: ObjectStoreError.self) { _ = try await publishTwiceAtOnce(lock: nil) }
    }
}
