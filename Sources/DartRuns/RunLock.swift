import DartFileLocks
import Foundation

/// `<data-dir>/runs/<run_id>/run.lock`: held (`flock`, exclusive) by the process that runs the
/// run, from before its record is inserted until its final status is saved. The kernel releases
/// it when that process ends in any way (SIGKILL, crash, power cut), so a `running` record whose
/// lock is free belongs to a process that is gone. The descriptor is close-on-exec: child
/// processes never keep a lock alive.
public final class RunLock: @unchecked Sendable {
    private let fileLock: FileLock
    public var url: URL { fileLock.url }

    private init(_ fileLock: FileLock) {
        self.fileLock = fileLock
    }

    public static func url(dataDirectory: URL, runID: String) -> URL {
        dataDirectory.appendingPathComponent("runs").appendingPathComponent(runID).appendingPathComponent("run.lock")
    }

    /// Takes the lock of `runID`, creating the file.
    /// - Returns: nil when another process (or another claim in this one) holds it.
    /// - Throws: `RunStoreError.storage` when the file cannot be created.
    public static func acquire(dataDirectory: URL, runID: String) throws -> RunLock? {
        do {
            return try FileLock.tryExclusive(at: url(dataDirectory: dataDirectory, runID: runID)).map(RunLock.init)
        } catch {
            throw RunStoreError(.storage, "cannot take the run lock: \(error)")
        }
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
        do {
            return try FileLock.tryExclusive(at: url(dataDirectory: dataDirectory, runID: runID), create: false)
                .map { .free(RunLock($0)) } ?? .held
        } catch {
            // Unreadable counts as held: never reap a run whose lock cannot be checked.
            return error.code == .missing ? .missing : .held
        }
    }

    /// Releases the lock (the file stays, so later probes see a finished run's lock free).
    public func release() { fileLock.release() }
}
