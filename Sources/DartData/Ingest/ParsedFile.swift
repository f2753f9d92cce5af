import Crypto
import DartCore
import Foundation

/// A row left out under `--skip-bad-rows`, with why.
struct RejectedRow {
    let line: Int
    let column: String
    let value: String
    let reason: String
    let original: String
    /// Point or series index in the batch, or -1 when the name did not parse.
    let name: Int32
}

/// One file read into memory: its layout, its records (deduplicated, in key order) and its
/// rejected rows. Reading stores nothing.
struct ParsedFile {
    let file: String
    let format: FileFormat
    let sha256: String
    var batch: RecordBatch
    /// Record indices in key order, one per distinct key.
    var order: [Int]
    var rowsRead: Int
    var duplicatesIgnored: Int
    var rejects: [RejectedRow]

    /// Reads and validates a whole file. Throws on the first malformed row unless
    /// `options.skipBadRows`, in which case bad rows are collected in `rejects`.
    /// - Parameter stream: when given, records in key order are also sent there while reading
    ///   (the stream is abandoned when the file turns out not to be in key order); reading stops
    ///   early when the receiver cancels it.
    static func read(url: URL, options: IngestOptions, zone: MarketTimeZone,
                     stream: RecordStream? = nil) throws(IngestError) -> ParsedFile {
        let file = url.lastPathComponent
        let source = try ByteSource(url: url)
        // Rows are at least ~40 bytes in every layout: reserve once instead of growing (and
        // copying) the columns while parsing.
        let expectedRecords = min(max(source.expectedSize / 40, 1 << 12), 1 << 24)
        let digest = SHA256.hash(data: source.rawBytes).map { String(format: "%02x", $0) }.joined()
        var reader = LineReader(source: source)
        defer { reader.deallocate() }
        let fields = CSVFields()
        var parser: (any RowParser)?
        var batch = RecordBatch(kind: .exogenous)
        var rowsRead = 0
        var rejects: [RejectedRow] = []
        var format = FileFormat.tidyDartHourly
        var headerCount = 0
        var emitter = stream.map { StreamingEmitter(stream: $0) }

        try reader.forEachLine { (lineNumber, line) throws(IngestError) -> Bool in
            fields.split(line)
            if parser == nil {
                let names = (0..<fields.count).map { fields.text($0) }
                guard let detected = FileFormat.detect(header: names) else {
                    let expected = FileFormat.allCases.map { "\($0.rawValue) (\($0.requiredColumns.joined(separator: ", ")))" }
                    throw IngestError(.unknownHeader, file: file, line: 1, value: names.joined(separator: ","),
                        problem: "the header matches no known layout",
                        fix: "use one of: " + expected.joined(separator: "; "))
                }
                if let problem = detected.partialLayoutProblem(header: names, file: file) { throw problem }
                format = detected
                headerCount = names.count
                let made = try RowParsers.make(format: detected,
                    header: HeaderColumns(names: names, file: file, format: detected), options: options, zone: zone)
                parser = made
                batch = RecordBatch(kind: made.kind)
                batch.reserve(expectedRecords)
                // Wide exogenous layouts give many series per row, never in key order.
                if made.kind == .exogenous { emitter?.abandon() }
                return true
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return true }  // blank line
            rowsRead += 1
            do throws(RowProblem) {
                if fields.count > headerCount {
                    throw RowProblem(code: .missingColumn, column: "(field \(headerCount + 1))", value: fields.text(headerCount),
                        problem: "the row has \(fields.count) fields but the header has \(headerCount)",
                        fix: "remove the extra fields or quote values that contain commas")
                }
                try parser!.parse(fields, line: lineNumber, into: &batch)
            } catch {
                guard options.skipBadRows else { throw error.located(file: file, line: lineNumber) }
                rejects.append(RejectedRow(line: lineNumber, column: error.column, value: error.value,
                    reason: error.problem, original: fields.lineText, name: parser!.lastName))
            }
            if emitter != nil {
                emitter!.offer(batch)
                if !emitter!.isActive, rowsRead & 4095 == 0, stream!.isCancelled { return false }
            }
            return true
        }
        emitter?.offer(batch, final: true)
        guard parser != nil else {
            throw IngestError(.emptyFile, file: file, problem: "the file is empty (no header line)",
                fix: "check that the download completed")
        }
        var parsed = ParsedFile(file: file, format: format, sha256: digest, batch: batch, order: [], rowsRead: rowsRead,
                                duplicatesIgnored: 0, rejects: rejects)
        try parsed.deduplicate(skipBadRows: options.skipBadRows)
        try parsed.fillMissingOriginals(url: url)
        return parsed
    }

    /// Keeps one record per key: identical duplicates collapse; duplicates with different
    /// values are malformed (the later line is the one reported or rejected).
    mutating func deduplicate(skipBadRows: Bool) throws(IngestError) {
        let sorted = batch.sortedOrder()
        var kept: [Int] = []
        kept.reserveCapacity(sorted.count)
        var conflicts: [(kept: Int, dropped: Int)] = []
        for index in sorted {
            guard let previous = kept.last, batch.sameKey(previous, index) else { kept.append(index); continue }
            // Keep the earlier line; the later one is the duplicate.
            let (earlier, later) = batch.line[previous] <= batch.line[index] ? (previous, index) : (index, previous)
            if batch.sameValues(earlier, later) {
                duplicatesIgnored += 1
            } else {
                conflicts.append((earlier, later))
            }
            kept[kept.count - 1] = earlier
        }
        if !conflicts.isEmpty {
            conflicts.sort { batch.line[$0.dropped] < batch.line[$1.dropped] }
            let problems = conflicts.map { conflictProblem(kept: $0.kept, dropped: $0.dropped) }
            guard skipBadRows else { throw problems[0].error.located(file: file, line: problems[0].line) }
            for (conflict, problem) in zip(conflicts, problems) {
                rejects.append(RejectedRow(line: problem.line, column: problem.error.column, value: problem.error.value,
                    reason: problem.error.problem, original: "", name: batch.name[conflict.dropped]))
            }
        }
        order = kept
    }

    /// Conflicting duplicates are found after reading; fetch their original lines for the
    /// rejects file with a second pass (rare, so the first pass keeps no line text).
    private mutating func fillMissingOriginals(url: URL) throws(IngestError) {
        let wanted = Dictionary(rejects.indices.filter { rejects[$0].original.isEmpty }.map { (rejects[$0].line, $0) },
                                uniquingKeysWith: { first, _ in first })
        guard !wanted.isEmpty else { return }
        var reader = LineReader(source: try ByteSource(url: url))
        defer { reader.deallocate() }
        var found: [(Int, String)] = []
        try reader.forEachLine { (lineNumber, line) throws(IngestError) -> Bool in
            if let index = wanted[lineNumber] { found.append((index, String(decoding: line, as: UTF8.self))) }
            return found.count < wanted.count
        }
        for (index, text) in found {
            let old = rejects[index]
            rejects[index] = RejectedRow(line: old.line, column: old.column, value: old.value, reason: old.reason,
                                         original: text, name: old.name)
        }
    }

    private func conflictProblem(kept: Int, dropped: Int) -> (line: Int, error: RowProblem) {
        let name = batch.names[Int(batch.name[dropped])]
        let when = UTCFormat.iso8601(batch.time[dropped])
        let column: String
        let keptValue: Double, droppedValue: Double
        switch batch.kind {
        case .hourlyPrice:
            let damDiffers = !sameValue(batch.first[kept], batch.first[dropped])
            column = damDiffers ? "dam price" : "rtm price"
            keptValue = damDiffers ? batch.first[kept] : batch.second[kept]
            droppedValue = damDiffers ? batch.first[dropped] : batch.second[dropped]
        case .rtInterval:
            column = "rt price"
            keptValue = batch.first[kept]; droppedValue = batch.first[dropped]
        case .exogenous:
            column = name
            keptValue = batch.first[kept]; droppedValue = batch.first[dropped]
        }
        return (Int(batch.line[dropped]), RowProblem(code: .conflictingDuplicate, column: column, value: "\(droppedValue)",
            problem: "\(name) at \(when) already appears on line \(batch.line[kept]) with value \(keptValue)",
            fix: "keep one row per point and hour (two versions of a price cannot both be right)"))
    }
}
