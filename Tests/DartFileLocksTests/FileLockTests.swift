import DartFileLocks
import DartTesting
import Foundation
import GRDB
import Testing

@Suite struct FileLockTests {
    @Test func aHeldLockIsRefusedUntilReleasedAndTheFileStays() throws {
        let url = try SamplePaths.temporaryDirectory("dartcast-filelock").appendingPathComponent("nested/a.lock")
        let first = try #require(try FileLock.tryExclusive(at: url))
        #expect(try FileLock.tryExclusive(at: url) == nil)
        first.release()
        first.release()  // twice is harmless
        let second = try #require(try FileLock.tryExclusive(at: url))
        second.release()
        #expect(FileManager.default.fileExists(atPath: url.path))
    }

    @Test func withoutCreatingAMissingFileIsReportedAsMissingAndNamed() throws {
        let url = try SamplePaths.temporaryDirectory("dartcast-filelock").appendingPathComponent("absent.lock")
        do {
            _ = try FileLock.tryExclusive(at: url, create: false)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .missing)
            #expect(error.description.contains(url.path))
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func withExclusiveWaitsForTheHolderToRelease() async throws {
        let url = try SamplePaths.temporaryDirectory("dartcast-filelock").appendingPathComponent("wait.lock")
        let holder = try FileLock.exclusive(at: url)
        let waiting = BackgroundCall { try FileLock.withExclusive(at: url) {} }
        try await Task.sleep(for: .milliseconds(400))
        #expect(waiting.finishedAt == nil)
        let released = Date()
        holder.release()
        #expect(await waiting.finished(within: 30))
        #expect(waiting.failure == nil)
        let finishedAt = try #require(waiting.finishedAt)
        #expect(finishedAt >= released)
    }

    @Test func thePollingWaitTakesTheLockOnceTheHolderReleasesIt() async throws {
        let url = try SamplePaths.temporaryDirectory("dartcast-filelock").appendingPathComponent("poll.lock")
        let holder = try FileLock.exclusive(at: url)
        let waiter = Task { try await FileLock.exclusive(at: url, pollingEvery: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try FileLock.tryExclusive(at: url) == nil)
        holder.release()
        let taken = try await waiter.value
        #expect(try FileLock.tryExclusive(at: url) == nil, "the waiter should hold the lock now")
        taken.release()
        let free = try #require(try FileLock.tryExclusive(at: url))
        free.release()
    }

    /// Cancelling a polling wait throws `CancellationError` and leaves no descriptor open.
    @Test func aCancelledPollingWaitClosesItsDescriptor() async throws {
        let url = try SamplePaths.temporaryDirectory("dartcast-filelock").appendingPathComponent("cancel.lock")
        let holder = try FileLock.exclusive(at: url)
        let before = openDescriptors(of: url)
        let waiter = Task { try await FileLock.exclusive(at: url, pollingEvery: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(200))
        #expect(openDescriptors(of: url) == before + 1, "the waiter keeps one descriptor while it polls")
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
        #expect(openDescriptors(of: url) == before)
        holder.release()
    }

    /// A migrator's pending migrations are applied under the file's schema lock; once current,
    /// the lock is not needed.
    @Test func migrationsWaitForTheSchemaLockOnlyWhileSomethingIsPending() async throws {
        let file = try SamplePaths.temporaryDirectory("dartcast-filelock").appendingPathComponent("store.sqlite")
        let migrator = {
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in try db.create(table: "t") { $0.column("x", .integer) } }
            return migrator
        }()
        let holder = try FileLock.exclusive(at: FileLock.schemaLockURL(of: file))
        let creating = BackgroundCall { try migrator.migrateUnderSchemaLock(DatabaseQueue(path: file.path), file: file) }
        try await Task.sleep(for: .milliseconds(400))
        #expect(creating.finishedAt == nil, "a new file was migrated without its schema lock")
        holder.release()
        #expect(await creating.finished(within: 30))
        #expect(creating.failure == nil, "\(creating.failure ?? "")")

        let again = try FileLock.exclusive(at: FileLock.schemaLockURL(of: file))
        let reopening = BackgroundCall { try migrator.migrateUnderSchemaLock(DatabaseQueue(path: file.path), file: file) }
        let openedWhileHeld = await reopening.finished(within: 30)
        again.release()
        #expect(openedWhileHeld, "a current file waited for its schema lock")
        #expect(await reopening.finished(within: 30))
        #expect(reopening.failure == nil)
    }

    /// How many of this process's descriptors are open on `url` (from /proc/self/fd).
    private func openDescriptors(of url: URL) -> Int {
        let folder = "/proc/self/fd"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + $0)) == url.path }.count
    }

    /// Another process's lock (util-linux `flock`) is refused, and freed when that process is killed.
    @Test func anotherProcessesLockIsRefusedAndFreedWhenItIsKilled() throws {
        let url = try SamplePaths.temporaryDirectory("dartcast-filelock").appendingPathComponent("process.lock")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // -o: `sleep` does not inherit the lock; only `flock` itself holds it.
        holder.arguments = ["-o", url.path, "sleep", "5"]
        try holder.run()
        var refused = false
        for _ in 0..<100 where !refused {
            if let mine = try FileLock.tryExclusive(at: url) {
                mine.release()  // the child has not locked it yet
                Thread.sleep(forTimeInterval: 0.05)
            } else {
                refused = true
            }
        }
        #expect(refused)
        kill(holder.processIdentifier, SIGKILL)
        // The kernel closes a dead process's descriptors at once, before it is reaped.
        var taken: FileLock?
        for _ in 0..<200 where taken == nil {
            taken = try FileLock.tryExclusive(at: url)
            if taken == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(taken != nil)
    }
}
