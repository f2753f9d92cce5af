import DartFileLocks
import Foundation
import Testing

@Suite struct FileLockTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dartcast-filelock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aHeldLockIsRefusedUntilReleasedAndTheFileStays() throws {
        let url = try temporaryFolder().appendingPathComponent("nested/a.lock")
        let first = try #require(try FileLock.tryExclusive(at: url))
        #expect(try FileLock.tryExclusive(at: url) == nil)
        first.release()
        first.release()  // twice is harmless
        let second = try #require(try FileLock.tryExclusive(at: url))
        second.release()
        #expect(FileManager.default.fileExists(atPath: url.path))
    }

    @Test func withoutCreatingAMissingFileIsReportedAsMissingAndNamed() throws {
        let url = try temporaryFolder().appendingPathComponent("absent.lock")
        do {
            _ = try FileLock.tryExclusive(at: url, create: false)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .missing)
            #expect(error.description.contains(url.path))
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func withExclusiveWaitsForTheHolderToRelease() throws {
        let url = try temporaryFolder().appendingPathComponent("wait.lock")
        let holder = try FileLock.exclusive(at: url)
        let entered = Timestamp()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? FileLock.withExclusive(at: url) { entered.set(Date()) }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.4)
        #expect(entered.get() == nil)
        let released = Date()
        holder.release()
        #expect(done.wait(timeout: .now() + 30) == .success)
        let enteredAt = try #require(entered.get())
        #expect(enteredAt >= released)
    }

    /// Another process's lock (util-linux `flock`) is refused, and freed when that process is killed.
    @Test func anotherProcessesLockIsRefusedAndFreedWhenItIsKilled() throws {
        let url = try temporaryFolder().appendingPathComponent("process.lock")
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

private final class Timestamp: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date?
    func set(_ date: Date) { lock.withLock { value = date } }
    func get() -> Date? { lock.withLock { value } }
}
