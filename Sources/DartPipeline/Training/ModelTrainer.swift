import DartCore
import DartFeatures
import DartModels
import Dispatch
import Foundation
import Logging

/// One trained family with what the pipeline needs beside the model itself.
public final class TrainedModel: @unchecked Sendable {
    public let family: ModelFamilyName
    public let forecaster: any Forecaster
    public let calibration: IntervalCalibration
    public let validationMAE: Double
    public let fitSeconds: Double

    init(family: ModelFamilyName, forecaster: any Forecaster, calibration: IntervalCalibration, validationMAE: Double, fitSeconds: Double) {
        self.family = family
        self.forecaster = forecaster
        self.calibration = calibration
        self.validationMAE = validationMAE
        self.fitSeconds = fitSeconds
    }

    /// The model's forecast with its calibrated band.
    public func predict(_ features: FeatureMatrix) throws -> QuantileForecast {
        calibration.apply(to: try forecaster.predict(features), features: features)
    }
}

/// The result of training all families on one window.
public struct TrainingOutcome: @unchecked Sendable {
    public var product: ForecastProduct
    public var window: TrainingWindow
    public var featureNames: [String]
    public var pointCategories: [SettlementPoint]
    public var models: [TrainedModel]
    /// Families whose training failed, with the error; the others still ran (isolated failures).
    public var failures: [(family: ModelFamilyName, error: String)]
    public var ensemble: EnsembleForecaster?
    public var ensembleCalibration: IntervalCalibration
    public var ensembleValidationMAE: Double?
    public var trainRows: Int
    public var validationRows: Int
    public var trainingFromUTC: Int64
    public var trainingToUTC: Int64
    public var rowDigest: String
    public var featureSeconds: Double
    public var fitSeconds: Double
    /// MAE of the zero forecast on the validation rows (the bar every model must clear).
    public var zeroValidationMAE: Double
    /// Folds, chosen rounds and fold scores when the refit was cross-validated; nil for one validation slice.
    public var crossValidation: CrossValidationSummary?

    /// Ensemble forecast with its calibrated band from forecasts its members already made (by
    /// family name), or nil when no ensemble was built; nothing is predicted twice.
    public func ensembleForecast(combining memberForecasts: [String: QuantileForecast], features: FeatureMatrix) -> QuantileForecast? {
        guard let ensemble else { return nil }
        let combined = ensemble.combine(ensemble.members.map { memberForecasts[$0.name]! })
        return ensembleCalibration.apply(to: combined, features: features)
    }
}

/// Trains the configured families on one window, in parallel, each failure isolated; then
/// weights an ensemble and calibrates every P10–P90 band on the held-out validation rows.
public struct ModelTrainer: Sendable {
    public let rules: MarketRules
    public let families: ModelFamilies
    public let logger: Logger
    /// Earlier refits' models to fold on (a monthly walk-forward backtest); see `SharedFoldModels`.
    public var sharedFolds: SharedFoldModels?

    public init(rules: MarketRules, families: ModelFamilies, logger: Logger) {
        self.rules = rules
        self.families = families
        self.logger = logger
    }

    public func train(history: MarketHistory, builder: FeatureBuilder, window: TrainingWindow,
                      familiesToTrain: [ModelFamilyName], buildEnsemble: Bool = true) throws -> TrainingOutcome {
        let featureStart = DispatchTime.now()
        let frame = try window.trainingFrame(history: history, builder: builder, rules: rules)
        return try train(frame: frame, featureSeconds: Self.seconds(since: featureStart), window: window,
                         familiesToTrain: familiesToTrain, buildEnsemble: buildEnsemble)
    }

    /// Trains on the rows of a frame already built (a run builds its frame once for training
    /// and prediction); rows whose DART was not known at the window's cutoff are left out.
    public func train(frame: FeatureFrame, featureSeconds: Double, window: TrainingWindow,
                      familiesToTrain: [ModelFamilyName], buildEnsemble: Bool = true) throws -> TrainingOutcome {
        let usable = window.usableRows(frame, rules: rules)
        let folds = window.folds(usable, frame: frame, rules: rules)
        if folds.isEmpty {
            return try trainOnValidationSlice(frame: frame, usable: usable, window: window, featureSeconds: featureSeconds,
                                              familiesToTrain: familiesToTrain, buildEnsemble: buildEnsemble)
        }
        return try CrossValidatedTraining(trainer: self, frame: frame, usable: usable, folds: folds, window: window, shared: sharedFolds)
            .run(featureSeconds: featureSeconds, familiesToTrain: familiesToTrain, buildEnsemble: buildEnsemble)
    }

    /// One time-ordered validation slice (the last `validationFraction` of issue times) for
    /// histories too short for a cross-validation fold, or `cv_folds` = 0.
    func trainOnValidationSlice(frame: FeatureFrame, usable: [Int], window: TrainingWindow, featureSeconds: Double,
                                familiesToTrain: [ModelFamilyName], buildEnsemble: Bool) throws -> TrainingOutcome {
        let (trainRows, validationRows) = window.split(usable, frame: frame)
        try Self.requireTrainingRows(trainRows.count, window: window)
        var trainFeatures = frame.features.rows(trainRows)
        var validationFeatures = frame.features.rows(validationRows)
        let trainIssueUTC = trainRows.map { frame.issueUTC[$0] }
        leaveOutUnlearnableInputs(train: &trainFeatures, trainIssueUTC: trainIssueUTC, recent: &validationFeatures, window: window)
        window.simulateFeedOutages(in: &trainFeatures, issueUTC: trainIssueUTC, logger: logger)
        let train = Dataset(features: trainFeatures, target: trainRows.map { frame.dart[$0] },
                            weights: window.weights(trainRows, frame: frame, originUTC: window.cutoffUTC))
        let validation = validationRows.isEmpty ? nil
            : Dataset(features: validationFeatures, target: validationRows.map { frame.dart[$0] })

        let fitStart = DispatchTime.now()
        let results = Self.concurrently(familiesToTrain) { family -> TrainedModel in
            let started = DispatchTime.now()
            let forecaster = try families.make(family, logger: logger)
            try forecaster.fit(train: train, validation: validation)
            var calibration = IntervalCalibration.none
            var mae = Double.nan
            if let validation {
                let forecast = try forecaster.predict(validation.features)
                calibration = IntervalCalibration.fit(forecast: forecast, actual: validation.target)
                mae = Self.mae(forecast.p50, validation.target)
            }
            return TrainedModel(family: family, forecaster: forecaster, calibration: calibration,
                                validationMAE: mae, fitSeconds: Self.seconds(since: started))
        }
        let (models, failures) = collect(results, families: familiesToTrain)
        var outcome = TrainingOutcome(
            product: window.product, window: window, featureNames: frame.features.names, pointCategories: frame.points,
            models: models, failures: failures, ensemble: nil, ensembleCalibration: .none, ensembleValidationMAE: nil,
            trainRows: trainRows.count, validationRows: validationRows.count,
            trainingFromUTC: trainIssueUTC.min() ?? 0,
            trainingToUTC: (trainRows + validationRows).map { frame.targetUTC[$0] }.max() ?? 0,
            rowDigest: RowDigest.sha256(train), featureSeconds: featureSeconds, fitSeconds: Self.seconds(since: fitStart),
            zeroValidationMAE: validation.map { Self.mae([Float](repeating: 0, count: $0.target.count), $0.target) } ?? .nan)

        // Only members that beat the zero forecast on validation earn a vote.
        let voters = models.filter { $0.validationMAE < outcome.zeroValidationMAE }
        if buildEnsemble, voters.count >= 2, let validation {
            let ensemble = try EnsembleForecaster(members: voters.map { (name: $0.family.rawValue, forecaster: CalibratedForecaster(inner: $0.forecaster, calibration: $0.calibration)) },
                                                  weighting: families.settings.ensembleCombination, validationMAE: voters.map(\.validationMAE))
            let forecast = try ensemble.predict(validation.features)
            outcome.ensemble = ensemble
            outcome.ensembleCalibration = IntervalCalibration.fit(forecast: forecast, actual: validation.target)
            outcome.ensembleValidationMAE = Self.mae(forecast.p50, validation.target)
        }
        return outcome
    }

    static func requireTrainingRows(_ count: Int, window: TrainingWindow) throws {
        guard count >= 200 else {
            let span = window.windowDays > 0 ? "in a \(window.windowDays)-day window" : "in the whole history"
            throw PipelineError(.noData, "only \(count) training rows with known DART before \(UTCFormat.iso8601(window.cutoffUTC)) \(span); ingest more history")
        }
    }

    /// Runs `body` for every family at once (one booster thread each), each failure isolated.
    static func concurrently<T>(_ familiesToTrain: [ModelFamilyName], _ body: @escaping @Sendable (ModelFamilyName) throws -> T) -> [Result<T, Error>?] {
        let slots = FitSlots<T>(count: familiesToTrain.count)
        DispatchQueue.concurrentPerform(iterations: familiesToTrain.count) { index in
            slots.set(index, Result { try body(familiesToTrain[index]) })
        }
        return slots.results
    }

    /// Splits per-family results into models and logged failures.
    func collect(_ results: [Result<TrainedModel, Error>?], families familiesToTrain: [ModelFamilyName]) -> ([TrainedModel], [(family: ModelFamilyName, error: String)]) {
        var models: [TrainedModel] = []
        var failures: [(family: ModelFamilyName, error: String)] = []
        for (family, result) in zip(familiesToTrain, results) {
            switch result {
            case .success(let model)?:
                models.append(model)
                logger.info("trained \(family.rawValue)", metadata: ["seconds": "\(String(format: "%.1f", model.fitSeconds))",
                                                                      "validation_mae": "\(String(format: "%.3f", model.validationMAE))"])
            case .failure(let error)?:
                failures.append((family, "\(error)"))
                logger.error("training \(family.rawValue) failed: \(error)")
            case nil:
                failures.append((family, "did not run"))
            }
        }
        return (models, failures)
    }

    /// Leaves out of `train` and `recent` the inputs no model can learn from now: those that stopped
    /// arriving (judged on `recent`'s `judgedRows`, `silenceStaleColumns`) and feeds too young to
    /// learn from (`TrainingWindow.youngFeedColumns`). Logs each kind and returns their names.
    @discardableResult
    func leaveOutUnlearnableInputs(train: inout FeatureMatrix, trainIssueUTC: [Int64], recent: inout FeatureMatrix,
                                   judgedRows: [Int]? = nil, window: TrainingWindow) -> (stale: [String], young: [String]) {
        let stale = Self.silenceStaleColumns(train: &train, recent: &recent, judgedRows: judgedRows)
        if !stale.isEmpty {
            logger.info("inputs that stopped arriving are left out of training", metadata: ["columns": "\(stale.joined(separator: ","))"])
        }
        let youngColumns = window.youngFeedColumns(in: train, issueUTC: trainIssueUTC)
        TrainingWindow.blank(youngColumns, in: &train)
        TrainingWindow.blank(youngColumns, in: &recent)
        let young = youngColumns.map { train.names[$0] }
        if !young.isEmpty {
            logger.info("feeds with too little history are left out of training", metadata: ["columns": "\(young.joined(separator: ","))"])
        }
        return (stale, young)
    }

    /// Columns that were populated in training but are (almost) empty in the most recent rows
    /// — an input that stopped arriving, like a forecast feed that ended — are blanked in
    /// training too, so trees do not split on a value the model will never see again.
    /// Returns the blanked column names.
    /// - Parameter judgedRows: the rows of `recent` that decide (default: all of them).
    static func silenceStaleColumns(train: inout FeatureMatrix, recent: inout FeatureMatrix, judgedRows: [Int]? = nil) -> [String] {
        let judged = judgedRows ?? Array(0..<recent.rowCount)
        guard judged.count >= 100, train.rowCount > 0 else { return [] }
        var silenced: [String] = []
        for column in 0..<train.columnCount {
            var recentPresent = 0
            for row in judged where !recent[row, column].isNaN { recentPresent += 1 }
            guard Double(recentPresent) < 0.05 * Double(judged.count) else { continue }
            var trainPresent = 0
            for row in 0..<train.rowCount where !train[row, column].isNaN { trainPresent += 1 }
            guard trainPresent > 0 else { continue }
            for row in 0..<train.rowCount { train[row, column] = .nan }
            for row in 0..<recent.rowCount { recent[row, column] = .nan }
            silenced.append(train.names[column])
        }
        return silenced
    }

    static func mae(_ predicted: [Float], _ actual: [Float]) -> Double {
        var sum = 0.0, count = 0
        for (p, a) in zip(predicted, actual) where a.isFinite && p.isFinite {
            sum += abs(Double(a) - Double(p))
            count += 1
        }
        return count > 0 ? sum / Double(count) : .nan
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// Results written by concurrent fits, one slot each.
final class FitSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Result<T, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<T, Error>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }
}

/// A model seen through its calibrated band: ensembles combine calibrated members, both when
/// they are weighted after training and when they are reloaded for prediction.
final class CalibratedForecaster: Forecaster {
    let inner: any Forecaster
    let calibration: IntervalCalibration
    init(inner: any Forecaster, calibration: IntervalCalibration) {
        self.inner = inner
        self.calibration = calibration
    }
    var family: ModelFamilyName { inner.family }
    var featureNames: [String] { inner.featureNames }
    func fit(train: Dataset, validation: Dataset?) throws {}
    func predict(_ features: FeatureMatrix) throws -> QuantileForecast { calibration.apply(to: try inner.predict(features), features: features) }
    func save(to directory: URL) throws -> [URL] { try inner.save(to: directory) }
}
