import Crypto
import DartCore
import Foundation

/// Market rows already parsed by another source (a database), column-wise, ready to store
/// with the same upsert semantics as a file: unchanged rows are left alone, corrected values
/// replace old ones, a DAM-only batch keeps stored RT and vice versa.
public struct MarketRows: Sendable {
    public enum Kind: String, Sendable, Hashable {
        /// Hourly DAM prices by point.
        case dam
        /// Hourly RT prices by point (already the mean of the four 15-minute prices).
        case rtHourly
        /// 15-minute RT prices by point; hours become complete when all four are stored.
        case rtInterval
        /// Exogenous postings (forecasts) by series, each with its posting time.
        case exogenous

        var recordKind: RecordKind {
            switch self {
            case .dam: .hourlyPrice(suppliesDAM: true, suppliesRTM: false)
            case .rtHourly: .hourlyPrice(suppliesDAM: false, suppliesRTM: true)
            case .rtInterval: .rtInterval
            case .exogenous: .exogenous
            }
        }

        /// The file layout recorded in `ingest_file` for provenance (the closest tidy layout).
        var format: FileFormat {
            switch self {
            case .dam: .tidyDAMHourly
            case .rtHourly: .tidyDartHourly
            case .rtInterval: .tidyRTInterval
            case .exogenous: .windSolarForecast
            }
        }
    }

    public let kind: Kind
    var batch: RecordBatch

    public init(kind: Kind, reservingCapacity capacity: Int = 0) {
        self.kind = kind
        batch = RecordBatch(kind: kind.recordKind)
        if capacity > 0 { batch.reserve(capacity) }
    }

    public var count: Int { batch.count }

    /// A price: `startUTC` is the hour start (`dam`, `rtHourly`) or the interval start (`rtInterval`).
    public mutating func appendPrice(point: SettlementPoint, startUTC: Int64, price: Double) {
        precondition(kind != .exogenous, "use appendPosting for exogenous rows")
        let name = batch.intern(point.name)
        switch kind {
        case .rtHourly: batch.append(name: name, time: startUTC, first: .nan, second: price, line: batch.count + 1)
        default: batch.append(name: name, time: startUTC, first: price, line: batch.count + 1)
        }
    }

    /// A forecast value for `targetUTC` (an hour start) as posted at `postedAtUTC`.
    public mutating func appendPosting(series: String, targetUTC: Int64, postedAtUTC: Int64, value: Double) {
        precondition(kind == .exogenous, "use appendPrice for price rows")
        batch.append(name: batch.intern(series), time: targetUTC, postedAt: postedAtUTC, first: value, line: batch.count + 1)
    }

    /// SHA-256 of the keys and values, recorded in `ingest_file` like a file's digest.
    var digest: String {
        var hasher = SHA256()
        for name in batch.names { hasher.update(data: Data(name.utf8)) }
        for column in [batch.time, batch.postedAt] { column.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
        for column in [batch.first, batch.second] { column.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
        batch.name.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

extension MarketStore {
    /// Stores rows from a non-file source in one transaction, logged in `ingest_file` under
    /// `source` (e.g. `postgres:ercot.dam_spp`). Row numbers in errors count from 1 in append order.
    /// - Throws: `IngestError(.conflictingDuplicate)` when one key appears twice with different
    ///   values (nothing is stored); `MarketStoreError` when the database fails.
    public func ingest(_ rows: MarketRows, source: String) throws -> IngestReport {
        var parsed = ParsedFile(file: source, format: rows.kind.format, sha256: rows.digest, batch: rows.batch, order: [],
                                rowsRead: rows.count, duplicatesIgnored: 0, rejects: [])
        try parsed.deduplicate(skipBadRows: false)
        let report = try store(parsed)
        logger.info("ingested rows", metadata: [
            "source": "\(source)", "kind": "\(rows.kind.rawValue)", "rows": "\(report.rowsRead)",
            "inserted": "\(report.inserted)", "updated": "\(report.updated)", "unchanged": "\(report.unchanged)",
        ])
        return report
    }
}
