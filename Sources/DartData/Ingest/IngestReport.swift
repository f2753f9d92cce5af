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
}
