import Foundation

/// Encoded responses by key, least recently stored dropped first. The predictions cache keys by
/// the query and the runs that answer it, so a new run changes the key and nothing stale is
/// served; a repeated query then costs one SQLite lookup.
final class ResponseCache: @unchecked Sendable {
    /// An encoded answer and the next-page cursor sent with it.
    struct Entry: Sendable {
        var body: Data
        var cursor: String?
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func value(_ key: String) -> Entry? { lock.withLock { entries[key] } }

    func store(_ data: Entry, for key: String) {
        lock.withLock {
            guard entries.updateValue(data, forKey: key) == nil else { return }
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
    }
}
