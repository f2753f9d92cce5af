import DartCore
import DartFeatures
import Foundation

/// Settings the shared boosting flow reads from either library's hyperparameters.
protocol BoostingHyperparameters: Codable, Sendable {
    /// Rounds without a better validation score before stopping; ≤ 0 trains the full budget.
    var earlyStoppingRounds: Int { get }
    /// The round budget of one booster key.
    func rounds(for output: String) -> Int
}

extension LightGBMHyperparameters: BoostingHyperparameters {}
extension XGBoostHyperparameters: BoostingHyperparameters {}

/// One booster about to be trained: its handle, and how to grow and score a round.
struct BoostingRun<Booster> {
    var booster: Booster
    /// Grows round `round` (0-based); returns true when the library can grow no further trees.
    var update: (Int) throws -> Bool
    /// The validation metric after a round; nil without a validation set.
    var validationScore: ((Int) throws -> Double)?
}

/// What one boosting library contributes to `BoostingModel`: its handles, parameters and file
/// format. Everything else (the per-booster loop, early stopping, sidecars, column checks,
/// quantile ordering) is shared, so the two libraries cannot drift apart.
protocol BoostingNative {
    associatedtype Hyperparameters: BoostingHyperparameters
    associatedtype Booster: AnyObject
    /// Native training (and optional validation) data, built once per fit.
    associatedtype TrainingData

    static var library: BoostingLibrary { get }
    static var family: ModelFamilyName { get }
    /// Sidecar file name inside a saved model directory.
    static var sidecarFileName: String { get }

    /// Booster keys the hyperparameters ask for, in training order; also the sidecar's keys.
    static func boosterKeys(_ hyperparameters: Hyperparameters) -> [String]
    static func trainingData(train: Dataset, validation: Dataset?, _ hyperparameters: Hyperparameters) throws -> TrainingData
    /// A new booster for `key`, ready for `BoostingLoop`.
    static func start(_ key: String, on data: TrainingData, _ hyperparameters: Hyperparameters) throws -> BoostingRun<Booster>
    /// Rounds the booster holds, as the library counts them.
    static func roundCount(_ booster: Booster) throws -> Int
    /// The booster cut to its first `rounds` rounds (in place or as a copy).
    static func keepingFirst(_ rounds: Int, of booster: Booster) throws -> Booster

    /// P50 and, where trained, P10/P90 before ordering; columns are already checked. A key in
    /// `rounds` predicts with that booster's first rounds only, leaving the booster whole.
    static func predict(_ boosters: [String: Booster], _ features: FeatureMatrix, _ hyperparameters: Hyperparameters,
                        rounds: [String: Int]) throws -> QuantileForecast

    /// The booster key whose output is the P50 point forecast, when a point booster is trained.
    static func pointBoosterKey(_ hyperparameters: Hyperparameters) -> String?
    /// Staged prediction: `body(k, output)` after each k = 1 … all rounds, `output` being the
    /// booster's forecast from its first k rounds (objectives with an identity link).
    static func stagedPredictions(_ booster: Booster, _ features: FeatureMatrix, _ hyperparameters: Hyperparameters,
                                  _ body: (Int, [Double]) throws -> Void) throws

    /// The native model file name for a booster key.
    static func modelFileName(_ key: String) -> String
    static func save(_ booster: Booster, to url: URL) throws
    /// Booster keys to load from a sidecar, in loading order.
    static func savedKeys(_ sidecar: BoostingSidecar<Hyperparameters>, in directory: URL) throws -> [String]
    static func loadBooster(from url: URL, sidecar: BoostingSidecar<Hyperparameters>) throws -> Booster
    /// Throws when the loaded boosters cannot serve a forecast.
    static func requireComplete(_ boosters: [String: Booster], in directory: URL) throws
}

extension BoostingNative {
    static func requireComplete(_ boosters: [String: Booster], in directory: URL) throws {}

    static var notFitted: BoostingError {
        BoostingError(code: .notFitted, library: library, hint: "Call fit(train:validation:) or load(from:) before predict.")
    }
}
