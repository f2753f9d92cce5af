import DartCore
import DartRuns
import DartTesting
import Foundation
import Testing
@testable import DartPublish

/// Item 10 of "Hardening and finish": `.tmp-*` files left in a partition by a writer killed
/// mid-put are removed when the partition is published again; a live writer's are kept.
@Suite(.serialized) struct StaleTemporaryFilesTests {
    /// A child process standing in for a writer; its identity names its temporary files.
    static func writer() throws -> (Process, ProcessIdentity) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["120"]
        try process.run()
        let me = ProcessIdentity.current
        let ticks = try #require(ProcessIdentity.startTicks(of: process.processIdentifier))
        return (process, ProcessIdentity(pid: process.processIdentifier, startTicks: ticks, host: me.host, bootID: me.bootID))
    }

    @Test func publishingRemovesTemporaryFilesOfGoneWritersOnly() async throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-stale-tmp")
        let publisher = PartitionPublisher(store: FileObjectStore(root: root))
        let issue = UTCFormat.parse("2024-11-02T10:00:00Z")!
        try await publisher.publish(rows: PartitionPublisherTests.rows(issueUTC: issue), product: "dayahead", issueUTC: issue,
                                    runID: "run-a", createdAtUTC: issue)
        let folder = root.appendingPathComponent("product=dayahead/issue_date=2024-11-02/issue_hour=10")
        func leave(_ name: String, age: TimeInterval = 0) throws {
            let url = folder.appendingPathComponent(name)
            try Data(repeating: 7, count: 1000).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
        }
        let (killed, killedIdentity) = try Self.writer()
        let (alive, aliveIdentity) = try Self.writer()
        defer { if alive.isRunning { kill(alive.processIdentifier, SIGKILL) } }
        let killedFile = TemporaryFileName.make(owner: killedIdentity)
        let aliveFile = TemporaryFileName.make(owner: aliveIdentity)
        // A file of a writer whose PID now belongs to a process started at another time.
        var reused = aliveIdentity
        reused.startTicks += 1
        let reusedFile = TemporaryFileName.make(owner: reused)
        var elsewhere = aliveIdentity
        elsewhere.host += "-other"
        let elsewhereFile = TemporaryFileName.make(owner: elsewhere)
        for name in [killedFile, aliveFile, reusedFile, elsewhereFile] { try leave(name) }
        try leave(".tmp-5A0C1E0B-0000-4000-8000-000000000001", age: 2 * 3600)  // an older dartcast's, 2 h old
        try leave(".tmp-5A0C1E0B-0000-4000-8000-000000000002", age: 60)        // an older dartcast's, a minute old
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()

        try await publisher.publish(rows: PartitionPublisherTests.rows(issueUTC: issue, offset: 1), product: "dayahead",
                                    issueUTC: issue, runID: "run-b", createdAtUTC: issue + 60)
        var files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(files == ["_manifest.json", "part-run-b.parquet", aliveFile, elsewhereFile,
                          ".tmp-5A0C1E0B-0000-4000-8000-000000000002"])
        #expect(try await publisher.read(product: "dayahead", issueUTC: issue)?.count == 50)

        // Once that writer is gone too, the next publish removes its file.
        kill(alive.processIdentifier, SIGKILL)
        alive.waitUntilExit()
        try await publisher.publish(rows: PartitionPublisherTests.rows(issueUTC: issue), product: "dayahead", issueUTC: issue,
                                    runID: "run-c", createdAtUTC: issue + 120)
        files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(files == ["_manifest.json", "part-run-c.parquet", elsewhereFile, ".tmp-5A0C1E0B-0000-4000-8000-000000000002"])
    }
}
