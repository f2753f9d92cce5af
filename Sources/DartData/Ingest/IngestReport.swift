/// What one file's ingest did. Counts are of stored records: hours for hourly price files,
/// 15-minute intervals for RT interval files, postings for exogenous files.
public struct IngestReport: Sendable, Hashable {
    /// Counts for one settlement point or exogenous series.
    public struct Entry: Sendable, Hashable {
        /// Settlement point or series name; `(unknown)` for rejected rows whose name did not parse.
        public var name: String
        public var rowsRead = 0
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public var rejected = 0
        /// First and last UTC hour start seen for this name, or nil when every row was rejected.
        public var firstUTC: Int64?
        public var lastUTC: Int64?

        public init(name: String) { self.name = name }

        mutating func see(_ utc: Int64) {
            firstUTC = min(firstUTC ?? utc, utc)
            lastUTC = max(lastUTC ?? utc, utc)
        }
    }

    public var file: String
    public var format: FileFormat
    /// Data lines read (header excluded).
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// Identical duplicate records within the file (kept once, not an error).
    public var duplicatesIgnored = 0
    /// RT interval files: hours whose hourly RT became complete (four intervals) in this ingest.
    public var hoursCompleted = 0
    /// RT interval files: hours left with fewer than four intervals (RT stays NULL; not a target).
    public var hoursIncomplete = 0
    /// Where rejected rows were written, when there were any.
    public var rejectsPath: String?
    /// Per point or series, sorted by name.
    public var entries: [Entry] = []

    public init(file: String, format: FileFormat) {
        self.file = file
        self.format = format
    }

    /// Why a file stored nothing, when it did not.
    public enum NothingStored: Sendable, Hashable {
        /// A header and no data rows: not an error (an empty export is possible), but said.
        case headerOnly
        /// `--skip-bad-rows` rejected every row: an error (exit status 1).
        case allRejected
    }

    /// `nil` when the file had data rows and kept at least one record (inserted, updated or unchanged).
    public var nothingStored: NothingStored? {
        if rowsRead == 0 { return .headerOnly }
        if rejected > 0, inserted + updated + unchanged == 0 { return .allRejected }
        return nil
    }

    /// The line `dartcast ingest` prints on standard error when the file stored nothing.
    public var nothingStoredMessage: String? {
        switch nothingStored {
        case .headerOnly?:
            "warning: \(file): 0 rows stored: the file has a header (\(format.rawValue)) but no data rows"
        case .allRejected?:
            "error: \(file): 0 rows stored: all \(rowsRead) data rows were rejected (see \(rejectsPath ?? "the rejects file")); fix them and ingest the file again"
        case nil: nil
        }
    }
}
