import Foundation

/// Runs a `GzipInflater` on its own thread, a few blocks ahead of the reader, so decompression
/// overlaps parsing. Blocks are recycled between the two threads; dropping the `InflaterThread`
/// stops the producer.
final class InflaterThread {
    private let state: State

    init(_ inflater: GzipInflater, blockSize: Int = 1 << 20, blocksAhead: Int = 3) {
        state = State(blockSize: blockSize, blocksAhead: blocksAhead)
        let state = self.state
        // Handed over: only the producer thread touches the inflater from here on.
        nonisolated(unsafe) let handedOver = inflater
        let producer = Thread { state.produce(from: handedOver) }
        producer.name = "dartcast-gunzip"
        producer.start()
    }

    deinit { state.cancel() }

    /// Fills `buffer` from its start; returns the count written, 0 at end of input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        try state.read(into: buffer)
    }

    /// Shared between the producer thread and the reader; every field is guarded by `condition`.
    private final class State: @unchecked Sendable {
        private let condition = NSCondition()
        private let blockSize: Int
        private let blocksAhead: Int
        private var filled: [(block: UnsafeMutableRawBufferPointer, count: Int)] = []
        private var free: [UnsafeMutableRawBufferPointer] = []
        private var current: (block: UnsafeMutableRawBufferPointer, count: Int, offset: Int)?
        private var finished = false
        private var failure: IngestError?
        private var cancelled = false

        init(blockSize: Int, blocksAhead: Int) {
            self.blockSize = blockSize
            self.blocksAhead = blocksAhead
        }

        deinit {
            for block in free { block.deallocate() }
            for entry in filled { entry.block.deallocate() }
            current?.block.deallocate()
        }

        func produce(from inflater: GzipInflater) {
            while true {
                condition.lock()
                while filled.count >= blocksAhead, !cancelled { condition.wait() }
                if cancelled { condition.unlock(); return }
                let block = free.popLast() ?? .allocate(byteCount: blockSize, alignment: 16)
                condition.unlock()
                let outcome = Result { () throws(IngestError) -> Int in try inflater.read(into: block) }
                condition.lock()
                switch outcome {
                case .success(let count) where count > 0:
                    filled.append((block, count))
                case .success:
                    free.append(block)
                    finished = true
                case .failure(let error):
                    free.append(block)
                    failure = error
                    finished = true
                }
                condition.broadcast()
                let done = finished
                condition.unlock()
                if done { return }
            }
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
            condition.lock()
            defer { condition.unlock() }
            var written = 0
            while written < buffer.count {
                if let (block, count, offset) = current {
                    let take = min(count - offset, buffer.count - written)
                    (buffer.baseAddress! + written).copyMemory(from: block.baseAddress! + offset, byteCount: take)
                    written += take
                    if offset + take == count {
                        free.append(block)
                        current = nil
                        condition.broadcast()
                    } else {
                        current = (block, count, offset + take)
                    }
                    continue
                }
                while filled.isEmpty, !finished { condition.wait() }
                if filled.isEmpty {
                    if let failure { throw failure }
                    break
                }
                let next = filled.removeFirst()
                current = (next.block, next.count, 0)
                condition.broadcast()
            }
            return written
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
