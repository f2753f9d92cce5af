import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory `flock` on a file, shared by every dartcast process using a data
/// directory (and by separate opens within one process). The kernel drops it when the holder's
/// process ends in any way, even `kill -9`, and the descriptor is close-on-exec, so a child
/// process never keeps one alive. Run locks, the backfill lock, partition locks and schema locks
/// are all this one primitive.
public final class FileLock: @unchecked Sendable {
    public let url: URL
    private var descriptor: Int32
    private let guardLock = NSLock()

    private init(url: URL, descriptor: Int32) {
        self.url = url
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Takes the lock if nobody holds it.
    /// - Parameter create: create the file (and its folder) when missing; with false a missing
    ///   file throws `.missing`.
    /// - Returns: nil when another holder has it.
    public static func tryExclusive(at url: URL, create: Bool = true) throws(FileLockError) -> FileLock? {
        try take(url: url, create: create, wait: false)
    }

    /// Takes the lock, waiting (this thread blocks) for another holder to release it.
    public static func exclusive(at url: URL) throws(FileLockError) -> FileLock {
        // With wait = true, take returns only with the lock held.
        try take(url: url, create: true, wait: true)!
    }

    /// Takes the lock, waiting for another holder without blocking a thread: one descriptor is
    /// opened and retried every `interval` until the lock is free. Throws `CancellationError`
    /// (closing the descriptor) when the task is cancelled while waiting.
    public static func exclusive(at url: URL, pollingEvery interval: Duration) async throws -> FileLock {
        let descriptor = try openDescriptor(url: url, create: true)
        while try !lock(descriptor, url: url, blocking: false) {
            do {
                try await Task.sleep(for: interval)
            } catch {
                close(descriptor)
                throw error
            }
        }
        return FileLock(url: url, descriptor: descriptor)
    }

    /// Runs `body` holding the lock, waiting (this thread blocks) for another holder first.
    public static func withExclusive<T>(at url: URL, _ body: () throws -> T) throws -> T {
        let lock = try exclusive(at: url)
        defer { lock.release() }
        return try body()
    }

    /// The lock that serialises applying a SQLite file's schema: `<file>.schema.lock`, beside it.
    /// GRDB's migrator reads which migrations are applied outside the transaction that applies
    /// them, so two processes creating one new file at once both applied "v1" and the second
    /// failed with "table … already exists".
    public static func schemaLockURL(of databaseFile: URL) -> URL {
        databaseFile.deletingLastPathComponent().appendingPathComponent(databaseFile.lastPathComponent + ".schema.lock")
    }

    /// Releases the lock; the file stays, so a later probe finds it free.
    public func release() {
        guardLock.withLock {
            guard descriptor >= 0 else { return }
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    private static func take(url: URL, create: Bool, wait: Bool) throws(FileLockError) -> FileLock? {
        let descriptor = try openDescriptor(url: url, create: create)
        guard try lock(descriptor, url: url, blocking: wait) else {
            close(descriptor)
            return nil
        }
        return FileLock(url: url, descriptor: descriptor)
    }

    private static func openDescriptor(url: URL, create: Bool) throws(FileLockError) -> Int32 {
        if create {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw FileLockError(.cannotOpen, path: url.path, problem: "cannot create its folder (\(error.localizedDescription))")
            }
        }
        let descriptor = open(url.path, create ? (O_RDWR | O_CREAT | O_CLOEXEC) : (O_RDWR | O_CLOEXEC), 0o644)
        guard descriptor >= 0 else {
            let problem = String(cString: strerror(errno))
            throw FileLockError(errno == ENOENT ? .missing : .cannotOpen, path: url.path, problem: "cannot open it (\(problem))")
        }
        return descriptor
    }

    /// Locks an open descriptor: true when taken, false when another holder has it (only when
    /// not blocking; the descriptor stays open). On any other failure it closes the descriptor and throws.
    private static func lock(_ descriptor: Int32, url: URL, blocking: Bool) throws(FileLockError) -> Bool {
        while flock(descriptor, blocking ? LOCK_EX : (LOCK_EX | LOCK_NB)) != 0 {
            let failure = errno
            if failure == EINTR { continue }
            if failure == EWOULDBLOCK { return false }
            close(descriptor)
            throw FileLockError(.cannotLock, path: url.path, problem: "cannot lock it (\(String(cString: strerror(failure))))")
        }
        return true
    }
}

/// A lock file that could not be opened or locked; names the file and what to check.
public struct FileLockError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        /// The file does not exist (only when asked not to create it).
        case missing
        case cannotOpen
        case cannotLock
    }

    public let code: Code
    public let path: String
    public let problem: String

    public init(_ code: Code, path: String, problem: String) {
        self.code = code
        self.path = path
        self.problem = problem
    }

    public var description: String {
        switch code {
        case .missing: "lock file \(path): \(problem)"
        case .cannotOpen: "lock file \(path): \(problem); check that its folder exists and is writable by this user"
        case .cannotLock: "lock file \(path): \(problem); put the data directory on a local file system that supports flock"
        }
    }
}
