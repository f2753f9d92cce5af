import CZlib
import Foundation

/// Bytes of an input file, gunzipped on the fly (on a second thread) when the file starts with
/// the gzip magic. The file is memory-mapped; its SHA-256 is taken over the bytes on disk.
struct ByteSource {
    private let mapped: Data
    private var plainOffset = 0
    private var inflater: InflaterThread?

    init(url: URL) throws(IngestError) {
        do {
            mapped = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw IngestError(.unreadableFile, file: url.lastPathComponent,
                problem: "cannot read the file (\(error.localizedDescription))",
                fix: "check the path and that the file is readable")
        }
        if mapped.count >= 2, mapped[mapped.startIndex] == 0x1f, mapped[mapped.startIndex + 1] == 0x8b {
            inflater = InflaterThread(try GzipInflater(data: mapped, file: url.lastPathComponent))
        }
    }

    var rawBytes: Data { mapped }

    /// The size of the readable bytes, for sizing buffers: the file size, or for gzip the size
    /// its trailer records (of the last member, modulo 4 GiB; a hint, not a promise).
    var expectedSize: Int {
        guard inflater != nil else { return mapped.count }
        guard mapped.count >= 18 else { return 0 }
        let trailer = mapped.suffix(4)
        return trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// Fills `buffer` from its start; returns the count written, 0 at end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        if let inflater { return try inflater.read(into: buffer) }
        let count = min(buffer.count, mapped.count - plainOffset)
        guard count > 0 else { return 0 }
        let start = mapped.startIndex + plainOffset
        mapped.copyBytes(to: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), from: start..<(start + count))
        plainOffset += count
        return count
    }
}

/// Streaming gzip decoder over an in-memory (mapped) file; handles multi-member files.
final class GzipInflater {
    private var stream = z_stream()
    private let data: Data
    private let file: String
    private var inputOffset = 0
    private var finished = false

    init(data: Data, file: String) throws(IngestError) {
        self.data = data
        self.file = file
        let status = inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw IngestError(.unreadableFile, file: file, problem: "zlib could not start (status \(status))",
                fix: "check that zlib is installed")
        }
    }

    deinit { inflateEnd(&stream) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(IngestError) -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        let output = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.next_out = output
        stream.avail_out = uInt(buffer.count)
        var failure: Int32?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let base = raw.baseAddress!.assumingMemoryBound(to: Bytef.self)
            while stream.avail_out > 0 {
                if stream.avail_in == 0 {
                    let remaining = raw.count - inputOffset
                    if remaining == 0 {  // input used up before the gzip trailer: truncated
                        failure = Z_BUF_ERROR
                        break
                    }
                    let chunk = min(remaining, 1 << 20)
                    stream.next_in = UnsafeMutablePointer(mutating: base + inputOffset)
                    stream.avail_in = uInt(chunk)
                    inputOffset += chunk
                }
                let status = inflate(&stream, Z_NO_FLUSH)
                if status == Z_STREAM_END {
                    // Another gzip member may follow (concatenated .gz files are valid).
                    let unread = Int(stream.avail_in) + (raw.count - inputOffset)
                    if unread == 0 { finished = true; break }
                    inflateReset(&stream)
                } else if status != Z_OK && status != Z_BUF_ERROR {
                    failure = status
                    break
                }
            }
        }
        if let failure {
            throw IngestError(.unreadableFile, file: file, problem: "the gzip data is damaged or truncated (zlib status \(failure))",
                fix: "re-download the file or check it with `gzip -t`")
        }
        return buffer.count - Int(stream.avail_out)
    }
}
