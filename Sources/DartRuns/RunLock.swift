import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `<data-dir>/runs/<run_id>/run.lock`: held (`flock`, exclusive) by the process that runs the
/// run, from before its record is inserted until its final status is saved. The kernel releases
/// it when that process ends in any way (SIGKILL, crash, power cut), so a `running` record whose
/// lock is free belongs to a process that is gone. The descriptor is close-on-exec: child
/// processes never keep a lock alive.
public final class RunLock: @unchecked Sendable {
    public let url: URL
    private var descriptor: Int32
    private let lock = NSLock()

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit { release() }

    public static func url(dataDirectory: URL, runID: String) -> URL {
        dataDirectory.appendingPathComponent("runs").appendingPathComponent(runID).appendingPathComponent("run.lock")
    }

    /// Takes the lock of `runID`, creating the file.
    /// - Returns: nil when another process (or another claim in this one) holds it.
    /// - Throws: `RunStoreError.storage` when the file cannot be created.
    public static func acquire(dataDirectory: URL, runID: String) throws -> RunLock? {
        let url = url(dataDirectory: dataDirectory, runID: runID)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw RunStoreError(.storage, "cannot create \(url.deletingLastPathComponent().path): \(error.localizedDescription); check that the data directory is writable")
        }
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunStoreError(.storage, "cannot create the run lock \(url.path): \(String(cString: strerror(errno))); check that the data directory is writable")
        }
        return take(url: url, descriptor: descriptor)
    }

    /// What a process that does not run `runID` can learn about its lock.
    public enum Probe {
        /// Its process is alive.
        case held
        /// Nobody holds it: the run's process is gone. The caller holds it until `release()`.
        case free(RunLock)
        /// There is no lock file (a record from before run locks, or the file was removed).
        case missing
    }

    /// Tries the lock without creating it.
    public static func probe(dataDirectory: URL, runID: String) -> Probe {
        let url = url(dataDirectory: dataDirectory, runID: runID)
        let descriptor = open(url.path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? .missing : .held }
        return take(url: url, descriptor: descriptor).map(Probe.free) ?? .held
    }

    private static func take(url: URL, descriptor: Int32) -> RunLock? {
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return RunLock(url: url, descriptor: descriptor)
    }

    /// Releases the lock (the file stays, so later probes see a finished run's lock free).
    public func release() {
        lock.withLock {
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }
}
