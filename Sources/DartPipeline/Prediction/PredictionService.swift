import DartWorkspace
import DartCore
import DartFeatures
import DartModels
import Foundation
import Logging

/// Forecasts future hours with the champion of each family and the champion ensemble.
public struct PredictionService: Sendable {
    public let workspace: Workspace
    /// The families whose saved models it can load (`DartRuntime.Registrations.families` in production).
    public let table: ModelFamilyTable
    /// How much history features are built from: the features' own window (default) or everything stored.
    var historyScope: HistoryScope = .featureWindow

    public init(workspace: Workspace, families table: ModelFamilyTable = .standard) {
        self.workspace = workspace
        self.table = table
    }

    public struct Result: Sendable {
        public var product: ForecastProduct
        public var issue: IssueTime
        public var rows: [ForecastRow]
        /// family → version used.
        public var versions: [String: String]
        /// Families with no champion or whose model could not be used, with the reason.
        public var skipped: [String: String]
        /// The families in `skipped` whose champion exists but could not be loaded (a modified or
        /// truncated artifact, a library error), with the error: these are faults, not design.
        public var unusable: Set<String> = []
        public var points: [SettlementPoint]
    }

    /// A loaded champion: its forecaster with the calibrated band and its feature spec.
    struct Champion {
        var family: ModelFamilyName
        var version: String
        var forecaster: any Forecaster
        var calibration: IntervalCalibration
        var spec: FeatureSpec
    }

    /// - Parameters:
    ///   - issue: the forecast's issue time; features use only what was known then.
    ///   - pointFilter: forecast only these points; only their history is loaded (features are per point).
    ///   - registryProduct: the registry key whose champions are used (a shard's own models); nil means the product.
    public func predict(product: ForecastProduct, issue: IssueTime, families requested: [ModelFamilyName]? = nil,
                        points pointFilter: ((SettlementPoint) -> Bool)? = nil, registryProduct: String? = nil,
                        prebuilt: RunFeatures? = nil) throws -> Result {
        let issueUTC = issue.utc
        let registry = try workspace.registry()
        var skipped: [String: String] = [:]
        var unusable = Set<String>()
        var champions: [Champion] = []
        let wanted = (requested ?? workspace.settings.models.families) + (workspace.settings.models.ensemble && requested == nil ? [.ensemble] : [])
        for family in wanted {
            do {
                guard let version = try registry.resolve(.champion, family: family, product: registryProduct ?? product.rawValue) else {
                    skipped[family.rawValue] = registryProduct.flatMap { $0 == product.rawValue ? nil : $0 }
                        .map { "no champion under \($0) (its versions did not beat the zero forecast on validation)" }
                        ?? "no champion for \(product.rawValue); run `dartcast train --product \(product.rawValue)`"
                    continue
                }
                champions.append(try load(version, family: family, registry: registry, loaded: champions))
            } catch {
                skipped[family.rawValue] = "\(error)"
                unusable.insert(family.rawValue)
                workspace.logger.error("cannot use the \(family.rawValue) champion: \(error)")
            }
        }
        guard !champions.isEmpty else {
            throw PipelineError(.noModel, "no usable \(product.rawValue) model: " + skipped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
        }

        let store = try workspace.marketStore()
        var rows: [ForecastRow] = []
        var frames: [[SettlementPoint]: FeatureFrame] = [:]
        var versions: [String: String] = [:]
        var usedPoints = Set<SettlementPoint>()
        for champion in champions {
            let categories = champion.spec.pointCategories
            if frames[categories] == nil, pointFilter == nil, let prebuilt, prebuilt.points == categories, prebuilt.issueUTC == issueUTC {
                frames[categories] = prebuilt.predictionFrame
            }
            if frames[categories] == nil {
                let builder = try workspace.featureBuilder(pointCategories: categories)
                // Every point's history, even for a shard: cross-point (system) features average over all of them.
                let history = try store.loadHistory(points: categories, builder: builder, product: product, issueUTC: issueUTC,
                                                    scope: historyScope)
                let wanted = pointFilter.map { filter in history.points.indices.filter { filter(history.points[$0]) } }
                frames[categories] = try builder.build(history: history, product: product, issueTimes: [issueUTC], pointIndices: wanted)
            }
            let frame = frames[categories]!
            let forecast = champion.calibration.apply(to: try champion.forecaster.predict(frame.features), features: frame.features)
            versions[champion.family.rawValue] = champion.version
            let missing = frame.features.missingCounts()
            for row in 0..<frame.rowCount {
                let point = frame.point(ofRow: row)
                usedPoints.insert(point)
                let p50 = Double(forecast.p50[row])
                rows.append(ForecastRow(
                    issueTimeUTC: issue, targetHourUTC: frame.targetUTC[row], operatingDay: frame.operatingDay[row],
                    hourEnding: Int(frame.hourEnding[row]), isRepeatedHour: frame.isRepeatedHour[row], settlementPoint: point.name,
                    product: product.rawValue, modelFamily: champion.family.rawValue, modelVersion: champion.version,
                    prediction: p50, p10: forecast.p10.map { Double($0[row]) }, p50: p50, p90: forecast.p90.map { Double($0[row]) },
                    missingFeatures: missing[row]))
            }
        }
        return Result(product: product, issue: issue, rows: rows, versions: versions, skipped: skipped, unusable: unusable,
                      points: usedPoints.sorted())
    }

    /// Loads a version after verifying its artifacts' digests. An ensemble member that is one of
    /// the `loaded` champions is shared, not read and verified a second time.
    func load(_ version: ModelVersion, family: ModelFamilyName, registry: ModelRegistry, loaded: [Champion] = []) throws -> Champion {
        let urls = try registry.artifactURLs(version.id, verify: true)
        guard let directory = urls.first?.deletingLastPathComponent() else {
            throw PipelineError(.noModel, "version \(version.id) has no artifacts; retrain")
        }
        let forecaster: any Forecaster
        if family == .ensemble {
            forecaster = try EnsembleForecaster.load(from: directory) { member in
                if let champion = loaded.first(where: { $0.version == member.name && $0.family == member.family }) {
                    return CalibratedForecaster(inner: champion.forecaster, calibration: champion.calibration)
                }
                let memberURLs = try registry.artifactURLs(member.name, verify: true)
                guard let memberDirectory = memberURLs.first?.deletingLastPathComponent() else {
                    throw PipelineError(.noModel, "ensemble member \(member.name) has no artifacts")
                }
                let calibration = try IntervalCalibration.load(in: memberDirectory)
                return CalibratedForecaster(inner: try ModelFamilies.load(member.family, from: memberDirectory, logger: workspace.logger, table: table),
                                        calibration: calibration)
            }
        } else {
            forecaster = try ModelFamilies.load(family, from: directory, logger: workspace.logger, table: table)
        }
        return Champion(family: family, version: version.id, forecaster: forecaster,
                        calibration: try IntervalCalibration.load(in: directory), spec: try FeatureSpec.load(in: directory))
    }
}

