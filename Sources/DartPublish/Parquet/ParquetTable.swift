import DartCore
import Foundation

/// Column values for a Parquet file, typed as they will be stored.
public enum ParquetValues: Sendable {
    /// Microseconds since epoch, stored as `timestamp[us, tz=UTC]`.
    case timestampMicrosUTC([Int64])
    case int32([Int32])
    /// Days since 1970-01-01 (Parquet DATE; read back through `int64s`).
    case date32([Int32])
    case int64([Int64])
    case float64([Double])
    case float32([Float])
    case bool([Bool])
    case string([String?])
    /// Stored dictionary-encoded (`dictionary<int32, string>`): for low-cardinality text like points.
    case dictionaryString([String])

    var count: Int {
        switch self {
        case .timestampMicrosUTC(let v): v.count
        case .int32(let v): v.count
        case .date32(let v): v.count
        case .int64(let v): v.count
        case .float64(let v): v.count
        case .float32(let v): v.count
        case .bool(let v): v.count
        case .string(let v): v.count
        case .dictionaryString(let v): v.count
        }
    }
}

public struct ParquetColumn: Sendable {
    public var name: String
    public var values: ParquetValues
    /// Per-row validity; nil means no nulls. Float NaN is stored as NaN, not null, unless marked here.
    public var valid: [Bool]?

    public init(_ name: String, _ values: ParquetValues, valid: [Bool]? = nil) {
        self.name = name
        self.values = values
        self.valid = valid
    }
}

/// A table to write: equal-length columns plus key-value file metadata.
public struct ParquetTable: Sendable {
    public var columns: [ParquetColumn]
    public var metadata: [String: String]

    public init(columns: [ParquetColumn], metadata: [String: String] = [:]) {
        self.columns = columns
        self.metadata = metadata
    }

    public var rowCount: Int { columns.first?.values.count ?? 0 }
}

public enum ParquetCompression: String, Sendable, Codable, CaseIterable { case zstd, snappy, none }

public typealias ParquetError = CodedError<ParquetErrorCode>

public enum ParquetErrorCode: String, Sendable { case write, read, columnLengthMismatch, wrongColumnType, noSuchColumn }
