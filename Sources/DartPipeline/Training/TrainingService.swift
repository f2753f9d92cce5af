import DartWorkspace
import DartCore
import DartFeatures
import DartModels
import Foundation
import Logging

/// Trains every configured family for a product on the data known at `cutoffUTC`, registers
/// each as an immutable version, and moves the `champion` alias to versions that beat the zero
/// forecast on validation (others become `challenger`).
public struct TrainingService: Sendable {
    public let workspace: Workspace
    /// The families it can train (`DartRuntime.Registrations.families` in production).
    public let table: ModelFamilyTable

    public init(workspace: Workspace, families table: ModelFamilyTable = .standard) {
        self.workspace = workspace
        self.table = table
    }

    /// The configured families, built through `table`.
    var families: ModelFamilies { ModelFamilies(settings: workspace.settings.models, table: table) }

    public struct Report: Sendable {
        public struct Entry: Sendable {
            public var family: ModelFamilyName
            public var version: String
            public var validationMAE: Double?
            public var alias: ModelAlias
            public var fitSeconds: Double?
        }
        public var product: ForecastProduct
        public var entries: [Entry]
        public var failures: [(family: ModelFamilyName, error: String)]
        public var trainRows: Int
        public var validationRows: Int
        public var zeroValidationMAE: Double
        public var seconds: Double

        public var text: String {
            var lines = [String(format: "trained %@ on %d rows (validation %d; zero-forecast validation MAE %.3f) in %.1f s",
                                product.rawValue, trainRows, validationRows, zeroValidationMAE, seconds)]
            for entry in entries {
                lines.append(String(format: "  %-9@ %@  validation MAE %@  → %@%@", entry.family.rawValue, entry.version,
                                    entry.validationMAE.map { String(format: "%.3f", $0) } ?? "–", entry.alias.rawValue,
                                    entry.fitSeconds.map { String(format: "  (%.1f s)", $0) } ?? ""))
            }
            for failure in failures { lines.append("  \(failure.family.rawValue) FAILED: \(failure.error)") }
            return lines.joined(separator: "\n")
        }
    }

    /// - Parameters:
    ///   - points: train on these points only (a shard); nil means every configured point.
    ///   - registryProduct: the registry key versions and aliases go under (a shard's own key); nil means the product.
    public func train(product: ForecastProduct, families requested: [ModelFamilyName]? = nil, cutoff: IssueTime,
                      actor: String, windowDays: Int? = nil, points selected: [SettlementPoint]? = nil,
                      registryProduct: String? = nil) throws -> Report {
        let started = Date()
        let store = try workspace.marketStore()
        let points = try selected ?? workspace.points(in: store)
        guard !points.isEmpty else { throw PipelineError(.noData, "the market store has no prices; run `dartcast ingest FILE…` first") }
        let window = window(product: product, cutoffUTC: cutoff.utc, windowDays: windowDays)
        let history = try store.loadHistory(points: points, fromUTC: window.historyFromUTC, toUTC: window.historyToUTC)
        let builder = try workspace.featureBuilder(pointCategories: points)
        let outcome = try trainer(product).train(history: history, builder: builder, window: window, familiesToTrain: requested ?? families.families(),
                                                 buildEnsemble: workspace.settings.models.ensemble)
        return try report(outcome, actor: actor, registryProduct: registryProduct, started: started)
    }

    /// Trains on a run's frame (built once by `build_features`), registers and promotes.
    func train(features: RunFeatures, families: [ModelFamilyName], actor: String) throws -> Report {
        guard let window = features.window else {
            throw PipelineError(.training, "the run's features were built without training rows; this is a bug")
        }
        let started = Date()
        let outcome = try trainer(features.product).train(frame: features.frame, featureSeconds: features.buildSeconds, window: window,
                                                          familiesToTrain: families, buildEnsemble: workspace.settings.models.ensemble)
        return try report(outcome, actor: actor, registryProduct: nil, started: started)
    }

    /// The training window `models` settings give for a refit at `cutoffUTC`.
    func window(product: ForecastProduct, cutoffUTC: Int64, windowDays: Int? = nil) -> TrainingWindow {
        TrainingWindow(product: product, cutoffUTC: cutoffUTC, models: workspace.settings.models,
                       regimeChangeDays: workspace.settings.features.regimeDates, windowDays: windowDays)
    }

    private func trainer(_ product: ForecastProduct) -> ModelTrainer {
        ModelTrainer(rules: workspace.rules, families: families.forProduct(product), logger: workspace.logger)
    }

    private func report(_ outcome: TrainingOutcome, actor: String, registryProduct: String?, started: Date) throws -> Report {
        let entries = try register(outcome, actor: actor, registryProduct: registryProduct)
        return Report(product: outcome.product, entries: entries, failures: outcome.failures, trainRows: outcome.trainRows,
                      validationRows: outcome.validationRows, zeroValidationMAE: outcome.zeroValidationMAE,
                      seconds: Date().timeIntervalSince(started))
    }

    struct ValidationSummary: Encodable {
        var validation_mae: Double?
        var zero_validation_mae: Double?
        var train_rows: Int
        var validation_rows: Int
        var interval_adjustment: Double
        var coverage_before: Double?
        var coverage_after: Double?
        /// Folds, chosen rounds and fold scores of the rolling-origin cross-validation.
        var cross_validation: CrossValidationSummary?
    }

    func register(_ outcome: TrainingOutcome, actor: String, registryProduct: String? = nil) throws -> [Report.Entry] {
        let registry = try workspace.registry()
        let staging = workspace.dataDirectory.appendingPathComponent("tmp/train-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: staging) }
        let spec = FeatureSpec(product: outcome.product, pointCategories: outcome.pointCategories, featureNames: outcome.featureNames)
        let git = workspace.gitSHA
        let product = registryProduct ?? outcome.product.rawValue
        var entries: [Report.Entry] = []

        func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
        func registerOne(family: ModelFamilyName, hyperparameters: some Encodable, save: (URL) throws -> [URL],
                         calibration: IntervalCalibration, validationMAE: Double?, fitSeconds: Double?) throws {
            let directory = staging.appendingPathComponent(family.rawValue)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let files = try save(directory) + [try calibration.save(in: directory), try spec.save(in: directory)]
            let provenance = try ModelProvenance(
                family: family, product: product, trainingFromUTC: outcome.trainingFromUTC, trainingToUTC: outcome.trainingToUTC,
                rowDigest: outcome.rowDigest, featureNames: outcome.featureNames, hyperparameters: hyperparameters,
                seed: workspace.settings.models.seed, gitSHA: git)
            let summary = ValidationSummary(
                validation_mae: finite(validationMAE), zero_validation_mae: finite(outcome.zeroValidationMAE), train_rows: outcome.trainRows,
                validation_rows: outcome.validationRows, interval_adjustment: Double(calibration.adjustment),
                coverage_before: finite(calibration.coverageBefore), coverage_after: finite(calibration.coverageAfter),
                cross_validation: outcome.crossValidation)
            let registration = try ModelRegistration(provenance: provenance, artifacts: files, validationMetrics: summary)
            let version: ModelVersion
            do {
                version = try registry.register(registration)
            } catch let error as RegistryError where error.code == .versionExists && error.version != nil {
                // The id hashes the inputs, seed and artifact digests plus the second: a refit of the
                // same data within the same second produced this very model, so it is that version.
                version = try registry.version(error.version!)
            }
            let beatsZero = (validationMAE ?? .infinity) < outcome.zeroValidationMAE
            let alias: ModelAlias = beatsZero ? .champion : .challenger
            let reason = String(format: "trained with cutoff %@: validation MAE %.3f vs zero %.3f", UTCFormat.iso8601(outcome.window.cutoffUTC),
                                validationMAE ?? .nan, outcome.zeroValidationMAE)
            if try registry.resolve(alias, family: family, product: product)?.id != version.id {
                _ = try registry.promote(version.id, to: alias, actor: actor, reason: reason)
            }
            entries.append(.init(family: family, version: version.id, validationMAE: finite(validationMAE), alias: alias, fitSeconds: fitSeconds))
        }

        var memberVersions: [String: String] = [:]
        for model in outcome.models {
            try registerOne(family: model.family, hyperparameters: AnyEncodable(Self.hyperparameters(of: model.forecaster)),
                            save: { try model.forecaster.save(to: $0) },
                            calibration: model.calibration, validationMAE: model.validationMAE, fitSeconds: model.fitSeconds)
            memberVersions[model.family.rawValue] = entries.last!.version
        }
        if let ensemble = outcome.ensemble {
            // The saved ensemble names its members by registry version, so it reloads exactly those.
            let named = try EnsembleForecaster(
                members: ensemble.members.map { member in
                    (name: memberVersions[member.name] ?? member.name, forecaster: outcome.models.first { $0.family.rawValue == member.name }!.forecaster)
                },
                weighting: ensemble.weighting, validationMAE: ensemble.members.map { $0.validationMAE ?? .nan })
            try registerOne(family: .ensemble, hyperparameters: EnsembleRecord(ensemble), save: { try named.save(to: $0) },
                            calibration: outcome.ensembleCalibration, validationMAE: outcome.ensembleValidationMAE, fitSeconds: nil)
        }
        return entries
    }
}

extension TrainingService {
    /// What the registry records as a model's hyperparameters; a split model records its buckets'.
    static func hyperparameters(of forecaster: any Forecaster) -> any Encodable {
        switch forecaster {
        case let lgbm as LightGBMForecaster: lgbm.hyperparameters
        case let xgb as XGBoostForecaster: xgb.hyperparameters
        case let mlp as MLPForecaster: mlp.hyperparameters
        case let split as HorizonSplitForecaster:
            Dictionary(uniqueKeysWithValues: split.members.indices.map { bucket in
                ("leads " + split.bounds.label(bucket), AnyEncodable(hyperparameters(of: split.members[bucket])))
            })
        default: [String: String]()
        }
    }
}

/// What the registry records for an ensemble: how it combines and its members; weights only
/// when they are what combines them (a median's 1 / n would mislead).
struct EnsembleRecord: Encodable, Equatable {
    let combination: EnsembleCombination
    let members: [String]
    let weights: [String: Double]?
    init(combination: EnsembleCombination, members: [String], weights: [String: Double]?) {
        (self.combination, self.members, self.weights) = (combination, members, weights)
    }
    init(_ ensemble: EnsembleForecaster) {
        self.init(combination: ensemble.weighting, members: ensemble.members.map(\.name),
                  weights: ensemble.weighting == .median ? nil : Dictionary(uniqueKeysWithValues: ensemble.members.map { ($0.name, $0.weight) }))
    }
}

/// Type-erases an Encodable value so differently typed hyperparameters share one call.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}
