import DartConfig
import DartCore
import DartData
import DartTesting
import Foundation
import Logging
import Testing

/// `ERCOTSource` against the local ERCOT double (`scripts/ercot-double`), which serves the
/// bundled sample in the API's shapes.
@Suite("ERCOT API source")
struct ERCOTFetchTests {
    static let points = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"].map { SettlementPoint($0)! }
    /// The bundled files the double serves, ingested the ordinary way.
    static let bundledFiles = [SamplePaths.nativeDAMHouston, SamplePaths.rtm15Minute4Hubs, SamplePaths.windSolarForecasts2024,
                               SamplePaths.loadActual]
    static let now = Date(timeIntervalSince1970: 1_741_000_000)  // 2025-03-03
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    func makeSource(_ settings: ERCOTSourceSettings, directory: URL, secrets: Secrets = ERCOTDouble.secrets(),
                limiter: RequestRateLimiter? = RequestRateLimiter(limit: 1000), logger: Logger = quiet) -> ERCOTSource {
        ERCOTSource(settings: settings, secrets: secrets, points: Self.points, zone: .ercot, dataDirectory: directory,
                    logger: logger, now: { Self.now }, limiter: limiter)
    }

    func store(_ directory: URL) throws -> MarketStore { try MarketStore(directory: directory, logger: Self.quiet, now: { Self.now }) }

    /// The store the files make; the API has no `*_final` columns, so those series are left out.
    static let reference: [String] = {
        let directory = try! SamplePaths.temporaryDirectory("ercot-reference")
        let store = try! MarketStore(directory: directory, logger: quiet, now: { now })
        for file in bundledFiles { _ = try! store.ingest(file: file) }
        return try! MarketStoreDump.lines(dataDirectory: directory, excludingSeries: { $0.hasSuffix("_final") })
    }()

    static let everything = ERCOTSource.Request(from: OperatingDay("2023-11-01")!)

    @Test("a fresh fetch stores the rows ingesting the bundled files stores; the next call fetches only new postings")
    func fetchEqualsIngestThenIncremental() async throws {
        let double = try ERCOTDouble(arguments: ["--rate-limit", "1000"])
        let directory = try SamplePaths.temporaryDirectory("ercot-fetch")
        let source = makeSource(double.settings(), directory: directory)
        let store = try store(directory)

        // As ERCOT stood at noon on 2025-01-15: the first call gets everything published by then.
        try await double.setAsOf("2025-01-15T18:00:00Z")
        let first = try await source.fetch(Self.everything, into: store)
        #expect(first.rowsStored > 100_000)
        #expect(first.tokensFetched == 1)

        // Later: a call without --from continues from each watermark and stores only what is new.
        try await double.setAsOf(nil)
        try await double.resetLog()
        let second = try await source.fetch(ERCOTSource.Request(), into: store)
        #expect(second.reports.allSatisfy { $0.updated == 0 })
        #expect(second.rowsStored > 0)
        let priceRequests = try await double.requests().filter { $0.path.contains("np4-190-cd") || $0.path.contains("np6-905-cd") }
        #expect(!priceRequests.isEmpty)
        for request in priceRequests {
            // Re-reading starts at the watermark day, never at the beginning of history.
            #expect((request.query["deliveryDateFrom"] ?? "") >= "2025-01-15", "\(request.path) \(request.query)")
        }
        let postingRequests = try await double.requests().filter { $0.path.contains("np4-732-cd") }
        #expect(postingRequests.allSatisfy { ($0.query["postedDatetimeFrom"] ?? "") >= "2024-12-30" }, "\(postingRequests.map(\.query))")

        let fetched = try MarketStoreDump.lines(dataDirectory: directory)
        #expect(fetched.count == Self.reference.count)
        #expect(fetched == Self.reference, "first difference: \(zip(fetched, Self.reference).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "length")")

        // Both DST days came through with their 23 and 25 hours.
        let houstonDAM = fetched.filter { $0.hasPrefix("hourly HB_HOUSTON ") }
        #expect(fetched.filter { $0.hasPrefix("label ") && $0.contains(" 2024-03-10 ") }.count == 23)
        #expect(fetched.filter { $0.hasPrefix("label ") && $0.contains(" 2024-11-03 ") }.count == 25)
        #expect(fetched.contains { $0.hasPrefix("label ") && $0.contains(" 2024-11-03 2 Y") })
        #expect(houstonDAM.count > 10_000)

        let third = try await source.fetch(ERCOTSource.Request(), into: store)
        #expect(third.rowsStored == 0)
    }

    @Test("the double killed mid-fetch: the retry against a new one leaves the store as an uninterrupted fetch does")
    func killedDoubleThenRetry() async throws {
        let first = try ERCOTDouble(arguments: ["--rate-limit", "1000"])
        let directory = try SamplePaths.temporaryDirectory("ercot-kill")
        let store = try store(directory)
        let pages = Counter()
        let interrupted = makeSource(first.settings(pageSize: 2_000, maxAttempts: 2), directory: directory)
        await #expect(throws: SourceError.self) {
            _ = try await interrupted.fetch(Self.everything, into: store) { _ in
                if pages.increment() == 7 { first.kill() }
            }
        }
        #expect(pages.value >= 7)
        let partial = try MarketStoreDump.lines(dataDirectory: directory)
        #expect(partial.count < Self.reference.count && !partial.isEmpty)

        let second = try ERCOTDouble(arguments: ["--rate-limit", "1000", "--fail-every", "7"])
        let outcome = try await makeSource(second.settings(pageSize: 5_000), directory: directory).fetch(Self.everything, into: store)
        #expect(outcome.retries > 0)
        #expect(try MarketStoreDump.lines(dataDirectory: directory) == Self.reference)
    }

    @Test("more than 30 requests stay under ERCOT's 30 a minute and finish; no 429 is ever provoked")
    func staysUnderTheRateLimit() async throws {
        let double = try ERCOTDouble(arguments: ["--rate-limit", "30", "--rate-window", "60"])
        let directory = try SamplePaths.temporaryDirectory("ercot-rate")
        // 10,128 DAM rows in pages of 300: 34 requests, more than one minute's allowance.
        let settings = double.settings(pageSize: 300, reports: [.damPrices])
        let paced = ERCOTSource(settings: settings, secrets: ERCOTDouble.secrets(), points: [SettlementPoint("HB_HOUSTON")!], zone: .ercot,
                                dataDirectory: directory, logger: Self.quiet, now: { Self.now })
        let outcome = try await paced.fetch(Self.everything, into: try store(directory))
        let seen = try await double.requests().filter { $0.path.hasPrefix("/api/") }
        #expect(outcome.requests == 34 && outcome.rowsStored == 10_128)
        #expect(seen.count == 34)
        #expect(seen.allSatisfy { $0.status == 200 }, "statuses: \(Set(seen.map(\.status)))")
        let times = seen.map(\.at).sorted()
        for (index, time) in times.enumerated() {
            #expect(times[index...].prefix { $0 < time + 60 }.count <= 30, "more than 30 requests in the minute after \(time)")
        }
    }

    @Test("a forced 429 is retried after its Retry-After; 5xx are retried with backoff")
    func throttledAndFailingRequestsAreRetried() async throws {
        let double = try ERCOTDouble(arguments: ["--rate-limit", "1000"])
        let directory = try SamplePaths.temporaryDirectory("ercot-429")
        let settings = double.settings(pageSize: 5_000, reports: [.damPrices])
        try await double.throttleNext(retryAfter: 2)
        let outcome = try await makeSource(settings, directory: directory).fetch(Self.everything, into: try store(directory))
        #expect(outcome.throttled == 1 && outcome.rowsStored == 10_128)
        let seen = try await double.requests().filter { $0.path.hasPrefix("/api/") }
        let throttled = try #require(seen.firstIndex { $0.status == 429 })
        #expect(seen[throttled + 1].at - seen[throttled].at >= 2.0, "the retry came \(seen[throttled + 1].at - seen[throttled].at) s later")

        try await double.failNext(2, status: 502)
        let again = try await makeSource(settings, directory: directory).fetch(Self.everything, into: try store(directory))
        #expect(again.retries == 2 && again.rowsStored == 0 && again.rowsRead == 10_128)
    }

    @Test("both auth headers are sent; the hour-long token is renewed before it expires")
    func authHeadersAndTokenRenewal() async throws {
        let double = try ERCOTDouble(arguments: ["--rate-limit", "1000", "--token-seconds", "20"])
        let directory = try SamplePaths.temporaryDirectory("ercot-token")
        // One request a second: 24 requests take about 24 seconds, past the first token's renewal
        // point (its last fifth, at 16 s). The 4 s left before expiry cover a request on a loaded
        // machine; with 2 s a slow page outlived its token and drew a 401.
        let outcome = try await makeSource(double.settings(pageSize: 500, reports: [.damPrices]), directory: directory,
                                       limiter: RequestRateLimiter(limit: 1, window: .seconds(1)))
            .fetch(Self.everything, into: try store(directory))
        let seen = try await double.requests().filter { $0.path.hasPrefix("/api/") }
        #expect(outcome.tokensFetched >= 2)
        // 21 pages for HB_HOUSTON, one empty page for each of the three hubs the DAM file lacks.
        #expect(seen.count == 24, "\(seen.map { "\($0.status) \($0.path) \($0.query)" })")
        #expect(seen.allSatisfy { $0.status == 200 && $0.hadSubscriptionKey && $0.hadBearer })
    }

    @Test("wrong credentials and missing variables fail with errors that name what to fix and never the secret")
    func credentialErrors() async throws {
        let double = try ERCOTDouble(arguments: ["--rate-limit", "1000"])
        let directory = try SamplePaths.temporaryDirectory("ercot-auth")
        let settings = double.settings(reports: [.damPrices])
        var wrongKey = ERCOTDouble.environment
        wrongKey["DARTCAST_ERCOT_SUBSCRIPTION_KEY"] = "not-the-key-3141"
        var wrongPassword = ERCOTDouble.environment
        wrongPassword["DARTCAST_ERCOT_PASSWORD"] = "not-the-password-2718"
        for (environment, secret) in [(wrongKey, "not-the-key-3141"), (wrongPassword, "not-the-password-2718")] {
            let error = await #expect(throws: SourceError.self) {
                _ = try await makeSource(settings, directory: directory, secrets: ERCOTDouble.secrets(environment))
                    .fetch(Self.everything, into: try store(directory))
            }
            #expect(error?.code == .authentication)
            #expect(error.map { !"\($0)".contains(secret) && !"\($0)".contains(ERCOTDouble.username) } ?? false, "\(String(describing: error))")
        }
        var missing = ERCOTDouble.environment
        missing["DARTCAST_ERCOT_PASSWORD"] = nil
        let error = await #expect(throws: SourceError.self) {
            _ = try await makeSource(settings, directory: directory, secrets: ERCOTDouble.secrets(missing)).fetch(Self.everything, into: try store(directory))
        }
        #expect(error?.code == .configuration && "\(error!)".contains("DARTCAST_ERCOT_PASSWORD"))
    }
}

@Suite("Request rate limiter")
struct RequestRateLimiterTests {
    @Test("the request past the limit waits until the oldest leaves the window")
    func waitsForTheWindow() async throws {
        let clock = ManualInstant()
        let limiter = RequestRateLimiter(limit: 3, window: .seconds(60), now: { clock.now }, sleep: { clock.advance($0) })
        for _ in 0..<3 { try await limiter.acquire() }
        #expect(clock.slept == .zero)
        clock.advance(.seconds(10))
        try await limiter.acquire()
        // The first request was at 0 s: the fourth may go at 60 s (plus the 50 ms margin).
        #expect(clock.elapsed >= .seconds(60) && clock.elapsed < .seconds(61))
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(clock.elapsed >= .seconds(60) && clock.elapsed < .seconds(61))
        try await limiter.acquire()
        #expect(clock.elapsed >= .seconds(70))
    }
}

/// A clock tests move by hand: `sleep` advances it instead of waiting.
final class ManualInstant: @unchecked Sendable {
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var offset = Duration.zero
    private(set) var slept = Duration.zero

    var now: ContinuousClock.Instant { lock.withLock { start + offset } }
    var elapsed: Duration { lock.withLock { offset } }

    func advance(_ duration: Duration) {
        lock.withLock {
            offset += duration
            slept += duration
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() -> Int { lock.withLock { count += 1; return count } }
}

@Suite("ERCOT API source: what is due")
struct ERCOTDueTests {
    @Test("a scheduled fetch asks for tomorrow's DAM only after 13:30 CT, and for RT every time")
    func damIsAskedForOnlyWhenPublished() async throws {
        let double = try ERCOTDouble(arguments: ["--rate-limit", "1000"])
        let directory = try SamplePaths.temporaryDirectory("ercot-due")
        let store = try MarketStore(directory: directory, logger: ERCOTFetchTests.quiet)
        let houston = [SettlementPoint("HB_HOUSTON")!]
        func source(at iso: String) -> ERCOTSource {
            let instant = Date(timeIntervalSince1970: TimeInterval(UTCFormat.parse(iso)!))
            return ERCOTSource(settings: double.settings(reports: [.damPrices, .rtIntervalPrices]), secrets: ERCOTDouble.secrets(),
                               points: houston, zone: .ercot, dataDirectory: directory, logger: ERCOTFetchTests.quiet,
                               now: { instant }, limiter: RequestRateLimiter(limit: 1000))
        }
        // Noon CT on 2025-01-15: the store gets DAM through 2025-01-15 (tomorrow's is not out yet).
        try await double.setAsOf("2025-01-15T18:00:00Z")
        _ = try await source(at: "2025-01-15T18:00:00Z").fetch(ERCOTSource.Request(from: OperatingDay("2025-01-01")!), into: store)
        try await double.resetLog()

        let before = try await source(at: "2025-01-15T19:00:00Z").fetch(into: store)  // 13:00 CT
        #expect(before.rowsRead > 0)
        var paths = try await double.requests().map(\.path)
        #expect(!paths.contains { $0.contains("np4-190-cd") })
        #expect(paths.contains { $0.contains("np6-905-cd") })

        try await double.setAsOf("2025-01-15T19:45:00Z")
        try await double.resetLog()
        _ = try await source(at: "2025-01-15T19:45:00Z").fetch(into: store)  // 13:45 CT
        paths = try await double.requests().map(\.path)
        #expect(paths.contains { $0.contains("np4-190-cd") })
        let houstonDays = try MarketStoreDump.lines(dataDirectory: directory).filter { $0.hasPrefix("label ") && $0.contains(" 2025-01-16 ") }
        #expect(houstonDays.count == 24)
    }
}

@Suite("ERCOT API source: historic files")
struct ERCOTArchiveTests {
    @Test("historic zip files store what ingesting the same MIS files stores; a second call downloads nothing")
    func archiveEqualsIngest() async throws {
        let double = try ERCOTDouble(arguments: ["--rate-limit", "1000"])
        let reference = try SamplePaths.temporaryDirectory("ercot-archive-reference")
        let referenceStore = try MarketStore(directory: reference, logger: ERCOTFetchTests.quiet)
        for file in SamplePaths.nativeRTM { _ = try referenceStore.ingest(file: file) }

        let directory = try SamplePaths.temporaryDirectory("ercot-archive")
        let store = try MarketStore(directory: directory, logger: ERCOTFetchTests.quiet)
        let source = ERCOTSource(settings: double.settings(), secrets: ERCOTDouble.secrets(), points: ERCOTFetchTests.points, zone: .ercot,
                                 dataDirectory: directory, logger: ERCOTFetchTests.quiet, limiter: RequestRateLimiter(limit: 1000))
        let request = ERCOTSource.Request(reports: [.rtIntervalPrices], from: OperatingDay("2024-12-01")!, to: OperatingDay("2025-02-28")!)
        let first = try await source.fetchArchive(request, into: store)
        #expect(first.reports.first?.pages == 3)
        #expect(try MarketStoreDump.lines(dataDirectory: directory) == MarketStoreDump.lines(dataDirectory: reference))

        try await double.resetLog()
        let second = try await source.fetchArchive(request, into: store)
        #expect(second.rowsStored == 0 && second.reports.first?.pages == 0)
        #expect(try await double.requests().allSatisfy { $0.query["download"] == nil })

        await #expect(throws: SourceError.self) {
            _ = try await source.fetchArchive(ERCOTSource.Request(reports: [.windForecast], from: OperatingDay("2024-12-01")!), into: store)
        }
    }
}
