import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = partition.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "=" ? $0 : "_" }
        let path = directory.appendingPathComponent(String(name) + ".lock").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ObjectStoreError(.io, "cannot open the partition lock \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw ObjectStoreError(.io, "cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }
}
