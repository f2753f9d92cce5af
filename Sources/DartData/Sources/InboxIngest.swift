import Foundation
import Logging

/// Files dropped in `<data-dir>/inbox/`: each is ingested, then moved to `inbox/processed/`
/// or, when it cannot be ingested, to `inbox/rejected/` beside `<name>.error.txt` saying why.
/// A file is never ingested twice by the inbox, and a bad file never blocks the others.
public struct InboxIngest: Sendable {
    public let inbox: URL
    let logger: Logger

    public init(dataDirectory: URL, logger: Logger) {
        inbox = dataDirectory.appendingPathComponent("inbox")
        self.logger = logger
    }

    public var processedDirectory: URL { inbox.appendingPathComponent("processed") }
    public var rejectedDirectory: URL { inbox.appendingPathComponent("rejected") }

    public struct Outcome: Sendable {
        public var ingested: [IngestReport] = []
        /// File name → why it was rejected.
        public var rejected: [(file: String, error: String)] = []
        /// File name → the transient error (a lock held too long, a full disk) that left it in the inbox for the next run.
        public var deferred: [(file: String, error: String)] = []
        public var rowsRead: Int { ingested.reduce(0) { $0 + $1.rowsRead } }
        public var rowsStored: Int { ingested.reduce(0) { $0 + $1.inserted + $1.updated } }
    }

    /// Regular, non-hidden files directly in the inbox, by name.
    public func pendingFiles() throws -> [URL] {
        guard FileManager.default.fileExists(atPath: inbox.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: inbox, includingPropertiesForKeys: [.isRegularFileKey])
            .filter { !$0.lastPathComponent.hasPrefix(".") && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    public func run(store: MarketStore) throws -> Outcome {
        var outcome = Outcome()
        for file in try pendingFiles() {
            do {
                outcome.ingested.append(try store.ingest(file: file))
                try move(file, to: processedDirectory)
            } catch where Self.isTransient(error) {
                // Nothing is wrong with the file: leave it where it is so the next run ingests it.
                outcome.deferred.append((file.lastPathComponent, "\(error)"))
                logger.warning("inbox file left for the next run after a transient error",
                               metadata: ["file": "\(file.lastPathComponent)", "error": "\(error)"])
            } catch {
                let message = "\(error)"
                outcome.rejected.append((file.lastPathComponent, message))
                logger.error("inbox file rejected", metadata: ["file": "\(file.lastPathComponent)", "error": "\(message)"])
                let moved = try move(file, to: rejectedDirectory)
                try Data((message + "\n").utf8).write(to: moved.appendingPathExtension("error.txt"), options: .atomic)
            }
        }
        return outcome
    }

    /// A store failure (locked past the wait, disk full, I/O, a damaged store file), not a problem with the file's content.
    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? MarketStoreError else { return false }
        return error.code == .sqlFailed || error.code == .cannotOpen || error.code == .corrupt
    }

    /// Moves a file into `directory`, adding `-2`, `-3`, … before the extension if the name is taken.
    @discardableResult
    func move(_ file: URL, to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = file.lastPathComponent
        var destination = directory.appendingPathComponent(name)
        var counter = 2
        while FileManager.default.fileExists(atPath: destination.path) {
            let dot = name.firstIndex(of: ".") ?? name.endIndex
            destination = directory.appendingPathComponent("\(name[..<dot])-\(counter)\(name[dot...])")
            counter += 1
        }
        try FileManager.default.moveItem(at: file, to: destination)
        return destination
    }
}

extension InboxIngest: MarketSource {
    public var name: String { "inbox" }

    public func fetch(into store: MarketStore) async throws -> MarketSourceReport {
        let outcome = try run(store: store)
        var report = MarketSourceReport(rowsRead: outcome.rowsRead, rowsStored: outcome.rowsStored,
                                        detail: ["files": "\(outcome.ingested.count)", "rows_read": "\(outcome.rowsRead)"])
        if !outcome.rejected.isEmpty {
            report.detail["rejected"] = outcome.rejected.map(\.file).joined(separator: ", ")
            report.problems.append("rejected " + outcome.rejected.map { "\($0.file) (\($0.error))" }.joined(separator: "; "))
        }
        if !outcome.deferred.isEmpty {
            report.detail["left_in_inbox"] = outcome.deferred.map(\.file).joined(separator: ", ")
            report.problems.append("left in the inbox for the next run " + outcome.deferred.map { "\($0.file) (\($0.error))" }.joined(separator: "; "))
        }
        return report
    }
}
