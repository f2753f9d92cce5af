import DartPublish
import DartWorkspace
import DartCore
import DartModels
import Foundation

/// Train and predict for one shard of the settlement points.
///
/// Models are global across points (the point is a categorical feature), so:
/// - `predict` with the shared models (trained unsharded) gives exactly the unsharded rows for the
///   shard's points: features are per point and the models score each row on its own.
/// - `train` fits models on the shard's points only and registers them under the shard's own
///   registry key (`ShardSpec.registryProduct`); a shard predicts with them once they exist. They
///   are different models from the unsharded ones, so their forecasts differ.
public struct ShardedForecasting: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// The shard's points among those the workspace forecasts.
    /// - Throws: `ShardError.invalidShard` when the shard holds none of them.
    public func points(of shard: ShardSpec) throws -> [SettlementPoint] {
        let all = try workspace.points(in: try workspace.marketStore())
        let selected = shard.select(all)
        guard !selected.isEmpty else {
            throw ShardError(.invalidShard, context: "--shard",
                             "shard \(shard) holds none of the \(all.count) settlement points; use fewer shards")
        }
        return selected
    }

    public func train(product: ForecastProduct, shard: ShardSpec, families: [ModelFamilyName]? = nil, cutoff: IssueTime,
                      actor: String, windowDays: Int? = nil) throws -> TrainingService.Report {
        try TrainingService(workspace: workspace).train(
            product: product, families: families, cutoff: cutoff, actor: actor, windowDays: windowDays,
            points: try points(of: shard), registryProduct: shard.registryProduct(product))
    }

    /// The registry key a shard predicts with: its own when `train --shard` registered a champion
    /// for it, else the shared product's.
    public func registryProduct(product: ForecastProduct, shard: ShardSpec) throws -> String {
        let registry = try workspace.registry()
        let own = shard.registryProduct(product)
        for family in workspace.families.families() + [.ensemble] where try registry.resolve(.champion, family: family, product: own) != nil {
            return own
        }
        return product.rawValue
    }

    public struct Prediction: Sendable {
        public var result: PredictionService.Result
        public var registryProduct: String
    }

    public func predict(product: ForecastProduct, issue: IssueTime, shard: ShardSpec, families: [ModelFamilyName]? = nil) throws -> Prediction {
        let wanted = Set(try points(of: shard))
        let key = try registryProduct(product: product, shard: shard)
        let result = try PredictionService(workspace: workspace).predict(
            product: product, issue: issue, families: families, points: { wanted.contains($0) }, registryProduct: key)
        return Prediction(result: result, registryProduct: key)
    }

    /// Predicts the shard and stages its rows in the object store for `ShardMerge`.
    public func predictAndStage(product: ForecastProduct, issue: IssueTime, shard: ShardSpec, families: [ModelFamilyName]? = nil,
                                targets: PublishTargetFactory? = nil) async throws -> (prediction: Prediction, staged: StagedShard) {
        let prediction = try predict(product: product, issue: issue, shard: shard, families: families)
        let factory = targets ?? PublishTargetFactory(workspace: workspace)
        let staged = try await ShardStaging(store: try factory.objectStore()).stage(
            rows: prediction.result.rows, shard: shard, product: product.rawValue, issueUTC: issue.utc,
            modelVersions: prediction.result.versions, registryProduct: prediction.registryProduct,
            createdAtUTC: Int64(workspace.now().timeIntervalSince1970))
        return (prediction, staged)
    }
}
