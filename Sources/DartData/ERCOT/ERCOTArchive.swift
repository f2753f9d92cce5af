import DartConfig
import DartCore
import Foundation

/// History older than the API's range (2023-12-11 for most reports): ERCOT's historic files,
/// listed by `archive/{emilId}` and downloaded as zip files holding the report in its MIS layout,
/// which `dartcast ingest` already reads. Each downloaded document is remembered in
/// `sources.sqlite`, so a second call downloads nothing twice.
extension ERCOTSource {
    /// Reports whose historic files are in a layout the ingest reads.
    public static let archiveReports: [ERCOTSourceSettings.Report] = [.damPrices, .rtIntervalPrices]

    struct ArchiveListing: Decodable {
        struct Meta: Decodable { var totalPages: Int }
        struct Document: Decodable {
            var docId: Int64
            var friendlyName: String?
            var postDatetime: String
        }

        var meta: Meta
        var archives: [Document]
        enum CodingKeys: String, CodingKey {
            case meta = "_meta", archives
        }
    }

    /// Downloads and ingests the historic files posted from `request.from` to the day after `request.to`.
    public func fetchArchive(_ request: Request, into store: MarketStore,
                             progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Outcome {
        let reports = request.reports ?? Self.archiveReports
        if let unreadable = reports.first(where: { !Self.archiveReports.contains($0) }) {
            throw SourceError(.configuration, context: "--reports",
                              "historic files of \(unreadable.rawValue) are not in a layout dartcast ingest reads; archive fetches take \(Self.archiveReports.map(\.rawValue).joined(separator: ", "))")
        }
        guard let from = request.from else {
            throw SourceError(.configuration, context: "--from", "an archive fetch needs --from (the first delivery day wanted)")
        }
        return try await fetching(reports) { report, client, watermarks in
            try await fetchArchive(report, from: from, to: request.to, client: client, store: store, watermarks: watermarks, progress: progress)
        }
    }

    private func fetchArchive(_ report: ERCOTSourceSettings.Report, from: OperatingDay, to: OperatingDay?, client: ERCOTAPIClient,
                              store: MarketStore, watermarks: SourceWatermarks,
                              progress: @escaping @Sendable (Progress) -> Void) async throws -> ReportOutcome {
        let path = "archive/" + report.rawValue.lowercased()
        let source = "ercot-archive:\(report.rawValue)"
        var outcome = ReportOutcome(report: report.rawValue + " (archive)")
        // Files of day d are posted on d or d+1 (a day's last interval after midnight).
        var query = [("postDatetimeFrom", "\(from)T00:00:00")]
        if let to { query.append(("postDatetimeTo", "\(to.adding(days: 1))T23:59:59")) }
        var documents: [ArchiveListing.Document] = []
        var page = 1, totalPages = 1
        while page <= totalPages {
            let body = try await client.get(path, query: query + [("page", "\(page)"), ("size", "1000")])
            let listing: ArchiveListing
            do {
                listing = try JSONDecoder().decode(ArchiveListing.self, from: Data(buffer: body))
            } catch {
                throw SourceError(.query, context: "sources.ercot", "the archive list of \(report.rawValue) is not in the expected shape: \(error)")
            }
            documents += listing.archives
            totalPages = listing.meta.totalPages
            page += 1
        }
        let done = try watermarks.marks(source: source)
        let pending = documents.filter { done["\($0.docId)"] == nil }
        let folder = dataDirectory.appendingPathComponent("tmp-archive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, document) in pending.enumerated() {
            let zip = try await client.get(path, query: [("download", "\(document.docId)")])
            let entries: ZipEntries
            do {
                entries = try ZipEntries(Data(buffer: zip), label: document.friendlyName ?? "document \(document.docId)")
            } catch {
                throw SourceError(.query, context: "sources.ercot", "\(error)")
            }
            for entry in entries.entries where entry.name.lowercased().hasSuffix(".csv") {
                let file = folder.appendingPathComponent((entry.name as NSString).lastPathComponent)
                try entry.data.write(to: file)
                let stored = try store.ingest(file: file)
                try? FileManager.default.removeItem(at: file)
                outcome.rowsRead += stored.rowsRead
                outcome.inserted += stored.inserted
                outcome.updated += stored.updated
                outcome.unchanged += stored.unchanged
                outcome.skipped += stored.rejected
            }
            outcome.pages += 1
            // Remembered only after its rows are stored: a kill before this re-downloads it, harmlessly.
            let posted = ERCOTReportSpec.postedUTC(document.postDatetime, zone: zone) ?? 0
            try watermarks.advance(source: source, to: ["\(document.docId)": .init(operatingDay: String(document.postDatetime.prefix(10)),
                                                                                 hourEnding: 0, utc: posted)])
            progress(Progress(report: report.rawValue, series: "archive", page: index + 1, totalPages: pending.count,
                              rowsStored: outcome.inserted + outcome.updated, requests: client.counts.requests))
        }
        return outcome
    }
}
