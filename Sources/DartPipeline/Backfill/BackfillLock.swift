import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One backfill at a time per data directory: an exclusive `flock` on
/// `<data-dir>/backfill/backfill.lock`, which the kernel releases when the process ends, even
/// after `kill -9`. So a `running` backfill record found while holding the lock was left by a
/// process that died.
final class BackfillLock {
    private var descriptor: Int32

    /// - Throws: `PipelineError(.configuration)` when another backfill holds the lock, or the file cannot be opened.
    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("backfill.lock").path
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipelineError(.configuration, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw PipelineError(.configuration, "another dartcast backfill is running in this data directory (it holds \(path)); wait for it to finish")
        }
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
