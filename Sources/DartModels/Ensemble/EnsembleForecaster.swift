import DartCore
import DartFeatures
import Foundation

/// A weighted mean, or the per-row median, of already-trained forecasters. `fit` never retrains
/// the members: it only scores them on the validation rows and sets the weights (∝ 1 / MAE, or
/// equal). P10/P90 are combined only when every member gives them.
public final class EnsembleForecaster: Forecaster {
    public let family = ModelFamilyName.ensemble
    public let weighting: EnsembleCombination
    /// Members with their current weights, in the order given.
    public private(set) var members: [EnsembleMember]
    private let forecasters: [any Forecaster]

    /// - Parameters:
    ///   - members: trained forecasters by unique name (use the registry version when there is one).
    ///   - validationMAE: each member's MAE on validation rows, when already known (e.g. from the
    ///     registry); otherwise `fit` measures it. Equal weighting ignores it.
    /// - Throws: `EnsembleError` for no members, duplicate names or unusable MAEs.
    public init(members: [(name: String, forecaster: any Forecaster)], weighting: EnsembleCombination = .inverseMAE,
                validationMAE: [Double]? = nil) throws {
        guard !members.isEmpty else { throw EnsembleError(.noMembers, subject: "", "an ensemble needs at least one member") }
        var seen = Set<String>()
        for member in members where !seen.insert(member.name).inserted {
            throw EnsembleError(.duplicateMemberName, subject: member.name,
                                "member name \(member.name) is used twice; give each member a unique name")
        }
        if let validationMAE, validationMAE.count != members.count {
            throw EnsembleError(.invalidValidationMAE, subject: "",
                                "\(validationMAE.count) validation MAEs for \(members.count) members; pass one per member")
        }
        self.weighting = weighting
        self.forecasters = members.map(\.forecaster)
        self.members = members.map { EnsembleMember(name: $0.name, family: $0.forecaster.family, validationMAE: nil, weight: 0) }
        if let validationMAE {
            try setWeights(validationMAE: validationMAE)
        } else if weighting != .inverseMAE {
            try setWeights(validationMAE: [Double](repeating: 1, count: members.count), recordMAE: false)
        }
    }

    /// Member features, in first-seen order; each member is given its own columns of the matrix.
    public var featureNames: [String] {
        var seen = Set<String>()
        return forecasters.flatMap(\.featureNames).filter { seen.insert($0).inserted }
    }

    /// Sets the weights from each member's MAE on `validation`; `train` is not used.
    /// - Throws: `EnsembleError.missingValidation` for inverse-MAE weighting without validation rows.
    public func fit(train: Dataset, validation: Dataset?) throws {
        guard let validation else {
            if weighting != .inverseMAE { return }
            throw EnsembleError(.missingValidation, subject: "",
                                "inverse-MAE weighting needs validation rows (or validation MAEs at init)")
        }
        var maes = [Double]()
        for (member, forecaster) in zip(members, forecasters) {
            let p50 = try forecaster.predict(Self.columns(forecaster.featureNames, of: validation.features, member: member.name)).p50
            var sum = 0.0, count = 0
            for (predicted, actual) in zip(p50, validation.target) where actual.isFinite {
                sum += abs(Double(actual) - Double(predicted))
                count += 1
            }
            maes.append(count > 0 ? sum / Double(count) : .nan)
        }
        try setWeights(validationMAE: maes)
    }

    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        guard members.allSatisfy({ $0.weight > 0 }) else {
            throw EnsembleError(.missingValidation, subject: "",
                                "ensemble weights are not set; call fit with validation rows or pass validation MAEs")
        }
        let rowCount = features.rowCount
        var forecasts = [QuantileForecast]()
        for (member, forecaster) in zip(members, forecasters) {
            let forecast = try forecaster.predict(Self.columns(forecaster.featureNames, of: features, member: member.name))
            guard forecast.p50.count == rowCount else {
                throw EnsembleError(.rowCountMismatch, subject: member.name,
                                    "member \(member.name) returned \(forecast.p50.count) rows for \(rowCount) feature rows")
            }
            forecasts.append(forecast)
        }
        return combine(forecasts)
    }

    /// Forecasts already made by the members, in member order, combined as this ensemble
    /// combines them (out-of-fold forecasts in cross-validation, a backtest's test forecasts).
    public func combine(_ forecasts: [QuantileForecast]) -> QuantileForecast {
        weighting == .median ? Self.median(forecasts) : Self.combine(forecasts, weights: members.map(\.weight))
    }

    /// The member's own columns in its training order: learned models refuse a matrix with other
    /// columns, and members rarely share one feature list. A member that names no columns gets all.
    private static func columns(_ names: [String], of features: FeatureMatrix, member: String) throws(EnsembleError) -> FeatureMatrix {
        guard !names.isEmpty, names != features.names else { return features }
        var sourceIndex = [Int]()
        for name in names {
            guard let index = features.column(named: name) else {
                throw EnsembleError(.missingFeature, subject: member,
                                    "member \(member) needs feature '\(name)', which the feature matrix lacks; build features with the member's feature list")
            }
            sourceIndex.append(index)
        }
        var values = [Float]()
        values.reserveCapacity(features.rowCount * names.count)
        let stride = features.columnCount
        for row in 0..<features.rowCount {
            for index in sourceIndex { values.append(features.values[row * stride + index]) }
        }
        return FeatureMatrix(names: names, rowCount: features.rowCount, values: values)
    }

    /// The weighted mean of forecasts already made (out-of-fold forecasts in cross-validation);
    /// P10/P90 only when every forecast has them; `predict` combines its members through it.
    public static func combine(_ forecasts: [QuantileForecast], weights: [Double]) -> QuantileForecast {
        let rowCount = forecasts.first?.p50.count ?? 0
        var p50 = [Float](repeating: 0, count: rowCount)
        var p10: [Float]? = [Float](repeating: 0, count: rowCount)
        var p90: [Float]? = [Float](repeating: 0, count: rowCount)
        for (forecast, weight) in zip(forecasts, weights.map(Float.init)) {
            accumulate(forecast.p50, weight: weight, into: &p50)
            if let memberP10 = forecast.p10, p10 != nil { accumulate(memberP10, weight: weight, into: &p10!) } else { p10 = nil }
            if let memberP90 = forecast.p90, p90 != nil { accumulate(memberP90, weight: weight, into: &p90!) } else { p90 = nil }
        }
        return QuantileForecast(p50: p50, p10: p10, p90: p90)
    }

    /// The per-row median of P50 (and of P10 and P90 when every forecast has them); the mean of
    /// the two middle values for an even count. Non-finite member values are left out of their
    /// row; a row with none finite is NaN.
    public static func median(_ forecasts: [QuantileForecast]) -> QuantileForecast {
        func rowMedians(_ columns: [[Float]]) -> [Float] {
            let rowCount = columns.first?.count ?? 0
            var row = [Float]()
            row.reserveCapacity(columns.count)
            return (0..<rowCount).map { index in
                // A member's NaN would sort to an arbitrary rank: the row's median is the other members'.
                row.removeAll(keepingCapacity: true)
                for member in columns.indices where columns[member][index].isFinite { row.append(columns[member][index]) }
                guard !row.isEmpty else { return .nan }
                row.sort()
                let middle = row.count / 2
                return row.count % 2 == 1 ? row[middle] : (row[middle - 1] + row[middle]) / 2
            }
        }
        let p10s = forecasts.compactMap(\.p10), p90s = forecasts.compactMap(\.p90)
        return QuantileForecast(p50: rowMedians(forecasts.map(\.p50)),
                                p10: p10s.count == forecasts.count ? rowMedians(p10s) : nil,
                                p90: p90s.count == forecasts.count ? rowMedians(p90s) : nil)
    }

    private static func accumulate(_ values: [Float], weight: Float, into sum: inout [Float]) {
        for index in sum.indices { sum[index] += weight * values[index] }
    }

    /// Takes the saved weights as they are, so a loaded ensemble predicts exactly as it did.
    func restore(members saved: [EnsembleMember]) throws(EnsembleError) {
        for member in saved where !(member.weight.isFinite && member.weight > 0) {
            throw EnsembleError(.invalidArtifact, subject: member.name,
                                "member \(member.name) has saved weight \(member.weight); weights must be finite and above 0")
        }
        members = saved
    }

    private func setWeights(validationMAE: [Double], recordMAE: Bool = true) throws(EnsembleError) {
        let weights = try weighting.weights(validationMAE: validationMAE, names: members.map(\.name))
        for index in members.indices {
            members[index].weight = weights[index]
            members[index].validationMAE = recordMAE ? validationMAE[index] : nil
        }
    }
}
