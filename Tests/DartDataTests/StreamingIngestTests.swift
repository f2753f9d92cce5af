import DartCore
import DartData
import DartTesting
import Foundation
import Logging
import Testing

/// A file in key order is stored while it is parsed (streamed in chunks of 8,192 records); any
/// other file is stored whole after parsing. Both paths must store the same data.
@Suite struct StreamingIngestTests {
    /// Ingests `file` into a fresh store, returning the report, the digests and whether the log
    /// says the file was streamed.
    func ingestFresh(_ file: URL) throws -> (report: IngestReport, digests: [TableDigest], streamed: Bool) {
        let log = LogRecorder()
        let store = try makeStore(logger: Logger(label: "test") { _ in log })
        let report = try store.ingest(file: file)
        return (report, try store.tableDigests(), log.lastValue(of: "streamed") == "true")
    }

    @Test func sortedAndUnsortedCopiesStoreIdenticalData() throws {
        let lines = try sampleLines(SamplePaths.dartHourly15)
        let sorted = try ingestFresh(SamplePaths.dartHourly15)
        // Out of key order only near the end: several chunks are streamed, then rolled back.
        var lateSwap = lines
        lateSwap.swapAt(lines.count - 2, lines.count - 1)
        let swapped = try ingestFresh(try writeCSV(lateSwap, name: "late-swap.csv"))
        // Each point's hours newest first (points keep their order, so their store ids match).
        let byPoint = Dictionary(grouping: lines.dropFirst()) { $0.split(separator: ",")[4] }
        let pointOrder = lines.dropFirst().map { $0.split(separator: ",")[4] }.reduce(into: [Substring]()) {
            if $0.last != $1 { $0.append($1) }
        }
        let reversedHours = [lines[0]] + pointOrder.flatMap { byPoint[$0]!.reversed() }
        let reversed = try ingestFresh(try writeCSV(reversedHours, name: "reversed.csv"))

        #expect(sorted.streamed && !swapped.streamed && !reversed.streamed)
        for other in [swapped, reversed] {
            #expect(other.digests == sorted.digests)
            #expect(other.report.inserted == 159_737 && other.report.entries == sorted.report.entries)
        }
        // One label per hour on the grid from the first to the last hour (25- and 23-hour days included).
        let hours = (utc("2025-04-01T04:00:00Z") - utc("2024-01-01T06:00:00Z")) / 3600 + 1
        #expect(sorted.digests.first { $0.table == "market_hour" }?.rowCount == Int(hours))
    }

    @Test func adjacentDuplicatesAcrossAChunkBoundaryAreCountedOnce() throws {
        var lines = Array(try sampleLines(SamplePaths.dartHourly15).prefix(20_001))
        lines.insert(lines[8_192], at: 8_193)  // records 8,192 and 8,193 (1-based rows) straddle the first chunk
        lines.insert(lines[1], at: 2)
        let result = try ingestFresh(try writeCSV(lines, name: "dupes.csv"))
        #expect(result.streamed)
        #expect(result.report.inserted == 20_000 && result.report.duplicatesIgnored == 2)
        #expect(result.digests.first { $0.table == "hourly_price" }?.rowCount == 20_000)
    }

    @Test(arguments: [
        ("conflicting duplicate after the first chunk", IngestError.Code.conflictingDuplicate, 10_003),
        ("malformed price after the first chunk", IngestError.Code.unparsableNumber, 15_001),
    ])
    func lateProblemInAStreamedFileStoresNothing(_ name: String, _ code: IngestError.Code, _ line: Int) throws {
        var lines = Array(try sampleLines(SamplePaths.dartHourly15).prefix(20_001))
        if code == .conflictingDuplicate {
            var fields = lines[10_001].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[5] = "99.99"  // different DAM for the same key
            fields[7] = String(format: "%.4f", 99.99 - Double(fields[6])!)
            lines.insert(fields.joined(separator: ","), at: line - 1)
        } else {
            var fields = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[5] = "n/a"
            lines[line - 1] = fields.joined(separator: ",")
        }
        let store = try makeStore()
        _ = try store.ingest(file: try writeCSV([dartHeader, goodRow1], name: "good.csv"))
        let before = try store.tableDigests()
        let error = try #require(throws: IngestError.self) { try store.ingest(file: try writeCSV(lines, name: "late.csv")) }
        #expect(error.code == code && error.line == line, "\(name)")
        #expect(try store.tableDigests() == before)
    }

    @Test func streamedReingestOfACorrectedFileUpdatesOnlyTheChangedHour() throws {
        let lines = Array(try sampleLines(SamplePaths.dartHourly15).prefix(30_001))
        let store = try makeStore()
        _ = try store.ingest(file: try writeCSV(lines, name: "part.csv"))
        var corrected = lines
        #expect(corrected[25_000].contains(",HB_HUBAVG,"))  // in the fourth chunk
        var fields = corrected[25_000].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[6] = String(format: "%.3f", Double(fields[6])! + 1)
        fields[7] = String(format: "%.3f", Double(fields[5])! - Double(fields[6])!)
        corrected[25_000] = fields.joined(separator: ",")
        let report = try store.ingest(file: try writeCSV(corrected, name: "part-corrected.csv"))
        #expect(report.updated == 1 && report.inserted == 0 && report.unchanged == 29_999)
    }
}

/// Keeps the metadata of logged messages, for checks on what the store reported.
final class LogRecorder: LogHandler, @unchecked Sendable {  // messages are appended under `lock`
    private let lock = NSLock()
    private var messages: [Logger.Metadata] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        lock.withLock { messages.append(metadata ?? [:]) }
    }

    /// The value of `key` in the last message that had it.
    func lastValue(of key: String) -> String? {
        lock.withLock { messages.last { $0[key] != nil }?[key].map { "\($0)" } }
    }
}
