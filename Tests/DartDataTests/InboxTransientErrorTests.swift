import DartCore
import DartTesting
import Foundation
import GRDB
import Logging
import Testing
@testable import DartData

/// A store that is locked longer than the wait leaves an inbox file in the inbox (next run
/// ingests it); only a file whose content cannot be ingested is moved to `inbox/rejected/`.
@Suite(.serialized) struct InboxTransientErrorTests {
    @Test func aLockedStoreLeavesTheFileInTheInboxAndTheNextRunIngestsIt() async throws {
        let directory = try SamplePaths.temporaryDirectory("dartcast-inbox-lock")
        let inbox = InboxIngest(dataDirectory: directory, logger: Logger(label: "test"))
        try FileManager.default.createDirectory(at: inbox.inbox, withIntermediateDirectories: true)
        let file = inbox.inbox.appendingPathComponent("dart.csv")
        let lines = SampleText.dartHourlySlice(points: ["HB_NORTH"], from: "2024-11-01", through: "2024-11-02")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let store = try MarketStore(directory: directory, logger: Logger(label: "test"), zone: .ercot, lockWaitSeconds: 0.2)

        // Another writer (a real second connection to the same file) holds the write lock.
        let other = try DatabaseQueue(path: directory.appendingPathComponent("market.sqlite").path)
        let locked = try await other.writeWithoutTransaction { db -> InboxIngest.Outcome in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try inbox.run(store: store)
        }
        #expect(locked.ingested.isEmpty)
        #expect(locked.rejected.isEmpty)
        #expect(locked.deferred.map(\.file) == ["dart.csv"])
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(!FileManager.default.fileExists(atPath: inbox.rejectedDirectory.path))

        let next = try inbox.run(store: store)
        #expect(next.ingested.count == 1)
        #expect(next.rowsStored == lines.count - 1)
        #expect(FileManager.default.fileExists(atPath: inbox.processedDirectory.appendingPathComponent("dart.csv").path))
    }
}
