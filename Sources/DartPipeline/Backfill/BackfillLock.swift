import DartFileLocks
import Foundation

/// One backfill at a time per data directory: an exclusive `FileLock` on
/// `<data-dir>/backfill/backfill.lock`, which the kernel releases when the process ends, even
/// after `kill -9`. So a `running` backfill record found while holding the lock was left by a
/// process that died.
final class BackfillLock {
    private let fileLock: FileLock

    /// - Throws: `PipelineError(.configuration)` when another backfill holds the lock, or the file cannot be opened.
    init(directory: URL) throws {
        let url = directory.appendingPathComponent("backfill.lock")
        let taken: FileLock?
        do {
            taken = try FileLock.tryExclusive(at: url)
        } catch {
            throw PipelineError(.configuration, "cannot take the backfill lock: \(error)")
        }
        guard let taken else {
            throw PipelineError(.configuration, "another dartcast backfill is running in this data directory (it holds \(url.path)); wait for it to finish")
        }
        fileLock = taken
    }

    func release() { fileLock.release() }
}
