import DartCore
import DartData
import DartFeatures
import DartModels
import DartRuns
import DartWorkspace
import Foundation

/// What a run (or `predict`) knew at its issue time, and whether that is good enough:
/// per-series freshness (`FreshnessRules` with the `freshness` settings), the price-age refusal,
/// the feature groups missing for some rows, and the configured families a run did not publish.
public enum RunInputsCheck {
    /// The input freshness at `issueUTC`.
    public struct Freshness: Sendable {
        /// Every series judged at the issue time (`MarketSeries.allCases` order).
        public var series: [SeriesFreshness]
        /// Why a run with these inputs is degraded (stale series in `freshness.degrading_series`,
        /// an overridden price-age refusal).
        public var degradedBecause: [String]
        /// Set when the issue time is more than `freshness.max_price_age_hours` after the newest
        /// price known then and `--allow-stale` was not given: the message names the newest price,
        /// the issue time and the flag. With `--allow-stale` it is a degradation reason instead.
        public var refusal: String?

        /// Throws the refusal, if any, as `PipelineError(.noData)`.
        public func checkNotRefused() throws {
            if let refusal { throw PipelineError(.noData, refusal) }
        }
    }

    /// Judges every series at `issueUTC` (throws only when the store cannot be read).
    public static func freshness(workspace: Workspace, store: MarketStore, issueUTC: Int64, allowStale: Bool) throws -> Freshness {
        let rules = FreshnessRules(rules: workspace.rules, limits: workspace.settings.freshness)
        let series = try store.freshness(at: issueUTC, rules: rules)
        let newestPrice = series.filter { $0.series == .dam || $0.series == .rtHourly }.compactMap(\.newestUTC).max()
        var reasons = series.filter(\.degrades).map(\.summary)
        let problem = rules.priceAgeProblem(newestPriceHourUTC: newestPrice, issueUTC: issueUTC)
        if let problem, allowStale { reasons.insert("--allow-stale: \(problem)", at: 0) }
        return Freshness(series: series, degradedBecause: reasons, refusal: allowStale ? nil : problem)
    }

    /// One line per feature group with a missing (NaN) value in some rows of `frame`, e.g.
    /// `exogenous features missing for all 360 rows (wind_stwpf, solar_stppf): wind_stwpf: newest 2024-12-31T05:00:00Z, …`.
    /// Groups fed by forecasts or actual load name the stale or missing series behind them.
    static func missingFeatures(_ frame: FeatureMatrix, groups: [String], series: [SeriesFreshness]) -> [String] {
        guard frame.rowCount > 0, groups.count == frame.columnCount else { return [] }
        var order: [String] = []
        var rowsMissing: [String: Int] = [:]
        var columnsAlwaysMissing: [String: [String]] = [:]
        for group in groups where !order.contains(group) { order.append(group) }
        for group in order {
            let columns = groups.indices.filter { groups[$0] == group }
            var rows = 0
            for row in 0..<frame.rowCount where columns.contains(where: { frame[row, $0].isNaN }) { rows += 1 }
            rowsMissing[group] = rows
            columnsAlwaysMissing[group] = columns.filter { column in (0..<frame.rowCount).allSatisfy { frame[$0, column].isNaN } }
                .map { frame.names[$0] }
        }
        let exogenousBehind = series.filter { $0.series.exogenousName != nil && $0.state != .fresh }.map(\.summary)
        return order.compactMap { group in
            guard let rows = rowsMissing[group], rows > 0 else { return nil }
            var line = "\(group) features missing for " + (rows == frame.rowCount ? "all \(rows) rows" : "\(rows) of \(frame.rowCount) rows")
            if let always = columnsAlwaysMissing[group], !always.isEmpty { line += " (always: \(always.joined(separator: ", ")))" }
            if (group == "exogenous" || group == "load"), !exogenousBehind.isEmpty {
                line += "; the store's forecasts and load at the issue time: " + exogenousBehind.joined(separator: "; ")
            }
            return line
        }
    }

    /// The configured families (and the ensemble when `models.ensemble`) a prediction did not
    /// use, as faults: a champion that could not be loaded, or a family with no registered
    /// version at all (its training failed). A family whose fits were not promoted because they
    /// lost to the zero forecast is left out by design and is not listed.
    static func missingFamilies(_ prediction: PredictionService.Result, workspace: Workspace, product: ForecastProduct) -> [String] {
        var configured = workspace.families.families()
        if workspace.settings.models.ensemble { configured.append(.ensemble) }
        let registry = try? workspace.registry()
        return configured.compactMap { family in
            let name = family.rawValue
            guard prediction.versions[name] == nil else { return nil }
            if prediction.unusable.contains(name) {
                return "\(name) not published: \(prediction.skipped[name] ?? "its champion could not be loaded")"
            }
            guard family != .ensemble else { return nil }
            let versions = (try? registry?.versions(family: family, product: product.rawValue)) ?? []
            return versions.isEmpty ? "\(name) not published: no \(product.rawValue) model is registered (its training failed or never ran)" : nil
        }
    }
}
