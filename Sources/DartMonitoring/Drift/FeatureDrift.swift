import DartCore
import DartData
import DartFeatures
import Foundation

/// Computes PSI of configured feature columns: features of recent issues (the last `recentDays`
/// up to the as-of time) against features of issues inside the model's training window. Both
/// come from the same as-of feature builder, so the recent window uses only data known at each
/// issue, and the history read stops at the as-of time's next operating day.
public struct FeatureDrift: Sendable {
    public let rules: MarketRules
    public let features: [String]
    public let recentDays: Int
    public let psi: PopulationStabilityIndex
    /// Issue times sampled (evenly) from each window: keeps a pass to seconds on a year-long window.
    public let maxIssuesPerWindow: Int

    public init(rules: MarketRules, features: [String], recentDays: Int, bins: Int, maxIssuesPerWindow: Int = 60) {
        self.rules = rules
        self.features = features
        self.recentDays = recentDays
        self.psi = PopulationStabilityIndex(binCount: bins)
        self.maxIssuesPerWindow = maxIssuesPerWindow
    }

    /// The reference: what the model was trained on, and which version.
    public struct Reference: Sendable, Hashable {
        public var modelVersion: String
        /// First and last target hour start of the training rows.
        public var fromUTC: Int64
        public var toUTC: Int64
        public init(modelVersion: String, fromUTC: Int64, toUTC: Int64) {
            self.modelVersion = modelVersion
            self.fromUTC = fromUTC
            self.toUTC = toUTC
        }
    }

    /// PSI per configured feature (in settings order; names the builder does not produce are left out).
    /// - Throws: `MonitoringError.marketData` when the store cannot be read or features cannot be built.
    public func compute(store: MarketStore, points: [SettlementPoint], product: ForecastProduct,
                        reference: Reference, asOfUTC: Int64) throws -> [FeatureDriftResult] {
        let zone = rules.timeZone
        let referenceIssues = Self.evenlySpaced(
            rules.issueTimes(product, from: zone.operatingDay(containing: reference.fromUTC).adding(days: -1),
                             through: zone.operatingDay(containing: reference.toUTC))
                .filter { $0 >= reference.fromUTC - 86_400 && $0 <= reference.toUTC && $0 <= asOfUTC },
            limit: maxIssuesPerWindow)
        let asOfDay = zone.operatingDay(containing: asOfUTC)
        let recentFrom = asOfUTC - Int64(recentDays) * 86_400
        let recentIssues = Self.evenlySpaced(
            rules.issueTimes(product, from: asOfDay.adding(days: -recentDays), through: asOfDay)
                .filter { $0 > recentFrom && $0 <= asOfUTC },
            limit: maxIssuesPerWindow)
        guard let firstIssue = (referenceIssues + recentIssues).min(), !points.isEmpty else { return [] }

        let referenceFrame, recent: FeatureFrame
        do {
            // Look-back for rolling features; nothing past the next operating day of the as-of time is read.
            let history = try store.loadHistory(points: points, fromUTC: firstIssue - 40 * 86_400,
                                                toUTC: zone.startOfDayUTC(asOfDay.adding(days: 2)))
            let builder = try FeatureBuilder(rules: rules, configuration: .init(pointCategories: points))
            referenceFrame = try builder.build(history: history, product: product, issueTimes: referenceIssues)
            recent = try builder.build(history: history, product: product, issueTimes: recentIssues)
        } catch {
            throw MonitoringError(.marketData, "cannot build features for drift (\(product.rawValue)): \(error)")
        }
        return features.compactMap { name -> FeatureDriftResult? in
            guard let column = referenceFrame.features.column(named: name) else { return nil }
            let referenceValues = (0..<referenceFrame.rowCount).map { Double(referenceFrame.features[$0, column]) }
            let recentValues = (0..<recent.rowCount).map { Double(recent.features[$0, column]) }
            return FeatureDriftResult(product: product.rawValue, feature: name,
                                      psi: psi.value(reference: referenceValues, recent: recentValues), asOfUTC: asOfUTC,
                                      modelVersion: reference.modelVersion, referenceFromUTC: reference.fromUTC,
                                      referenceToUTC: reference.toUTC, recentFromUTC: recentFrom,
                                      referenceRows: referenceValues.count, recentRows: recentValues.count)
        }
    }

    /// Names in `features` the builder does not produce (reported so a typo in settings is visible).
    public func unknownFeatures(builderNames: [String]) -> [String] {
        features.filter { !builderNames.contains($0) }
    }

    /// At most `limit` elements, evenly spread and including the first and last.
    static func evenlySpaced<T>(_ values: [T], limit: Int) -> [T] {
        guard values.count > limit, limit > 1 else { return values }
        return (0..<limit).map { values[Int((Double($0) * Double(values.count - 1) / Double(limit - 1)).rounded())] }
    }
}
