import DartWorkspace
import DartCore
import DartData
import DartFeatures
import DartTesting
import Foundation
import Testing
@testable import DartPipeline

/// Live prediction loads only the history its features read (`FeatureBuilder.historyWindow`).
/// These tests hold that shortcut to the full-history path: same rows, bit for bit, including
/// issues whose targets cross both DST changes of 2024.
@Suite(.serialized) struct HistoryWindowTests {
    /// Hourly and day-ahead issues, market time: 2024-03-10 and 2024-11-03 are the DST days.
    static let issues: [(ForecastProduct, String)] = [
        (.hourly, "2024-03-10T07:05:00Z"),   // 2024-03-10 01:05 CST: the next 24 hours skip 02:00–03:00
        (.hourly, "2024-11-03T05:05:00Z"),   // 2024-11-03 00:05 CDT: the next 24 hours hold HE 2 twice
        (.dayahead, "2024-03-09T11:00:00Z"), // 05:00 CST, for the 23-hour 2024-03-10
        (.dayahead, "2024-11-02T10:00:00Z"), // 05:00 CDT, for the 25-hour 2024-11-03
        (.hourly, "2024-11-20T20:05:00Z"),   // an ordinary afternoon, after DAM publication
    ]

    /// The fixture's 4 hubs, 2024-02-01 … 2024-11-30, with the wind/solar forecasts and actual load.
    static func stocked() throws -> (PipelineFixture, Workspace) {
        let fixture = try PipelineFixture()
        try fixture.dropSampleIntoInbox(lines: PipelineFixture.sliceLines(from: "2024-02-01", through: "2024-11-30"))
        let workspace = try fixture.workspace(json: PipelineFixture.settingsJSON())
        let store = try workspace.marketStore()
        let inbox = try InboxIngest(dataDirectory: fixture.dataDirectory, logger: workspace.logger).run(store: store)
        #expect(inbox.rejected.isEmpty)
        for file in [SamplePaths.windSolarForecasts2024, SamplePaths.loadActual] { _ = try store.ingest(file: file) }
        return (fixture, workspace)
    }

    @Test func predictionsFromTheWindowEqualThoseFromTheFullHistory() throws {
        let (_, workspace) = try Self.stocked()
        for product in [ForecastProduct.hourly, .dayahead] {
            let report = try TrainingService(workspace: workspace).train(product: product, cutoff: IssueTime(utc: UTCFormat.parse("2024-07-01T05:00:00Z")!),
                                                                         actor: "history window test")
            #expect(report.failures.isEmpty)
        }
        let windowed = PredictionService(workspace: workspace)
        var full = windowed
        full.historyScope = .everything
        for (product, iso) in Self.issues {
            let issue = try #require(UTCFormat.parse(iso))
            let fast = try windowed.predict(product: product, issue: IssueTime(utc: issue))
            let reference = try full.predict(product: product, issue: IssueTime(utc: issue))
            let expectedHours = product == .hourly ? 24 : (iso.hasPrefix("2024-03-09") ? 23 : 25)
            #expect(fast.rows.count == 4 * expectedHours, "\(product.rawValue) \(iso)")
            #expect(fast.rows.map(Self.bits) == reference.rows.map(Self.bits), "\(product.rawValue) \(iso)")
            #expect(fast.rows.allSatisfy { $0.prediction.isFinite })
        }
    }

    /// The window is exact: it reproduces every feature value of the full history (NaN where
    /// that is NaN), and with every column built starting it one hour later changes some value.
    /// Excluded columns can only make it longer than needed (the shipped hourly list drops the
    /// whole-day windows), never too short.
    @Test func windowIsTheSmallestHistoryThatReproducesTheFeatures() throws {
        let (_, workspace) = try Self.stocked()
        let store = try workspace.marketStore()
        let points = try workspace.points(in: store)
        let shipped = try workspace.featureBuilder(pointCategories: points)
        var everyColumn = shipped.configuration
        everyColumn.excludedColumns = []
        everyColumn.hourlyExcludedColumns = []
        for builder in [shipped, try FeatureBuilder(rules: shipped.rules, configuration: everyColumn)] {
            let minimal = builder.configuration == everyColumn
            for (product, iso) in Self.issues {
                let issue = try #require(UTCFormat.parse(iso))
                let window = try #require(builder.historyWindow(product: product, issueTimes: [issue]))
                func features(from: Int64?) throws -> [UInt32] {
                    let history = try store.loadHistory(points: points, fromUTC: from, toUTC: window.toUTC)
                    return try builder.build(history: history, product: product, issueTimes: [issue]).features.values.map(Self.canonicalBits)
                }
                let full = try features(from: nil)
                #expect(!full.isEmpty)
                #expect(try features(from: window.fromUTC) == full, "\(product.rawValue) \(iso)")
                if minimal {
                    #expect(try features(from: window.fromUTC + 3600) != full, "\(product.rawValue) \(iso): the window could start later")
                }
            }
        }
    }

    @Test func windowCoversEveryIssueOfABatch() throws {
        let builder = try FeatureBuilder(rules: .ercot)
        let issues = Self.issues.filter { $0.0 == .hourly }.map { UTCFormat.parse($0.1)! }
        let batch = try #require(builder.historyWindow(product: .hourly, issueTimes: issues))
        for issue in issues {
            let one = try #require(builder.historyWindow(product: .hourly, issueTimes: [issue]))
            #expect(batch.fromUTC <= one.fromUTC && one.toUTC <= batch.toUTC)
        }
        #expect(builder.historyWindow(product: .hourly, issueTimes: []) == nil)
    }

    /// Every value of a row, floats as bit patterns (so -0.0 ≠ 0.0 and NaN compares equal to NaN).
    static func bits(_ row: ForecastRow) -> [String] {
        [row.issueTimeUTC.utc, row.targetHourUTC].map(String.init) + ["\(row.operatingDay)", "\(row.hourEnding)", "\(row.isRepeatedHour)",
         row.settlementPoint, row.product, row.modelFamily, row.modelVersion]
            + [row.prediction, row.p10, row.p50, row.p90].map { $0.map { String($0.bitPattern, radix: 16) } ?? "nil" }
    }

    /// A float's bits, with every NaN mapped to one pattern (a missing value is missing either way).
    static func canonicalBits(_ value: Float) -> UInt32 { value.isNaN ? Float.nan.bitPattern : value.bitPattern }
}
