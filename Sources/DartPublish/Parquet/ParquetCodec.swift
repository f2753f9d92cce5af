import CArrowParquet
import Foundation

/// Writes and reads Parquet through Apache Arrow C++ (the `CArrowParquet` shim).
public enum ParquetCodec {
    /// Encodes a table into Parquet bytes (for object-store PUTs).
    public static func encode(_ table: ParquetTable, compression: ParquetCompression = .zstd) throws -> Data {
        try withCColumns(table) { columns, keys, values in
            var data: UnsafeMutablePointer<UInt8>?
            var size: Int64 = 0
            var error = [CChar](repeating: 0, count: 1024)
            let status = dc_pq_write_buffer(columns, Int32(columns.count), Int64(table.rowCount), compression.rawValue,
                                            keys, values, Int32(keys.count), &data, &size, &error, error.count)
            guard status == 0, let data else {
                throw ParquetError(.write, "Arrow could not encode Parquet: \(cMessage(error))")
            }
            defer { dc_pq_free_buffer(data) }
            return Data(bytes: data, count: Int(size))
        }
    }

    /// Writes a table to `url` atomically: a temporary file in the same folder, then a rename.
    public static func write(_ table: ParquetTable, to url: URL, compression: ParquetCompression = .zstd) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".tmp-\(UUID().uuidString)-\(url.lastPathComponent)")
        try withCColumns(table) { columns, keys, values in
            var error = [CChar](repeating: 0, count: 1024)
            let status = dc_pq_write_file(temporary.path, columns, Int32(columns.count), Int64(table.rowCount),
                                          compression.rawValue, keys, values, Int32(keys.count), &error, error.count)
            guard status == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                throw ParquetError(.write, "Arrow could not write \(url.path): \(cMessage(error))")
            }
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ParquetError(.write, "could not move the Parquet file into place at \(url.path): \(reason)")
        }
    }

    public static func read(_ url: URL) throws -> ParquetFile {
        var table: OpaquePointer?
        var error = [CChar](repeating: 0, count: 1024)
        guard dc_pq_read_file(url.path, &table, &error, error.count) == 0, let table else {
            throw ParquetError(.read, "Arrow could not read \(url.path): \(cMessage(error))")
        }
        return ParquetFile(table)
    }

    public static func read(_ data: Data) throws -> ParquetFile {
        var table: OpaquePointer?
        var error = [CChar](repeating: 0, count: 1024)
        let status = data.withUnsafeBytes { raw in
            dc_pq_read_buffer(raw.bindMemory(to: UInt8.self).baseAddress, Int64(data.count), &table, &error, error.count)
        }
        guard status == 0, let table else {
            throw ParquetError(.read, "Arrow could not read Parquet bytes: \(cMessage(error))")
        }
        return ParquetFile(table)
    }

    /// Lays the Swift columns out as C structs whose pointers stay valid for `body`.
    private static func withCColumns<R>(_ table: ParquetTable,
                                        _ body: ([dc_pq_column], [UnsafePointer<CChar>?], [UnsafePointer<CChar>?]) throws -> R) throws -> R {
        let rows = table.rowCount
        var owned: [UnsafeMutableRawPointer] = []
        var cStrings: [UnsafeMutablePointer<CChar>?] = []
        defer {
            owned.forEach { $0.deallocate() }
            cStrings.forEach { free($0) }
        }
        func copy<T>(_ array: [T]) -> UnsafeRawPointer {
            let buffer = UnsafeMutablePointer<T>.allocate(capacity: max(array.count, 1))
            _ = UnsafeMutableBufferPointer(start: buffer, count: array.count).initialize(from: array)
            owned.append(UnsafeMutableRawPointer(buffer))
            return UnsafeRawPointer(buffer)
        }
        func strings(_ array: [String?]) -> UnsafePointer<UnsafePointer<CChar>?> {
            let pointers = array.map { value -> UnsafePointer<CChar>? in
                guard let value else { return nil }
                let pointer = strdup(value)
                cStrings.append(pointer)
                return UnsafePointer(pointer)
            }
            return copy(pointers).assumingMemoryBound(to: UnsafePointer<CChar>?.self)
        }
        var columns: [dc_pq_column] = []
        let names = table.columns.map { strdup($0.name) }
        cStrings.append(contentsOf: names)
        for (index, column) in table.columns.enumerated() {
            guard column.values.count == rows, column.valid.map({ $0.count == rows }) ?? true else {
                throw ParquetError(.columnLengthMismatch,
                    "column '\(column.name)' has \(column.values.count) rows; the table has \(rows)")
            }
            var c = dc_pq_column()
            c.name = UnsafePointer(names[index])
            if let valid = column.valid {
                c.valid = copy(valid.map { $0 ? UInt8(1) : 0 }).assumingMemoryBound(to: UInt8.self)
            }
            switch column.values {
            case .timestampMicrosUTC(let v): c.type = Int32(DC_PQ_TIMESTAMP_US_UTC.rawValue); c.values = copy(v)
            case .int32(let v): c.type = Int32(DC_PQ_INT32.rawValue); c.values = copy(v)
            case .date32(let v): c.type = Int32(DC_PQ_DATE32.rawValue); c.values = copy(v)
            case .int64(let v): c.type = Int32(DC_PQ_INT64.rawValue); c.values = copy(v)
            case .float64(let v): c.type = Int32(DC_PQ_FLOAT64.rawValue); c.values = copy(v)
            case .float32(let v): c.type = Int32(DC_PQ_FLOAT32.rawValue); c.values = copy(v)
            case .bool(let v): c.type = Int32(DC_PQ_BOOL.rawValue); c.values = copy(v.map { $0 ? UInt8(1) : 0 })
            case .string(let v): c.type = Int32(DC_PQ_STRING.rawValue); c.strings = strings(v)
            case .dictionaryString(let v): c.type = Int32(DC_PQ_DICTIONARY_STRING.rawValue); c.strings = strings(v)
            }
            columns.append(c)
        }
        let sortedMetadata = table.metadata.sorted { $0.key < $1.key }
        let keys = sortedMetadata.map { key, _ -> UnsafePointer<CChar>? in
            let pointer = strdup(key); cStrings.append(pointer); return UnsafePointer(pointer)
        }
        let values = sortedMetadata.map { _, value -> UnsafePointer<CChar>? in
            let pointer = strdup(value); cStrings.append(pointer); return UnsafePointer(pointer)
        }
        return try body(columns, keys, values)
    }
}

/// A Parquet file read into memory; columns are copied out on request.
public final class ParquetFile {
    private let table: OpaquePointer

    init(_ table: OpaquePointer) { self.table = table }
    deinit { dc_pq_table_free(table) }

    public var rowCount: Int { Int(dc_pq_table_rows(table)) }
    public var columnNames: [String] { (0..<dc_pq_table_columns(table)).map { String(cString: dc_pq_table_column_name(table, $0)) } }
    /// Arrow's type names, e.g. `timestamp[us, tz=UTC]`, `double`, `dictionary<values=string, indices=int32, ordered=0>`.
    public var columnTypes: [String] { (0..<dc_pq_table_columns(table)).map { String(cString: dc_pq_table_column_type(table, $0)) } }

    private func index(of name: String) throws -> Int32 {
        guard let index = columnNames.firstIndex(of: name) else {
            throw ParquetError(.noSuchColumn, "the Parquet file has no column '\(name)' (it has \(columnNames.joined(separator: ", ")))")
        }
        return Int32(index)
    }

    public func doubles(_ name: String) throws -> [Double] {
        let column = try index(of: name)
        var out = [Double](repeating: .nan, count: rowCount)
        var error = [CChar](repeating: 0, count: 512)
        guard dc_pq_table_column_doubles(table, column, &out, nil, &error, error.count) == 0 else {
            throw ParquetError(.wrongColumnType, cMessage(error))
        }
        return out
    }

    public func int64s(_ name: String) throws -> [Int64] {
        let column = try index(of: name)
        var out = [Int64](repeating: 0, count: rowCount)
        var error = [CChar](repeating: 0, count: 512)
        guard dc_pq_table_column_int64s(table, column, &out, nil, &error, error.count) == 0 else {
            throw ParquetError(.wrongColumnType, cMessage(error))
        }
        return out
    }

    /// An integer column with its nulls as nil.
    public func optionalInt64s(_ name: String) throws -> [Int64?] {
        let column = try index(of: name)
        var out = [Int64](repeating: 0, count: rowCount)
        var valid = [UInt8](repeating: 1, count: rowCount)
        var error = [CChar](repeating: 0, count: 512)
        guard dc_pq_table_column_int64s(table, column, &out, &valid, &error, error.count) == 0 else {
            throw ParquetError(.wrongColumnType, cMessage(error))
        }
        return zip(out, valid).map { $1 == 0 ? nil : $0 }
    }

    public func strings(_ name: String) throws -> [String?] {
        let column = try index(of: name)
        return (0..<rowCount).map { row in dc_pq_table_string(table, column, Int64(row)).map { String(cString: $0) } }
    }
}

/// The NUL-terminated message the shim wrote into `buffer`.
func cMessage(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
