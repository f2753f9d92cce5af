import DartCore
import DartFeatures
import DartModels
import Foundation

/// Models of a walk-forward backtest's earlier refits, reused as the folds of later ones.
///
/// With monthly refits and folds on the previous refit periods, fold k of refit r is "a model
/// trained on the rows known at the start of period r − k, scored on that period": exactly the
/// model refit r − k fitted. Keeping each refit's model at the full round budget lets every
/// later refit read its round curve (staged prediction) and its out-of-fold forecasts at any
/// number of rounds, so a refit costs one fit per family instead of folds + 1.
public final class SharedFoldModels: @unchecked Sendable {
    /// A model fitted at one origin, with the columns it was trained without (inputs that had
    /// stopped arriving then); they are blanked again whenever it forecasts a fold.
    struct Entry {
        var forecaster: any Forecaster
        var silencedColumns: [String]

        /// `features` as this model saw its inputs: its silenced columns blank.
        func view(_ features: FeatureMatrix) -> FeatureMatrix {
            guard !silencedColumns.isEmpty else { return features }
            var out = features
            for name in silencedColumns {
                guard let column = out.names.firstIndex(of: name) else { continue }
                for row in 0..<out.rowCount { out[row, column] = .nan }
            }
            return out
        }
    }

    private let lock = NSLock()
    private var entries: [ModelFamilyName: [Int64: Entry]] = [:]

    public init() {}

    func entry(_ family: ModelFamilyName, originUTC: Int64) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[family]?[originUTC]
    }

    func store(_ entry: Entry, family: ModelFamilyName, originUTC: Int64) {
        lock.lock()
        entries[family, default: [:]][originUTC] = entry
        lock.unlock()
    }

    /// Drops models older than `originUTC` (no later refit folds on them).
    public func forget(before originUTC: Int64) {
        lock.lock()
        for family in entries.keys { entries[family] = entries[family]!.filter { $0.key >= originUTC } }
        lock.unlock()
    }

    /// Models held, over all families (for tests and logs).
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.values.reduce(0) { $0 + $1.count }
    }
}

/// A full-budget booster that forecasts with the rounds its refit chose, leaving the trees
/// beyond them for later refits' round curves.
final class RoundLimitedForecaster: Forecaster {
    let inner: any RoundTunableForecaster
    let rounds: [String: Int]

    init(inner: any RoundTunableForecaster, rounds: [String: Int]) {
        self.inner = inner
        self.rounds = rounds
    }

    var family: ModelFamilyName { inner.family }
    var featureNames: [String] { inner.featureNames }
    func fit(train: Dataset, validation: Dataset?) throws { try inner.fit(train: train, validation: validation) }
    func predict(_ features: FeatureMatrix) throws -> QuantileForecast { try inner.predict(features, rounds: rounds) }

    /// Refused: cutting the booster to save it would corrupt the round curves later refits read
    /// from it. Only a walk-forward backtest holds these, and it saves no model.
    func save(to directory: URL) throws -> [URL] {
        throw PipelineError(.training, "a backtest's shared fold model is not saved; train with `dartcast train` to register a model")
    }
}
