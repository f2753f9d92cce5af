import Foundation

/// Splits a byte source into lines without copying them: each line is handed to the caller as
/// a pointer into a reused buffer, with its 1-based line number. Strips `\r\n` and a UTF-8 BOM.
struct LineReader {
    private var source: ByteSource
    private var buffer: UnsafeMutableRawBufferPointer
    private static let chunkSize = 1 << 20

    init(source: ByteSource) {
        self.source = source
        buffer = .allocate(byteCount: Self.chunkSize, alignment: 16)
    }

    func deallocate() { buffer.deallocate() }

    /// Calls `body(lineNumber, line)` for every line, including the header (line 1).
    /// Stops early when `body` returns false.
    mutating func forEachLine(_ body: (Int, UnsafeBufferPointer<UInt8>) throws(IngestError) -> Bool) throws(IngestError) {
        var carried = 0
        var lineNumber = 0
        var atEnd = false
        while !atEnd {
            if carried == buffer.count {  // a line longer than the buffer: grow it
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
            }
            let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[carried...]))
            if read == 0 { atEnd = true }
            let filled = carried + read
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var start = 0
            while start < filled {
                let found = memchr(base + start, 0x0A, filled - start)
                let end: Int
                if let found {
                    end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                } else if atEnd {
                    end = filled
                } else {
                    break
                }
                lineNumber += 1
                var lineStart = start, lineEnd = end
                if lineEnd > lineStart, base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineNumber == 1, lineEnd - lineStart >= 3, base[lineStart] == 0xEF, base[lineStart + 1] == 0xBB,
                   base[lineStart + 2] == 0xBF { lineStart += 3 }
                if !(try body(lineNumber, UnsafeBufferPointer(start: base + lineStart, count: lineEnd - lineStart))) { return }
                start = end + 1
            }
            carried = max(0, filled - start)
            if carried > 0 { memmove(base, base + start, carried) }
            if atEnd { return }
        }
    }
}
