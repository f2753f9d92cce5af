import Foundation

/// The fields of one CSV line as byte ranges into the line, reused from row to row so the
/// hot loop allocates nothing. Handles double-quoted fields; trims spaces around fields.
final class CSVFields {
    private(set) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var count = 0
    private var starts: UnsafeMutablePointer<Int>
    private var ends: UnsafeMutablePointer<Int>
    private var capacity: Int

    init() {
        capacity = 64
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
    }

    /// Splits `line` at commas outside quotes.
    func split(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        count = 0
        guard let base = line.baseAddress else { append(0, 0); return }
        let n = line.count
        var index = 0
        while true {
            while index < n, base[index] == 0x20 || base[index] == 0x09 { index += 1 }
            var start = index
            var end: Int
            if index < n, base[index] == 0x22 {  // quoted
                start = index + 1
                index = start
                while index < n {
                    if base[index] == 0x22 {
                        if index + 1 < n, base[index + 1] == 0x22 { index += 2; continue }
                        break
                    }
                    index += 1
                }
                end = index
                while index < n, base[index] != 0x2C { index += 1 }
            } else {
                while index < n, base[index] != 0x2C { index += 1 }
                end = index
                while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
            }
            append(start, end)
            if index >= n { break }
            index += 1  // past the comma
            if index == n { append(n, n); break }  // trailing empty field
        }
    }

    private func append(_ start: Int, _ end: Int) {
        if count == capacity {
            let newCapacity = capacity * 2
            let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
            let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
            newStarts.update(from: starts, count: count)
            newEnds.update(from: ends, count: count)
            starts.deallocate(); ends.deallocate()
            starts = newStarts; ends = newEnds; capacity = newCapacity
        }
        starts[count] = start
        ends[count] = end
        count += 1
    }

    /// Bytes of field `index` (must be < count).
    @inline(__always) func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[starts[index]..<ends[index]])
    }

    /// Field text, for messages and names (allocates; keep out of the hot loop).
    func text(_ index: Int) -> String { String(decoding: bytes(index), as: UTF8.self) }

    /// The whole line as text (for rejects and messages).
    var lineText: String { String(decoding: line, as: UTF8.self) }
}
