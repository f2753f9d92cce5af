import CZlib
import Foundation

/// The files inside a zip archive (ERCOT's historic report files), read from its central
/// directory: stored or deflated entries, no encryption, no zip64 (ERCOT's files are small).
struct ZipEntries {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let entries: [(name: String, data: Data)]

    init(_ zip: Data, label: String) throws {
        let bytes = [UInt8](zip)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
        guard bytes.count >= 22, let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 65_557), by: -1)
            .first(where: { u32($0) == 0x0605_4B50 }) else {
            throw Failure(description: "\(label) is not a zip file (no end-of-central-directory record)")
        }
        var offset = u32(end + 16)
        var entries: [(String, Data)] = []
        for _ in 0..<u16(end + 10) {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { throw Failure(description: "\(label): damaged zip directory") }
            let method = u16(offset + 10), compressed = u32(offset + 20), size = u32(offset + 24)
            let nameLength = u16(offset + 28), extra = u16(offset + 30), comment = u16(offset + 32), local = u32(offset + 42)
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            offset += 46 + nameLength + extra + comment
            guard local + 30 <= bytes.count, u32(local) == 0x0403_4B50 else { throw Failure(description: "\(label): damaged zip entry \(name)") }
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            guard start + compressed <= bytes.count else { throw Failure(description: "\(label): zip entry \(name) is truncated") }
            let body = Data(bytes[start..<(start + compressed)])
            switch method {
            case 0: entries.append((name, body))
            case 8: entries.append((name, try Self.inflateRaw(body, size: size, label: "\(label)/\(name)")))
            default: throw Failure(description: "\(label)/\(name) uses zip compression method \(method); only stored and deflate are read")
            }
        }
        self.entries = entries
    }

    private static func inflateRaw(_ input: Data, size: Int, label: String) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = Data(count: size)
        let status = input.withUnsafeBytes { (source: UnsafeRawBufferPointer) -> Int32 in
            output.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(target.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw Failure(description: "\(label) is damaged (zlib status \(status)); download it again")
        }
        return output
    }
}
