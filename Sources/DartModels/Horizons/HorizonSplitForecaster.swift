import DartCore
import DartFeatures
import Foundation

/// One boosted model per lead bucket of the hourly product, each forecasting only its bucket's
/// rows. A pooled model spends its splits where most rows are (long leads); the 1–2 h rows, an
/// eighth of the data, get their own trees here. Each bounded bucket's model trains on its own
/// leads only; the last, open bucket's on every lead, which forecast long leads better than one
/// trained on them alone (docs/backtests.md § Session 11). Round keys carry the bucket
/// (`p50@1-2`), so cross-validation chooses each bucket's rounds on its own curve.
public final class HorizonSplitForecaster: RoundTunableForecaster {
    public let bounds: HorizonBucketBounds
    public let members: [any RoundTunableForecaster]

    public var family: ModelFamilyName { members[0].family }
    public var featureNames: [String] { members[0].featureNames }
    public var validationCurves: [String: [Double]] { merged { $0.validationCurves } }
    public var bestIterations: [String: Int] { merged { $0.bestIterations } }

    /// Sidecar naming the bounds and each bucket's files inside a saved model directory.
    public static let sidecarFileName = "horizon-split.json"

    /// `members`: one unfitted model per bucket, all of one family.
    public init(bounds: HorizonBucketBounds, members: [any RoundTunableForecaster]) {
        precondition(members.count == bounds.count && Set(members.map(\.family)).count == 1, "one member per bucket, one family")
        self.bounds = bounds
        self.members = members
    }

    public func fit(train: Dataset, validation: Dataset?) throws {
        let trainRows = try bounds.rowsByBucket(train.features)
        let validationRows = try validation.map { try bounds.rowsByBucket($0.features) }
        for (bucket, member) in members.enumerated() {
            guard !trainRows[bucket].isEmpty else {
                throw HorizonSplitError(.emptyBucket, context: HorizonBucketBounds.setting,
                                        "no training row is \(bounds.label(bucket)) hours ahead; widen the buckets or set them to []")
            }
            let check = validation.flatMap { data in validationRows![bucket].isEmpty ? nil : data.subset(validationRows![bucket]) }
            try member.fit(train: isOpen(bucket) ? train : train.subset(trainRows[bucket]), validation: check)
        }
    }

    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        try routed(features) { member, _, part in try member.predict(part) }
    }

    public func predict(_ features: FeatureMatrix, rounds: [String: Int]) throws -> QuantileForecast {
        try routed(features) { member, bucket, part in try member.predict(part, rounds: self.rounds(rounds, of: bucket)) }
    }

    public func keepRounds(_ rounds: [String: Int]) throws {
        for (bucket, member) in members.enumerated() { try member.keepRounds(self.rounds(rounds, of: bucket)) }
    }

    public func validationCurves(on data: Dataset) throws -> [String: [Double]] {
        let rows = try bounds.rowsByBucket(data.features)
        var curves: [String: [Double]] = [:]
        for (bucket, member) in members.enumerated() where !rows[bucket].isEmpty {
            for (key, curve) in try member.validationCurves(on: data.subset(rows[bucket])) { curves[key + suffix(bucket)] = curve }
        }
        return curves
    }

    /// The last bucket, whose model trains on every lead.
    private func isOpen(_ bucket: Int) -> Bool { bucket == members.count - 1 }

    /// "@1-2": appended to a member's own round keys.
    private func suffix(_ bucket: Int) -> String { Self.suffix(bounds, bucket) }

    private static func suffix(_ bounds: HorizonBucketBounds, _ bucket: Int) -> String { "@" + bounds.label(bucket) }

    private func rounds(_ rounds: [String: Int], of bucket: Int) -> [String: Int] { Self.memberRounds(rounds, bucket: bucket, bounds: bounds) }

    /// One member's own keys out of split keys (`p50@1-2` → `p50` for bucket 0).
    public static func memberRounds(_ rounds: [String: Int], bucket: Int, bounds: HorizonBucketBounds) -> [String: Int] {
        let suffix = suffix(bounds, bucket)
        return Dictionary(uniqueKeysWithValues: rounds.compactMap { key, value in
            key.hasSuffix(suffix) ? (String(key.dropLast(suffix.count)), value) : nil
        })
    }

    private func merged<Value>(_ read: (any RoundTunableForecaster) -> [String: Value]) -> [String: Value] {
        var out: [String: Value] = [:]
        for (bucket, member) in members.enumerated() {
            for (key, value) in read(member) { out[key + suffix(bucket)] = value }
        }
        return out
    }

    /// Each bucket's rows forecast by its member, put back in row order. Bands only when every
    /// member that forecast gives them.
    private func routed(_ features: FeatureMatrix,
                        _ forecast: (any RoundTunableForecaster, Int, FeatureMatrix) throws -> QuantileForecast) throws -> QuantileForecast {
        let rows = try bounds.rowsByBucket(features)
        var p50 = [Float](repeating: .nan, count: features.rowCount)
        var p10 = p50, p90 = p50
        var banded = true
        for (bucket, member) in members.enumerated() where !rows[bucket].isEmpty {
            let part = try forecast(member, bucket, rows[bucket].count == features.rowCount ? features : features.rows(rows[bucket]))
            for (index, row) in rows[bucket].enumerated() { p50[row] = part.p50[index] }
            if let low = part.p10, let high = part.p90 {
                for (index, row) in rows[bucket].enumerated() { (p10[row], p90[row]) = (low[index], high[index]) }
            } else {
                banded = false
            }
        }
        return QuantileForecast(p50: p50, p10: banded ? p10 : nil, p90: banded ? p90 : nil)
    }
}

extension Dataset {
    /// The rows at `indices`, with their targets and weights.
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(features: features.rows(indices), target: indices.map { target[$0] }, weights: weights.map { w in indices.map { w[$0] } })
    }
}
