import DartPublish
import DartRuns
import DartCore
import Foundation

/// Reads forecasts from the runs' local outbox copies (`<data-dir>/outbox/<run_id>/predictions.parquet`),
/// which every publishing run writes whatever its targets: the history when no SQLite table is kept.
/// A forecast re-published by a later run replaces the earlier copy (same natural key).
public struct OutboxForecastHistory: ForecastHistory {
    public let runStore: RunStore
    public let dataDirectory: URL
    /// Most recent runs read; older ones are past any rolling window.
    public let runLimit: Int

    public init(runStore: RunStore, dataDirectory: URL, runLimit: Int = 1000) {
        self.runStore = runStore
        self.dataDirectory = dataDirectory
        self.runLimit = runLimit
    }

    /// Longest time from an issue to its last target hour that a product has, with margin.
    static let maxLeadSeconds: Int64 = 3 * 86_400

    public var displayName: String { "outbox copies in \(dataDirectory.appendingPathComponent("outbox").path)" }

    public func forecasts(targetFromUTC: Int64, targetToUTC: Int64, issuedByUTC: Int64) throws -> [PublishedForecast] {
        var byKey: [String: PublishedForecast] = [:]
        // A forecast is issued at most a couple of days before its target hour (day-ahead: ≤ 43 h),
        // so older runs' copies are not opened.
        let earliestIssue = targetFromUTC - Self.maxLeadSeconds
        for payload in try payloads() where payload.issueUTC <= issuedByUTC && payload.issueUTC >= earliestIssue && payload.issueUTC < targetToUTC {
            let directory = OutboxPayload.directory(dataDirectory: dataDirectory, runID: payload.runID)
            let rows: [ForecastRow]
            do { rows = try payload.rows(in: directory) } catch {
                throw MonitoringError(.forecastHistory, "cannot read the outbox copy of run \(payload.runID): \(error)",
                                      file: directory.path)
            }
            for row in rows where row.targetHourUTC >= targetFromUTC && row.targetHourUTC < targetToUTC {
                let forecast = PublishedForecast(row)
                byKey[forecast.key] = forecast  // payloads come oldest first, so a later run wins
            }
        }
        return PublishedForecast.inKeyOrder(byKey.values)
    }

    public func latestIssues(issuedByUTC: Int64) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for payload in try payloads() where payload.issueUTC <= issuedByUTC && payload.rowCount > 0 {
            result[payload.product] = max(result[payload.product] ?? .min, payload.issueUTC)
        }
        return result
    }

    /// Payloads of recorded runs that have rows, oldest first.
    private func payloads() throws -> [OutboxPayload] {
        let records: [RunRecord]
        do { records = try runStore.runs(limit: runLimit) } catch {
            throw MonitoringError(.forecastHistory, "cannot list runs in \(runStore.directory.path)/runs.sqlite: \(error)")
        }
        return records.reversed().compactMap { record in
            let directory = OutboxPayload.directory(dataDirectory: dataDirectory, runID: record.runID)
            guard let payload = try? OutboxPayload.load(from: directory), payload.rowCount > 0 else { return nil }
            return payload
        }
    }
}
