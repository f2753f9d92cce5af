import DartData
import Foundation

/// A market source that hands the store fixed files (any layout the ingest reads), once each,
/// or fails with `failure`. Registered like a real source in `DartRuntime.Registrations`.
public final class StaticMarketSource: MarketSource, @unchecked Sendable {
    public let name: String
    private let lock = NSLock()
    private var pending: [URL]
    private var fetches = 0
    private let failure: (any Error & Sendable)?

    public init(name: String = "static", files: [URL], failure: (any Error & Sendable)? = nil) {
        self.name = name
        pending = files
        self.failure = failure
    }

    /// How many times a run asked this source for data.
    public var fetchCount: Int { lock.withLock { fetches } }

    public func fetch(into store: MarketStore) async throws -> MarketSourceReport {
        let files = lock.withLock { () -> [URL] in
            fetches += 1
            defer { pending = [] }
            return pending
        }
        if let failure { throw failure }
        var report = MarketSourceReport(detail: ["files": "\(files.count)"])
        for file in files {
            let ingested = try store.ingest(file: file)
            report.rowsRead += ingested.rowsRead
            report.rowsStored += ingested.inserted + ingested.updated
        }
        return report
    }
}
