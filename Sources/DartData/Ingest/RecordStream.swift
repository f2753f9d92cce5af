import Foundation

/// Hands records from the parsing thread to the store while the file is still being read, so
/// decompression and parsing overlap SQLite's inserts on a second core. Only records that extend
/// the key order are sent; a file out of key order abandons the stream and is stored whole after
/// parsing (see `StreamingEmitter`).
final class RecordStream: @unchecked Sendable {  // all state is guarded by `condition`
    enum Message {
        /// Records in key order, one per key, with the names interned since the previous chunk.
        case chunk(RecordBatch, newNames: [String])
        /// The file is not in key order (or its layout interleaves series): everything sent so
        /// far must be discarded and the parsed file stored whole.
        case abandoned
    }

    private let condition = NSCondition()
    private var queue: [Message] = []
    private var closed = false
    private var cancelled = false

    /// Parser side: queues a message; false when the store side has given up.
    func send(_ message: Message) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled else { return false }
        queue.append(message)
        condition.signal()
        return true
    }

    /// Parser side: no more messages.
    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
    }

    /// Parser side: whether the store side has given up (stop reading).
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Store side: the next message, waiting for it; nil once closed and drained.
    func receive() -> Message? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !closed { condition.wait() }
        return queue.isEmpty ? nil : queue.removeFirst()
    }

    /// Store side: stop the parser early (the store failed); drops queued messages.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.unlock()
    }
}

/// Parser side of a `RecordStream`: looks at records as they are appended to the batch and sends
/// those that extend the key order in chunks, keeping the first of equal keys as the in-memory
/// deduplication does (duplicates are still validated there, after parsing).
struct StreamingEmitter {
    private let stream: RecordStream
    private let chunkSize: Int
    private var examined = 0
    private var lastSent = -1
    private var namesSent = 0
    private(set) var isActive = true

    init(stream: RecordStream, chunkSize: Int = 8192) {
        self.stream = stream
        self.chunkSize = chunkSize
    }

    /// Sends the records appended since the last call once there are `chunkSize` of them (or
    /// always when `final`); abandons the stream at the first record out of key order.
    @inline(__always) mutating func offer(_ batch: RecordBatch, final: Bool = false) {
        guard isActive, final || batch.count - examined >= chunkSize else { return }
        var chunk = RecordBatch(kind: batch.kind)
        chunk.reserve(batch.count - examined)
        for index in examined..<batch.count {
            if lastSent >= 0 {
                if batch.keyLess(index, lastSent) { abandon(); return }
                if batch.sameKey(index, lastSent) { continue }
            }
            chunk.append(recordAt: index, of: batch)
            lastSent = index
        }
        examined = batch.count
        let newNames = Array(batch.names[namesSent...])
        namesSent = batch.names.count
        if !stream.send(.chunk(chunk, newNames: newNames)) { isActive = false }
    }

    /// Stops streaming; the store discards what it received and waits for the whole file.
    mutating func abandon() {
        guard isActive else { return }
        isActive = false
        _ = stream.send(.abandoned)
    }
}
