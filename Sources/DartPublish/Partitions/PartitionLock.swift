import DartFileLocks
import Foundation

/// An exclusive lock per partition across processes sharing a data directory (an advisory
/// `flock` on `<data-dir>/locks/<partition>.lock`). Two runs of one slot at once would otherwise
/// interleave "write file → write manifest → delete files not in it" and leave a manifest naming
/// a file the other run deleted. The kernel drops the lock when a holder dies, even by kill -9.
public struct PartitionLock: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Runs `body` holding the partition's lock, waiting (without blocking a thread) for another holder.
    public func withLock<T: Sendable>(partition: String, _ body: () async throws -> T) async throws -> T {
        let name = partition.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "=" ? $0 : "_" }
        let url = directory.appendingPathComponent(String(name) + ".lock")
        let lock: FileLock
        do {
            lock = try await FileLock.exclusive(at: url, pollingEvery: .milliseconds(20))
        } catch let error as FileLockError {
            throw ObjectStoreError(.io, "cannot take the partition lock: \(error)")
        }
        defer { lock.release() }
        return try await body()
    }
}
