import DartCore
import DartFeatures

/// Lead buckets that each get their own model: upper bounds `[2, 6]` make 1–2, 3–6 and 7+ hours
/// ahead. A row's lead is `ceil(horizon_hours)`, the report's (the first target after a :05
/// issue, 0.917 h ahead, is lead 1).
public struct HorizonBucketBounds: Codable, Hashable, Sendable {
    /// The feature the rows are routed by.
    public static let column = "horizon_hours"
    /// The setting that holds the bounds.
    public static let setting = "models.hourly_horizon_buckets"

    /// Strictly increasing leads (≥ 1) at which a bucket ends; the last bucket is open-ended.
    public let upperBounds: [Int]

    public init(upperBounds: [Int]) throws(HorizonSplitError) {
        guard upperBounds.allSatisfy({ $0 >= 1 }), zip(upperBounds, upperBounds.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw HorizonSplitError(.invalidBounds, context: Self.setting,
                                    "[\(upperBounds.map(String.init).joined(separator: ", "))]: horizon bucket bounds must be strictly increasing leads of at least 1 hour, such as [2, 6]")
        }
        self.upperBounds = upperBounds
    }

    public var count: Int { upperBounds.count + 1 }

    /// "1-2", "3-6", "7+": part of each member's round keys (`p50@1-2`) and file names.
    public func label(_ bucket: Int) -> String {
        let low = bucket == 0 ? 1 : upperBounds[bucket - 1] + 1
        return bucket < upperBounds.count ? "\(low)-\(upperBounds[bucket])" : "\(low)+"
    }

    public func bucket(lead: Int) -> Int { upperBounds.firstIndex { lead <= $0 } ?? upperBounds.count }

    /// Row indices of each bucket, in row order.
    public func rowsByBucket(_ features: FeatureMatrix) throws(HorizonSplitError) -> [[Int]] {
        guard let column = features.column(named: Self.column) else {
            throw HorizonSplitError(.missingHorizon, context: Self.column,
                                    "horizon buckets route rows by the \(Self.column) column, which the features lack; remove it from features.exclude or set \(Self.setting) to []")
        }
        var rows = [[Int]](repeating: [], count: count)
        for row in 0..<features.rowCount {
            let hours = features[row, column]
            guard hours.isFinite else {
                throw HorizonSplitError(.missingHorizon, context: Self.column, "row \(row) has no \(Self.column); every hourly row has one")
            }
            // A small tolerance: 2.0000001 h stored as Float is still lead 2.
            rows[bucket(lead: max(1, Int((Double(hours) - 1e-4).rounded(.up))))].append(row)
        }
        return rows
    }
}

/// Why a horizon-split model could not be fitted, used, saved or loaded; the context is the
/// setting, column or file to fix.
public typealias HorizonSplitError = ContextualError<HorizonSplitErrorCode>

public enum HorizonSplitErrorCode: String, Sendable, Hashable {
    case invalidBounds
    /// The features have no `horizon_hours` value to route a row by.
    case missingHorizon
    /// A bucket has no training row.
    case emptyBucket
    /// The saved split is missing, malformed, or a member does not load as a tunable booster.
    case invalidArtifact
}
