import DartConfig
import DartCore
import DartRuns
import Foundation
import Testing
@testable import DartPipeline

/// Refit periods on the calendar, their cutoffs and model keys; what counts as done; the progress line.
struct BackfillPlanTests {
    let rules = MarketRules.ercot

    private func plan(_ product: ForecastProduct, _ from: String, _ to: String, _ refit: RefitCadence = .monthly,
                      settings: Settings = Settings()) -> BackfillPlan {
        BackfillPlan(request: BackfillRequest(product: product, from: OperatingDay(from)!, to: OperatingDay(to)!, refit: refit),
                     rules: rules, settings: settings)
    }

    @Test func monthlyRefitsStartOnTheFirstIssueOfTheCalendarMonthEvenBeforeFrom() {
        let plan = plan(.dayahead, "2024-10-30", "2024-11-02")
        #expect(plan.refits.map(\.periodStart.description) == ["2024-10-01", "2024-11-01"])
        #expect(plan.refits.map { UTCFormat.iso8601($0.cutoffUTC) } == ["2024-10-01T10:00:00Z", "2024-11-01T10:00:00Z"])
        #expect(plan.refits.map(\.issues.count) == [2, 2])
        #expect(plan.refits[1].modelKey.hasPrefix("dayahead_backfill_202411011000_"))
        #expect(plan.issueCount == 4)
    }

    @Test func weeklyRefitsAreISOWeeksAndHourlyCountsTheFallBackDay() {
        let weekly = plan(.dayahead, "2024-11-01", "2024-11-12", .weekly)
        #expect(weekly.refits.map(\.periodStart.description) == ["2024-10-28", "2024-11-04", "2024-11-11"])
        #expect(weekly.refits.map(\.issues.count) == [3, 7, 2])
        let hourly = plan(.hourly, "2024-11-03", "2024-11-03")
        #expect(hourly.issueCount == 25)
        #expect(hourly.refits.map { UTCFormat.iso8601($0.cutoffUTC) } == ["2024-11-01T05:05:00Z"])
    }

    @Test func issueTimesAfterNowAreLeftOut() {
        let now = UTCFormat.parse("2024-11-03T12:00:00Z")!
        let plan = BackfillPlan(request: BackfillRequest(product: .dayahead, from: OperatingDay("2024-11-01")!, to: OperatingDay("2024-11-30")!),
                                rules: rules, settings: Settings(), notAfterUTC: now)
        #expect(plan.issueCount == 3 && plan.refits.last?.issues.last == UTCFormat.parse("2024-11-03T11:00:00Z")!)
    }

    @Test func theModelKeyFollowsTheSettingsThatDecideTheModelsOnly() {
        var reseeded = Settings()
        reseeded.models.seed = 7
        var otherOutput = Settings()
        otherOutput.sql.enabled = true
        let base = plan(.dayahead, "2024-11-01", "2024-11-01").refits[0].modelKey
        #expect(plan(.dayahead, "2024-11-01", "2024-11-01").refits[0].modelKey == base)
        #expect(plan(.dayahead, "2024-11-01", "2024-11-01", settings: reseeded).refits[0].modelKey != base)
        #expect(plan(.dayahead, "2024-11-01", "2024-11-01", settings: otherOutput).refits[0].modelKey == base)
        #expect(base.count == "dayahead_backfill_202411011000_".count + 8)
    }

    @Test func doneMeansPublishedByABackfillWithTheSameModelsOrByProduction() {
        let issue = UTCFormat.parse("2024-11-01T10:00:00Z")!
        func record(job: String, status: RunStatus, params: [String: String], publish: StepStatus = .succeeded) -> RunRecord {
            var record = RunRecord(runID: "\(job)-1", job: job, slotUTC: issue, product: "dayahead", params: params, startedAtUTC: issue,
                                   steps: [StepRecord(name: "publish", status: publish)])
            record.status = status
            return record
        }
        let key = "dayahead_backfill_202411011000_00000000"
        #expect(Backfill.completedByBackfill(issue, modelKey: key, in: [record(job: "backfill", status: .succeeded, params: ["model_key": key])]))
        #expect(!Backfill.completedByBackfill(issue, modelKey: key, in: [record(job: "backfill", status: .succeeded, params: ["model_key": "other"])]))
        #expect(!Backfill.completedByBackfill(issue, modelKey: key, in: [record(job: "backfill", status: .interrupted, params: ["model_key": key], publish: .running)]))
        // Killed after publishing (marked interrupted later): its outputs are complete.
        #expect(Backfill.completedByBackfill(issue, modelKey: key, in: [record(job: "backfill", status: .interrupted, params: ["model_key": key])]))
        let iso = UTCFormat.iso8601(issue)
        #expect(Backfill.publishedByProduction(issue, in: [record(job: "manual", status: .succeeded, params: ["issue_time_utc": iso, "dry_run": "false"])]))
        #expect(!Backfill.publishedByProduction(issue, in: [record(job: "manual", status: .succeeded, params: ["issue_time_utc": iso, "dry_run": "true"])]))
        #expect(!Backfill.publishedByProduction(issue, in: [record(job: "manual", status: .failed, params: ["issue_time_utc": iso], publish: .skipped)]))
        #expect(!Backfill.publishedByProduction(issue, in: [record(job: "backfill", status: .succeeded, params: ["issue_time_utc": iso])]))
    }

    @Test func theProgressLineLeadsWithCountsAndEstimatesFromTheRateAndTheTrainingStillAhead() {
        var progress = BackfillProgress(done: 12, total: 30, written: 9, skipped: 3, failed: 0, refit: 1, refits: 2,
                                        refitLabel: "2024-11-01 cutoff 2024-11-01T10:00:00Z", elapsedSeconds: 118,
                                        runSeconds: 18, trainingSeconds: 100, refitsTrained: 1, refitsAhead: 0)
        #expect(progress.rate == 0.5)
        #expect(progress.etaSeconds == 36)  // 18 issue times left at 0.5/s; training is not counted in the rate
        #expect(progress.line() == "issue 12/30  refit 1/2 2024-11-01 cutoff 2024-11-01T10:00:00Z  0.50/s  elapsed 1m58s  ETA 36s  written 9 skipped 3 failed 0")
        progress.refitsAhead = 1
        #expect(progress.etaSeconds == 136)  // plus one more refit at the mean training time
        let first = BackfillProgress(done: 3, total: 30, written: 0, skipped: 3, failed: 0, refit: 1, refits: 2, refitLabel: "x", elapsedSeconds: 1)
        #expect(first.etaSeconds == nil && first.line().contains("–/s") && first.line().contains("ETA ?"))
    }
}
