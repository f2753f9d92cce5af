import CZlib
import Foundation

/// Buffered writer of a text file, gzip-compressed when the path ends in `.gz`.
final class CSVFileWriter {
    private var buffer: [UInt8] = []
    private let gzip: gzFile?
    private let handle: FileHandle?
    private let path: String

    init(path: String) throws(IngestError) {
        self.path = path
        let name = URL(fileURLWithPath: path).lastPathComponent
        if path.hasSuffix(".gz") {
            guard let file = gzopen(path, "wb6") else {
                throw IngestError(.rejectsNotWritable, file: name, problem: "cannot create the gzip file", fix: "choose a writable path")
            }
            gzip = file
            handle = nil
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
                throw IngestError(.rejectsNotWritable, file: name, problem: "cannot create the file", fix: "choose a writable path")
            }
            gzip = nil
            handle = file
        }
        buffer.reserveCapacity(1 << 20)
    }

    @inline(__always) func write(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }
    @inline(__always) func write(byte: UInt8) { buffer.append(byte) }

    /// Writes a fixed-point number with two decimals from integer cents (`-1234` → `-12.34`).
    func write(cents: Int) {
        if cents < 0 { buffer.append(0x2D) }
        let magnitude = cents.magnitude
        writeUnsigned(magnitude / 100)
        buffer.append(0x2E)
        buffer.append(UInt8(48 + magnitude / 10 % 10))
        buffer.append(UInt8(48 + magnitude % 10))
    }

    func writeUnsigned(_ value: UInt) {
        if value >= 10 { writeUnsigned(value / 10) }
        buffer.append(UInt8(48 + value % 10))
    }

    /// Flushes when the buffer is large; call `close()` at the end.
    func flushIfNeeded() throws(IngestError) { if buffer.count >= 1 << 20 { try flush() } }

    func flush() throws(IngestError) {
        guard !buffer.isEmpty else { return }
        if let gzip {
            let written = buffer.withUnsafeBytes { gzwrite(gzip, $0.baseAddress, UInt32($0.count)) }
            guard written == Int32(buffer.count) else {
                throw IngestError(.rejectsNotWritable, file: path, problem: "gzip write failed", fix: "check free disk space")
            }
        } else if let handle {
            do { try handle.write(contentsOf: buffer) } catch {
                throw IngestError(.rejectsNotWritable, file: path, problem: "write failed (\(error))", fix: "check free disk space")
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(IngestError) {
        try flush()
        if let gzip { gzclose(gzip) }
        try? handle?.close()
    }
}
