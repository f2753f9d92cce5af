import DartCore
import DartModels
import DartPublish
import DartRuns
import DartTesting
import DartWorkspace
import Foundation
import Testing
@testable import DartPipeline

/// The issue's "done when": a backfill writes the rows a loop of `run --issue-time` would, with
/// models trained at the refit's start (`train --cutoff`). Two data directories with the same
/// market store: production trains at the cutoff and runs every issue time; backfill does it all.
@Suite(.serialized) struct BackfillEquivalenceTests {
    @Test func backfillWritesTheRowsOfALoopOfProductionRunsAndASecondCallChangesNothing() async throws {
        // Production: `train --cutoff <first issue of the month>`, then `run --issue-time T` for every T.
        let (productionFixture, production) = try BackfillFixture.ingested()
        let trained = try TrainingService(workspace: production).train(product: .dayahead, cutoff: IssueTime(utc: BackfillFixture.cutoffUTC),
                                                                        actor: "test")
        #expect(trained.entries.count == 2)
        let issues = BackfillFixture.issues(production)
        #expect(issues.count == 30)
        for issue in issues {
            let result = try await productionFixture.pipeline(production).execute(RunRequest(job: "manual", slotUTC: issue, product: .dayahead))
            #expect(result.record.status == .succeeded, "\(result.record.error ?? "")")
            #expect(result.record.steps.first { $0.name == "train_lightgbm" }?.status == .skipped)
        }

        // Backfill of the same issue days in another data directory.
        let (backfillFixture, backfill) = try BackfillFixture.ingested()
        let service = Backfill(pipeline: backfillFixture.pipeline(backfill))
        let progress = ProgressLines()
        let summary = try await service.run(BackfillRequest(product: .dayahead, from: BackfillFixture.from, to: BackfillFixture.to)) {
            progress.append($0)
        }
        #expect(summary.written == 30 && summary.skipped == 0 && summary.failures.isEmpty)
        #expect(summary.refits == 1 && summary.refitsTrained == 1)
        #expect(progress.all.last?.done == 30 && progress.all.last?.total == 30)
        #expect(progress.all.first?.refitLabel.hasSuffix("training") == true)

        // Parquet partitions: equal but for origin and the version id (the models are the same files).
        let productionPartitions = try await BackfillFixture.partitions(production, issues: issues)
        let backfillPartitions = try await BackfillFixture.partitions(backfill, issues: issues)
        for issue in issues {
            let expected = try #require(productionPartitions[issue] ?? nil)
            let actual = try #require(backfillPartitions[issue] ?? nil)
            #expect(expected.count == 4 * (issue == issues[1] ? 25 : 24) * 2)  // 4 points × hours × 2 families; 2024-11-03 has 25 hours
            #expect(expected.allSatisfy { $0.origin == .production } && actual.allSatisfy { $0.origin == .backfill })
            #expect(try BackfillFixture.normalized(actual, in: backfill) == BackfillFixture.normalized(expected, in: production),
                    "issue \(UTCFormat.iso8601(issue))")
        }
        // SQL rows: every column but run_id, created_at and origin; origin says where each row came from.
        let productionSQL = try BackfillFixture.sqlRows(production)
        let backfillSQL = try BackfillFixture.sqlRows(backfill)
        #expect(backfillSQL.count == productionSQL.count && productionSQL.count == (29 * 24 + 25) * 4 * 2)
        #expect(Set(productionSQL.map { $0["origin"]! }) == ["\"production\""] && Set(backfillSQL.map { $0["origin"]! }) == ["\"backfill\""])
        #expect(try BackfillFixture.normalized(backfillSQL, in: backfill) == BackfillFixture.normalized(productionSQL, in: production))

        // Run history: one `backfill` run per issue time, naming the range; production champions untouched (none here).
        let records = try BackfillFixture.backfillRecords(backfill)
        #expect(records.count == 30 && Set(records.map(\.slotUTC)) == Set(issues))
        #expect(records.allSatisfy { $0.status == .succeeded && $0.params["backfill_range"] == "2024-11-01..2024-11-30" && $0.params["origin"] == "backfill" })
        let registry = try backfill.registry()
        for family in [ModelFamilyName.lightgbm, .xgboost] {
            #expect(try registry.resolve(.champion, family: family, product: "dayahead") == nil)
        }
        #expect(backfillFixture.console.all.isEmpty, "a backfill sends no notification")

        // A second call changes nothing: no run, same files, same SQL rows (run ids and times included).
        let manifests = try manifestTexts(backfill)
        let again = try await service.run(BackfillRequest(product: .dayahead, from: BackfillFixture.from, to: BackfillFixture.to))
        #expect(again.written == 0 && again.skippedDone == 30 && again.refitsTrained == 0 && again.runIDs.isEmpty)
        #expect(try BackfillFixture.backfillRecords(backfill).count == 30)
        #expect(try manifestTexts(backfill) == manifests)
        #expect(try BackfillFixture.sqlRows(backfill) == backfillSQL)
    }

    /// In a data directory where production ran: the backfill leaves production's issue times and
    /// champions alone, and a later production run of a backfilled slot replaces its rows.
    @Test func productionWinsBothWaysAndItsChampionsStay() async throws {
        let (fixture, workspace) = try BackfillFixture.ingested()
        _ = try TrainingService(workspace: workspace).train(product: .dayahead, cutoff: IssueTime(utc: BackfillFixture.cutoffUTC), actor: "test")
        let registry = try workspace.registry()
        let champions = try [ModelFamilyName.lightgbm, .xgboost].map { try registry.resolve(.champion, family: $0, product: "dayahead")?.id }
        let issues = BackfillFixture.issues(workspace)
        let published = try await fixture.pipeline(workspace).execute(RunRequest(job: "manual", slotUTC: issues[0], product: .dayahead))
        #expect(published.record.status == .succeeded)

        let summary = try await Backfill(pipeline: fixture.pipeline(workspace))
            .run(BackfillRequest(product: .dayahead, from: BackfillFixture.from, to: BackfillFixture.from.adding(days: 2)))
        #expect(summary.skippedProduction == 1 && summary.written == 2)
        #expect(try [ModelFamilyName.lightgbm, .xgboost].map { try registry.resolve(.champion, family: $0, product: "dayahead")?.id } == champions)
        let partitions = try await BackfillFixture.partitions(workspace, issues: Array(issues.prefix(3)))
        #expect(partitions[issues[0]]?.allSatisfy { $0.origin == .production } == true)
        #expect(partitions[issues[1]]?.allSatisfy { $0.origin == .backfill } == true)

        // Production re-runs a backfilled slot: its rows replace the backfill's, one row per key.
        let before = try BackfillFixture.sqlRows(workspace).filter { $0["issue_time_utc"] == "\"\(UTCFormat.iso8601(issues[1]))\"" }
        #expect(before.count == 200 && before.allSatisfy { $0["origin"] == "\"backfill\"" })
        let rerun = try await fixture.pipeline(workspace).execute(RunRequest(job: "manual", slotUTC: issues[1], product: .dayahead))
        #expect(rerun.record.status == .succeeded)
        let after = try BackfillFixture.sqlRows(workspace).filter { $0["issue_time_utc"] == "\"\(UTCFormat.iso8601(issues[1]))\"" }
        #expect(after.count == 200 && after.allSatisfy { $0["origin"] == "\"production\"" })
        let replaced = try await BackfillFixture.partitions(workspace, issues: [issues[1]])
        #expect(replaced[issues[1]]?.count == 200 && replaced[issues[1]]?.allSatisfy { $0.origin == .production } == true)
    }

    /// Every file under the object store root with its bytes (Parquet files are named by run id, so a re-publish shows).
    private func manifestTexts(_ workspace: Workspace) throws -> [String] {
        let root = workspace.dataDirectory.appendingPathComponent("predictions")
        let urls = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])?.compactMap { $0 as? URL } ?? []
        return try urls.filter { try $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true }.map { url in
            "\(url.path.dropFirst(root.path.count)) \(try Data(contentsOf: url).base64EncodedString())"
        }.sorted()
    }
}

final class ProgressLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [BackfillProgress] = []
    var all: [BackfillProgress] { lock.withLock { lines } }
    func append(_ line: BackfillProgress) { lock.withLock { lines.append(line) } }
}
