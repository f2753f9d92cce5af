import AsyncHTTPClient
import DartConfig
import DartCore
import Foundation
import Logging

/// ERCOT's Public Reports API as a market source: each configured report is read page by page
/// from its watermark (`<data-dir>/sources.sqlite`), stored with the usual upserts, and the
/// watermark moves only after the report's pages are stored. A kill or an outage at any point
/// leaves the store consistent; the next call re-reads from the old watermark and stores nothing twice.
public struct ERCOTSource: MarketSource {
    /// What one call fetches: all configured reports from their watermarks by default.
    public struct Request: Sendable {
        public var reports: [ERCOTSourceSettings.Report]?
        /// Delivery days (Central), inclusive; nil `from` means "from the watermark".
        public var from: OperatingDay?
        public var to: OperatingDay?
        /// Ask only for reports with something new due by now (scheduled fetches and runs): DAM after
        /// 13:30 CT of the newest stored day, forecasts an hour after the newest posting, RT and
        /// actual load always. An explicit `fetch ercot` asks for everything.
        public var onlyDue: Bool

        public init(reports: [ERCOTSourceSettings.Report]? = nil, from: OperatingDay? = nil, to: OperatingDay? = nil,
                    onlyDue: Bool = false) {
            self.reports = reports
            self.from = from
            self.to = to
            self.onlyDue = onlyDue
        }
    }

    /// Told after every page (the `fetch ercot` progress line).
    public struct Progress: Sendable {
        public var report: String
        /// Settlement point, or `*` for system-wide reports.
        public var series: String
        public var page: Int
        public var totalPages: Int
        public var rowsStored: Int
        public var requests: Int
    }

    /// What one report gave.
    public struct ReportOutcome: Sendable, Hashable {
        public var report: String
        public var rowsRead = 0
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public var skipped = 0
        public var pages = 0
        /// Not asked for: nothing new was due yet (`Request.onlyDue`).
        public var notDue = false
    }

    public struct Outcome: Sendable {
        public var reports: [ReportOutcome] = []
        public var requests = 0
        public var retries = 0
        public var throttled = 0
        public var tokensFetched = 0
        public var rowsRead: Int { reports.reduce(0) { $0 + $1.rowsRead } }
        public var rowsStored: Int { reports.reduce(0) { $0 + $1.inserted + $1.updated } }

        /// With the client's request, retry, 429 and token counts.
        func counting(_ client: ERCOTAPIClient) async -> Outcome {
            var outcome = self
            let counts = client.counts
            outcome.requests = counts.requests
            outcome.retries = counts.retries
            outcome.throttled = counts.throttled
            outcome.tokensFetched = await client.tokensFetched
            return outcome
        }
    }

    let settings: ERCOTSourceSettings
    let secrets: Secrets
    let points: [SettlementPoint]
    let zone: MarketTimeZone
    let dataDirectory: URL
    let logger: Logger
    let now: @Sendable () -> Date
    let limiter: RequestRateLimiter

    public init(settings: ERCOTSourceSettings, secrets: Secrets, points: [SettlementPoint], zone: MarketTimeZone,
                dataDirectory: URL, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
                limiter: RequestRateLimiter? = nil) {
        self.settings = settings
        self.secrets = secrets
        self.points = points
        self.zone = zone
        self.dataDirectory = dataDirectory
        self.logger = logger
        self.now = now
        self.limiter = limiter ?? RequestRateLimiter(limit: settings.maxRequestsPerMinute)
    }

    public var name: String { "ercot" }

    public func fetch(into store: MarketStore) async throws -> MarketSourceReport {
        let outcome = try await fetch(Request(onlyDue: true), into: store)
        var report = MarketSourceReport(rowsRead: outcome.rowsRead, rowsStored: outcome.rowsStored)
        for item in outcome.reports { report.detail["\(item.report)_rows_stored"] = "\(item.inserted + item.updated)" }
        report.detail["requests"] = "\(outcome.requests)"
        report.problems = outcome.reports.filter { $0.skipped > 0 }.map { "\($0.report): \($0.skipped) rows without a valid hour or value were skipped" }
        return report
    }

    public func fetch(_ request: Request, into store: MarketStore,
                      progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> Outcome {
        try await fetching(request.reports ?? settings.reports) { report, client, watermarks in
            try await fetch(ERCOTReportSpec.spec(for: report), request: request, client: client, store: store, watermarks: watermarks,
                            progress: progress)
        }
    }

    /// One fetch's API client (one HTTP client, the shared rate limiter) and watermarks: `fetchOne`
    /// runs for each report in order, and the outcome counts the client's requests.
    func fetching(_ reports: [ERCOTSourceSettings.Report],
                  _ fetchOne: (ERCOTSourceSettings.Report, ERCOTAPIClient, SourceWatermarks) async throws -> ReportOutcome) async throws -> Outcome {
        let credentials = try ERCOTCredentials(settings: settings, secrets: secrets)
        let watermarks = try SourceWatermarks(directory: dataDirectory)
        return try await withHTTPClient { http in
            let client = ERCOTAPIClient(settings: settings, credentials: credentials, http: http, limiter: limiter, logger: logger)
            var outcome = Outcome()
            for report in reports { outcome.reports.append(try await fetchOne(report, client, watermarks)) }
            return await outcome.counting(client)
        }
    }

    private func fetch(_ spec: ERCOTReportSpec, request: Request, client: ERCOTAPIClient, store: MarketStore,
                       watermarks: SourceWatermarks, progress: @escaping @Sendable (Progress) -> Void) async throws -> ReportOutcome {
        var outcome = ReportOutcome(report: spec.emilID)
        let marks = try watermarks.marks(source: spec.watermarkSource)
        if request.onlyDue, request.from == nil, !isDue(spec, marks: marks) {
            outcome.notDue = true
            return outcome
        }
        let firstDay = zone.operatingDay(containing: Int64(now().timeIntervalSince1970)).adding(days: -settings.initialDays)
        var series: [(key: String, query: [(String, String)])] = []
        switch spec.watermark {
        case .deliveryDay(let parameter, let perPoint):
            for key in perPoint ? points.map(\.name) : ["*"] {
                var query = [(parameter + "From", (request.from ?? marks[key].flatMap { OperatingDay($0.operatingDay) } ?? firstDay).description)]
                if let to = request.to { query.append((parameter + "To", to.description)) }
                if perPoint { query.append(("settlementPoint", key)) }
                series.append((key, query))
            }
        case .postingTime:
            var query: [(String, String)] = []
            if let from = request.from {
                query.append(("deliveryDateFrom", from.description))
            } else {
                let since = marks["*"]?.utc ?? (try? zone.marketHour(day: firstDay, hourEnding: 1, isRepeatedHour: false))?.utcStart ?? 0
                query.append(("postedDatetimeFrom", ERCOTReportSpec.postedText(since, zone: zone)))
            }
            if let to = request.to { query.append(("deliveryDateTo", to.description)) }
            series.append(("*", query))
        }
        let wanted = Set(points.map(\.name))
        for (key, query) in series {
            var newest: [String: ERCOTReportSpec.RowMark] = [:]
            var page = 1
            var totalPages = 1
            while page <= totalPages {
                let body = try await client.get(spec.path, query: query + [("page", "\(page)"), ("size", "\(settings.pageSize)")])
                let decoded: ERCOTReportPage
                do {
                    decoded = try JSONDecoder().decode(ERCOTReportPage.self, from: Data(buffer: body))
                } catch {
                    throw SourceError(.query, context: "sources.ercot", "\(spec.emilID) page \(page) is not a report page: \(error)")
                }
                totalPages = decoded.meta.totalPages
                var rows = MarketRows(kind: spec.kind, reservingCapacity: decoded.data.count)
                outcome.skipped += try spec.decode(decoded, zone: zone, points: wanted, into: &rows, marks: &newest)
                outcome.rowsRead += decoded.data.count
                outcome.pages += 1
                if rows.count > 0 {
                    let stored = try store.ingest(rows, source: spec.watermarkSource)
                    outcome.inserted += stored.inserted
                    outcome.updated += stored.updated
                    outcome.unchanged += stored.unchanged
                }
                progress(Progress(report: spec.emilID, series: key, page: page, totalPages: max(totalPages, 1),
                                  rowsStored: outcome.inserted + outcome.updated, requests: client.counts.requests))
                page += 1
            }
            // Only now is everything up to the newest row stored.
            try watermarks.advance(source: spec.watermarkSource, to: newest.mapValues {
                SourceWatermarks.Mark(operatingDay: $0.hour.operatingDay.description, hourEnding: $0.hour.hourEnding, utc: $0.utc)
            })
        }
        return outcome
    }

    /// Whether the report can hold something the store lacks (see `Request.onlyDue`).
    func isDue(_ spec: ERCOTReportSpec, marks: [String: SourceWatermarks.Mark]) -> Bool {
        let nowUTC = Int64(now().timeIntervalSince1970)
        switch spec.report {
        case .damPrices:
            // Prices of day d+1 are published about 13:30 CT on day d (docs/data.md § Freshness).
            let days = points.map { point in marks[point.name].flatMap { OperatingDay($0.operatingDay) } }
            guard let newest = days.map({ $0 ?? OperatingDay(daysSinceEpoch: 0) }).min(), days.allSatisfy({ $0 != nil }) else { return true }
            let publication = zone.utc(fromLocalWallClock: Int64(newest.daysSinceEpoch) * 86_400 + 13 * 3600 + 30 * 60) ?? 0
            return nowUTC >= publication
        case .windForecast, .solarForecast, .loadForecast:
            // ERCOT re-posts these hourly.
            guard let posted = marks["*"]?.utc else { return true }
            return nowUTC >= posted + 3600
        case .rtIntervalPrices, .actualLoad:
            return true
        }
    }
}

/// Runs `body` with one HTTP client and waits for its shutdown however the fetch ends, so no
/// connection or event-loop work outlives the command that opened it.
func withHTTPClient<Result>(_ body: (HTTPClient) async throws -> Result) async throws -> Result {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    let result: Result
    do {
        result = try await body(client)
    } catch {
        try? await client.shutdown()
        throw error
    }
    try await client.shutdown()
    return result
}

