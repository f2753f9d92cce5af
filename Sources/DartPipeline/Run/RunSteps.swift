import DartRuns
import DartWorkspace
import DartCore
import DartData
import DartModels
import DartPublish
import Foundation
import Logging

/// The steps of one run, in order, recording each on the run record.
struct RunSteps {
    let workspace: Workspace
    let request: RunRequest
    let runID: String
    let recorder: RunRecorder
    let outbox: OutboxPublisher
    let targets: PublishTargetFactory
    let sources: [any MarketSource]
    let hooks: RunHooks
    let families: ModelFamilyTable

    var logger: Logger { recorder.logger }
    var product: ForecastProduct { request.product }

    /// A step whose failure fails the run.
    struct CriticalFailure: Error {
        let step: String
        let error: any Error
    }

    func run() async -> RunResult {
        var rows: [ForecastRow] = []
        var deliveries: [Delivery] = []
        var planned: [RunResult.PlannedTarget] = []
        do {
            let store = try await critical("ingest_new") { try await hooks.beforeStep("ingest_new"); return try workspace.marketStore() }
            await ingestNew(into: store)
            let training = planTraining()
            let features = try await critical("build_features") {
                try await hooks.beforeStep("build_features")
                return try await buildFeatures(store: store, training: !training.isEmpty)
            }
            try await critical("train") { try await hooks.beforeStep("train") }
            await train(training, features: features)
            let prediction = try await critical("predict") { try await hooks.beforeStep("predict"); return try await predict(features) }
            rows = prediction.rows
            if request.dryRun {
                recorder.skip("publish", reason: "dry run: nothing written")
                planned = plan(hasRows: !rows.isEmpty)
            } else {
                deliveries = try await critical("publish") { try await hooks.beforeStep("publish"); return try await publish(prediction) }
            }
            let degraded = recorder.record.inputs?.degradedBecause ?? []
            finish(status: degraded.isEmpty ? .succeeded : .degraded,
                   error: [failedStepsSummary(), degraded.isEmpty ? nil : "degraded: " + degraded.joined(separator: "; ")]
                       .compactMap { $0 }.joined(separator: "; ").nilIfEmpty)
        } catch let failure as CriticalFailure {
            let cancelled = failure.error is CancellationError
            finish(status: cancelled ? .interrupted : .failed, error: "\(failure.step): \(failure.error)")
            if !request.dryRun, !cancelled { deliveries = await notifyFailure(step: failure.step, error: "\(failure.error)") }
        } catch {
            finish(status: .failed, error: "\(error)")
        }
        return RunResult(record: recorder.record, rows: rows, deliveries: deliveries, planned: planned)
    }

    /// Runs `body`; if it throws, records the step failed (when it was begun or is still pending) and stops the run.
    private func critical<T>(_ step: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            if let current = recorder.record.steps.first(where: { $0.name == step }), current.status == .running || current.status == .pending {
                recorder.finish(step, error: "\(error)")
            }
            throw CriticalFailure(step: step, error: error)
        }
    }

    private func finish(status: RunStatus, error: String?) {
        let now = recorder.nowUTC
        recorder.update { record in
            record.status = status
            record.finishedAtUTC = now
            record.error = error
            for index in record.steps.indices where record.steps[index].status == .pending {
                record.steps[index].status = .skipped
                record.steps[index].detail["reason"] = "an earlier step failed"
            }
        }
        var metadata: Logger.Metadata = ["status": "\(status.rawValue)"]
        if let error { metadata["error"] = "\(error)" }
        logger.log(level: status == .succeeded ? .info : status == .degraded ? .warning : .error, "run finished", metadata: metadata)
    }

    private func failedStepsSummary() -> String? {
        let failed = recorder.record.steps.filter { $0.status == .failed }
        guard !failed.isEmpty else { return nil }
        return "\(failed.count) step\(failed.count == 1 ? "" : "s") failed: " + failed.map { "\($0.name) (\($0.error ?? "no message"))" }.joined(separator: "; ")
    }

    // MARK: ingest_new (failures recorded, the run goes on with the data already stored)

    private func ingestNew(into store: MarketStore) async {
        if request.backfill != nil { return recorder.skip("ingest_new", reason: "backfill: forecasts from the market store as it is") }
        recorder.begin("ingest_new")
        var problems: [String] = []
        var detail: [String: String] = [:]
        var stored = 0
        for source in sources {
            do {
                let report = try await source.fetch(into: store)
                for (key, value) in report.detail { detail["\(source.name)_\(key)"] = value }
                stored += report.rowsStored
                problems += report.problems.map { "\(source.name): \($0)" }
            } catch {
                problems.append("\(source.name): \(error)")
            }
        }
        detail["rows_stored"] = "\(stored)"
        recorder.update { $0.rowCounts["ingested"] = stored }
        recorder.finish("ingest_new", error: problems.isEmpty ? nil : problems.joined(separator: "; "), detail: detail)
    }

    // MARK: build_features

    /// Builds the run's one feature frame: the issue's rows, plus the training rows when a family trains.
    private func buildFeatures(store: MarketStore, training: Bool) async throws -> RunFeatures {
        try await recorder.step("build_features") {
            let issue = request.issueUTC
            let points = try workspace.points(in: store)
            guard !points.isEmpty else {
                throw PipelineError(.noData, "the market store has no prices; drop files into \(workspace.dataDirectory.path)/inbox or configure sources.postgres")
            }
            let freshness = try checkFreshness(store: store)
            let window = training ? TrainingService(workspace: workspace, families: families).window(product: product, cutoffUTC: issue) : nil
            let features = try await offloaded { [workspace, product] in
                try RunFeatures.build(workspace: workspace, store: store, points: points, product: product, issueUTC: issue, training: window)
            }
            let rows = features.predictionFrame.rowCount
            guard rows > 0 else {
                throw PipelineError(.noData, "no \(product.rawValue) target hours for issue time \(UTCFormat.iso8601(issue))")
            }
            let groups = try workspace.featureBuilder(pointCategories: points).featureColumnGroups(for: product)
            let missing = RunInputsCheck.missingFeatures(features.predictionFrame.features, groups: groups, series: freshness.series)
            recorder.update { record in
                record.rowCounts["feature_rows"] = rows
                record.inputs?.missingFeatures = missing
            }
            var detail = ["points": "\(points.count)", "rows": "\(rows)", "features": "\(features.frame.features.names.count)",
                          "issue_time_utc": UTCFormat.iso8601(issue)]
            if !freshness.degradedBecause.isEmpty { detail["stale_inputs"] = freshness.degradedBecause.joined(separator: "; ") }
            if training { detail["training_rows"] = "\(features.frame.rowCount - rows)" }
            return (features, detail)
        }
    }

    /// Records what every input series was at the issue time; refuses far-stale prices unless `--allow-stale`.
    private func checkFreshness(store: MarketStore) throws -> RunInputsCheck.Freshness {
        let freshness = try RunInputsCheck.freshness(workspace: workspace, store: store, issueUTC: request.issueUTC,
                                                      allowStale: request.allowStale)
        recorder.update { $0.inputs = RunInputs(series: freshness.series, degradedBecause: freshness.degradedBecause) }
        for reason in freshness.degradedBecause { logger.warning("stale input", metadata: ["reason": "\(reason)"]) }
        try freshness.checkNotRefused()
        return freshness
    }

    // MARK: train_<family> (each family isolated; a failure is recorded and the run goes on)

    /// The families this run trains; the others' steps are recorded skipped (or failed when the registry cannot be read).
    private func planTraining() -> [ModelFamilyName] {
        let configured = workspace.families.families()
        if let backfill = request.backfill {
            for family in configured { recorder.skip("train_\(family.rawValue)", reason: "backfill: the refit's models under \(backfill.modelKey)") }
            return []
        }
        var toTrain: [ModelFamilyName] = []
        do {
            let registry = try workspace.registry()
            for family in configured {
                if request.retrain {
                    toTrain.append(family)
                } else if let reason = try Self.reasonNotToTrain(family, product: product, registry: registry) {
                    recorder.skip("train_\(family.rawValue)", reason: reason)
                } else {
                    toTrain.append(family)
                }
            }
        } catch {
            for family in configured { recorder.begin("train_\(family.rawValue)"); recorder.finish("train_\(family.rawValue)", error: "model registry: \(error)") }
            return []
        }
        return toTrain
    }

    private func train(_ toTrain: [ModelFamilyName], features: RunFeatures) async {
        guard !toTrain.isEmpty else { return }
        for family in toTrain { recorder.begin("train_\(family.rawValue)") }
        let service = TrainingService(workspace: workspace, families: families)
        let actor = "dartcast run \(runID)", families = toTrain
        do {
            let report = try await offloaded { try service.train(features: features, families: families, actor: actor) }
            let ensemble = report.entries.first { $0.family == .ensemble }
            for entry in report.entries where entry.family != .ensemble {
                var detail = ["version": entry.version, "alias": entry.alias.rawValue, "train_rows": "\(report.trainRows)"]
                if let mae = entry.validationMAE { detail["validation_mae"] = String(format: "%.3f", mae) }
                detail["zero_validation_mae"] = String(format: "%.3f", report.zeroValidationMAE)
                if let ensemble { detail["ensemble_version"] = ensemble.version }
                recorder.finish("train_\(entry.family.rawValue)", detail: detail, seconds: entry.fitSeconds)
            }
            for failure in report.failures { recorder.finish("train_\(failure.family.rawValue)", error: failure.error) }
        } catch {
            for family in toTrain { recorder.finish("train_\(family.rawValue)", error: "\(error)") }
        }
    }

    /// Why a run without `retrain` leaves a family alone, or nil when it must train (nothing
    /// registered for the product yet). A family whose latest fit lost to the zero forecast
    /// (a `challenger`, no champion) is not refit every hour: the next `--retrain` run refits it.
    static func reasonNotToTrain(_ family: ModelFamilyName, product: ForecastProduct, registry: ModelRegistry) throws -> String? {
        if let champion = try registry.resolve(.champion, family: family, product: product.rawValue) {
            return "champion \(champion.id) exists; pass --retrain to refit"
        }
        guard let latest = try registry.versions(family: family, product: product.rawValue).first else { return nil }
        return "no champion: the latest version \(latest.id) is not promoted (it did not beat the zero forecast on validation, or was rolled back); pass --retrain to refit, or promote it with `dartcast models promote`"
    }

    // MARK: predict

    private func predict(_ features: RunFeatures) async throws -> PredictionService.Result {
        try await recorder.step("predict") {
            let service = PredictionService(workspace: workspace, families: families)
            let issue = request.issueUTC, product = product, key = request.backfill?.modelKey, origin = request.origin
            var result = try await offloaded {
                try service.predict(product: product, issue: IssueTime(utc: issue), registryProduct: key, prebuilt: features)
            }
            if origin != .production { result.rows = result.rows.map { row in var row = row; row.origin = origin; return row } }
            let missingFamilies = RunInputsCheck.missingFamilies(result, workspace: workspace, product: product)
            recorder.update { record in
                record.modelVersions = result.versions
                record.rowCounts["predictions"] = result.rows.count
                if !missingFamilies.isEmpty {
                    var inputs = record.inputs ?? RunInputs()
                    inputs.degradedBecause += missingFamilies
                    record.inputs = inputs
                }
            }
            for reason in missingFamilies { logger.error("configured family not published", metadata: ["reason": "\(reason)"]) }
            var detail = ["rows": "\(result.rows.count)", "points": "\(result.points.count)",
                          "models": result.versions.keys.sorted().joined(separator: ",")]
            if !result.skipped.isEmpty { detail["skipped"] = result.skipped.keys.sorted().joined(separator: ",") }
            return (result, detail)
        }
    }

    // MARK: publish (outbox)

    private func publish(_ prediction: PredictionService.Result) async throws -> [Delivery] {
        try await recorder.step("publish") {
            let failedSteps = recorder.record.steps.filter { $0.status == .failed }.map(\.name)
            var notification = RunNotification(
                runID: runID, job: request.job, product: product.rawValue, outcome: .succeeded, slotUTC: request.slotUTC,
                issueTimeUTC: request.issueUTC, points: prediction.points.map(\.name), rowCount: prediction.rows.count,
                summary: Self.summary(prediction.rows))
            if !failedSteps.isEmpty {
                notification.failedStep = failedSteps.joined(separator: ", ")
                notification.error = failedStepsSummary()
            }
            let degraded = recorder.record.inputs?.degradedBecause ?? []
            if !degraded.isEmpty {
                notification.outcome = .degraded
                notification.error = ([failedStepsSummary()].compactMap { $0 } + degraded).joined(separator: "; ")
            }
            let payload = payload(notification: notification, rowCount: prediction.rows.count)
            let directory = OutboxPayload.directory(dataDirectory: workspace.dataDirectory, runID: runID)
            try payload.persist(rows: prediction.rows, in: directory)
            // A backfill sends no notices and leaves other runs' pending deliveries to `publish --retry-pending`.
            let notify = request.backfill == nil
                && (workspace.settings.notifications.onSuccess
                    || ((!failedSteps.isEmpty || !degraded.isEmpty) && workspace.settings.notifications.onFailure))
            let names = targets.enabledTargets(hasRows: !prediction.rows.isEmpty, notify: notify)
            let deliveries = try await outbox.publish(payload, directory: directory, to: names)
            let retried = request.backfill == nil ? try await outbox.retryPending(excludingRunID: runID) : nil
            let delivered = deliveries.filter { $0.status == .delivered }.map(\.target)
            let pending = deliveries.filter { $0.status == .pending }.map(\.target)
            recorder.update { $0.rowCounts["published_rows"] = prediction.rows.count }
            var detail = ["outbox": directory.path, "delivered": delivered.joined(separator: ","), "pending": pending.joined(separator: ",")]
            if let retried, retried.attempted > 0 { detail["retried_earlier"] = "\(retried.delivered)/\(retried.attempted) delivered" }
            do {
                if let realized = try await RealizedDARTRefresh.refresh(after: prediction.rows, workspace: workspace, targets: targets) {
                    detail["realized_rows"] = "\(realized)"
                }
            } catch {
                // The forecasts are out; a missing comparison table is worth a warning, not a failed run.
                detail["realized_error"] = "\(error)"
                workspace.logger.warning("realized DART not written", metadata: ["error": "\(error)"])
            }
            return (deliveries, detail)
        }
    }

    private func payload(notification: RunNotification, rowCount: Int) -> OutboxPayload {
        OutboxPayload(runID: runID, job: request.job, slotUTC: request.slotUTC, product: product.rawValue, issueUTC: request.issueUTC,
                      createdAtUTC: recorder.nowUTC, rowCount: rowCount, notification: notification)
    }

    /// Sends the failure notice through the outbox; its own failures are recorded, never thrown.
    private func notifyFailure(step: String, error: String) async -> [Delivery] {
        let names = targets.enabledTargets(hasRows: false, notify: request.backfill == nil && workspace.settings.notifications.onFailure)
        guard !names.isEmpty else { return [] }
        let notification = RunNotification(runID: runID, job: request.job, product: product.rawValue, outcome: .failed,
                                           slotUTC: request.slotUTC, issueTimeUTC: request.issueUTC, failedStep: step, error: error)
        let directory = OutboxPayload.directory(dataDirectory: workspace.dataDirectory, runID: runID)
        do {
            try payload(notification: notification, rowCount: 0).persist(rows: [], in: directory)
            return try await outbox.publish(payload(notification: notification, rowCount: 0), directory: directory, to: names)
        } catch {
            logger.error("could not send the failure notification", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func plan(hasRows: Bool) -> [RunResult.PlannedTarget] {
        targets.enabledTargets(hasRows: hasRows, notify: workspace.settings.notifications.onSuccess).map { name in
            .init(name: name, destination: targets.destination(of: name))
        }
    }

    /// Mean, min, max and mean P10–P90 width of the ensemble's forecasts (all rows when there is no ensemble).
    static func summary(_ rows: [ForecastRow]) -> [String: Double] {
        let ensemble = rows.filter { $0.modelFamily == ModelFamilyName.ensemble.rawValue }
        let chosen = ensemble.isEmpty ? rows : ensemble
        guard !chosen.isEmpty else { return [:] }
        let values = chosen.map(\.prediction)
        var summary = ["mean_prediction": values.reduce(0, +) / Double(values.count), "min": values.min()!, "max": values.max()!]
        let widths = chosen.compactMap { row in row.p10.flatMap { p10 in row.p90.map { $0 - p10 } } }
        if !widths.isEmpty { summary["mean_p10_p90_width"] = widths.reduce(0, +) / Double(widths.count) }
        return summary
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
