import DartRuns
import DartWorkspace
import DartCore
import DartModels
import DartPublish
import Foundation

/// Publishes one partition from the rows all `n` shards staged for an issue time, through the
/// outbox like a run (Parquet partition with manifest last, SQL upsert, notifications).
///
/// It refuses to publish unless every shard `0/n … n−1/n` staged, the staged files match their
/// descriptors, every row's point belongs to the shard that staged it, no point appears twice,
/// and shards that used the shared models used the same versions. Re-running replaces the same
/// partition and supersedes the earlier merge's deliveries (job `merge_<product>`, slot = issue time).
public struct ShardMerge: Sendable {
    public let workspace: Workspace
    public let targets: PublishTargetFactory

    public init(workspace: Workspace, targets: PublishTargetFactory? = nil) {
        self.workspace = workspace
        self.targets = targets ?? PublishTargetFactory(workspace: workspace)
    }

    public struct Result: Sendable {
        public var runID: String
        public var rows: Int
        public var points: Int
        public var shards: [StagedShard]
        public var deliveries: [Delivery]
    }

    public func merge(product: ForecastProduct, issueUTC: Int64, shardCount: Int) async throws -> Result {
        _ = try ShardSpec(index: 0, count: shardCount, flag: "--shards")
        let staging = ShardStaging(store: try targets.objectStore())
        let staged = try await staging.staged(product: product.rawValue, issueUTC: issueUTC, count: shardCount)
        let issue = UTCFormat.iso8601(issueUTC)
        guard !staged.isEmpty else {
            throw ShardError(.nothingStaged, context: "--issue-time",
                             "no shard of a \(shardCount)-way split staged \(product.rawValue) rows for \(issue); run `dartcast predict --product \(product.rawValue) --issue-time \(issue) --shard i/\(shardCount)` for i = 0…\(shardCount - 1)")
        }
        let missing = (0..<shardCount).filter { staged[$0] == nil }
        guard missing.isEmpty else {
            throw ShardError(.missingShards, context: "--shards",
                             "\(product.rawValue) \(issue): missing shard\(missing.count == 1 ? "" : "s") " + missing.map { "\($0)/\(shardCount)" }.joined(separator: ", ")
                             + " of \(shardCount); run `dartcast predict --product \(product.rawValue) --issue-time \(issue) --shard i/\(shardCount)` for each, then merge again")
        }
        let descriptors = (0..<shardCount).map { staged[$0]! }
        try Self.checkSharedVersions(descriptors, product: product.rawValue)

        var rows: [ForecastRow] = []
        var owner: [String: ShardSpec] = [:]
        for descriptor in descriptors {
            for row in try await staging.rows(of: descriptor) {
                guard let point = SettlementPoint(row.settlementPoint), descriptor.shard.contains(point),
                      row.product == product.rawValue, row.issueTimeUTC.utc == issueUTC else {
                    throw ShardError(.inconsistentShards, context: "shard \(descriptor.shard)",
                                     "staged a row for \(row.settlementPoint) (\(row.product), issue \(row.issueTimeUTC)) that does not belong to it; re-run that shard")
                }
                if let other = owner[row.settlementPoint], other != descriptor.shard {
                    throw ShardError(.inconsistentShards, context: "shard \(descriptor.shard)", "point \(row.settlementPoint) was also staged by shard \(other)")
                }
                owner[row.settlementPoint] = descriptor.shard
                rows.append(row)
            }
        }
        rows.sort(by: Self.canonicalOrder)
        let deliveries = try await publish(rows: rows, product: product, issueUTC: issueUTC, points: owner.keys.sorted())
        return Result(runID: Self.runID(product: product, issueUTC: issueUTC), rows: rows.count, points: owner.count,
                      shards: descriptors, deliveries: deliveries)
    }

    /// Family, then point, then target hour: one order whatever the shard count.
    public static func canonicalOrder(_ a: ForecastRow, _ b: ForecastRow) -> Bool {
        (a.modelFamily, a.settlementPoint, a.targetHourUTC) < (b.modelFamily, b.settlementPoint, b.targetHourUTC)
    }

    public static func job(product: ForecastProduct) -> String { "merge_\(product.rawValue)" }

    public static func runID(product: ForecastProduct, issueUTC: Int64) -> String {
        "\(job(product: product))-\(ShardStaging.compact(issueUTC))"
    }

    /// Shards predicting with the shared models must all have used the same version of each family,
    /// or the partition would mix a retrain with its predecessor.
    static func checkSharedVersions(_ descriptors: [StagedShard], product: String) throws {
        let shared = descriptors.filter { $0.registryProduct == product }
        guard let first = shared.first else { return }
        for descriptor in shared.dropFirst() where descriptor.modelVersions != first.modelVersions {
            let differing = Set(first.modelVersions.keys).union(descriptor.modelVersions.keys).sorted()
                .filter { first.modelVersions[$0] != descriptor.modelVersions[$0] }
                .map { "\($0): \(first.modelVersions[$0] ?? "none") vs \(descriptor.modelVersions[$0] ?? "none")" }
            throw ShardError(.inconsistentShards, context: "shard \(descriptor.shard)",
                             "used other model versions than shard \(first.shard) (\(differing.joined(separator: "; "))); a retrain happened between shards — re-run the shards so they use the same champions")
        }
    }

    private func publish(rows: [ForecastRow], product: ForecastProduct, issueUTC: Int64, points: [String]) async throws -> [Delivery] {
        let runID = Self.runID(product: product, issueUTC: issueUTC), job = Self.job(product: product)
        let now = Int64(workspace.now().timeIntervalSince1970)
        let notification = RunNotification(runID: runID, job: job, product: product.rawValue, outcome: .succeeded, slotUTC: issueUTC,
                                           issueTimeUTC: issueUTC, points: points, rowCount: rows.count, summary: RunSteps.summary(rows))
        let payload = OutboxPayload(runID: runID, job: job, slotUTC: issueUTC, product: product.rawValue, issueUTC: issueUTC,
                                    createdAtUTC: now, rowCount: rows.count, notification: notification)
        let directory = OutboxPayload.directory(dataDirectory: workspace.dataDirectory, runID: runID)
        try payload.persist(rows: rows, in: directory)
        let names = targets.enabledTargets(hasRows: !rows.isEmpty, notify: workspace.settings.notifications.onSuccess)
        let outbox = OutboxPublisher(runStore: try workspace.runStore(), targets: targets, logger: workspace.logger)
        return try await outbox.publish(payload, directory: directory, to: names)
    }
}
