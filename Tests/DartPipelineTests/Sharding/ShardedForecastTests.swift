import DartCore
import DartModels
import DartPipeline
import DartPublish
import Foundation
import Testing

@Suite(.serialized) struct ShardedForecastTests {
    /// Sharded predict with the shared (unsharded) models, staged and merged, publishes exactly
    /// the unsharded forecast: every family and the ensemble, bit for bit. Merging again is idempotent.
    @Test func shardedPredictionsMergeToTheUnshardedForecastBitForBit() async throws {
        let fixture = try ShardFixture()
        try fixture.trainShared()
        let unsharded = try PredictionService(workspace: fixture.workspace).predict(product: .hourly, issue: IssueTime(utc: ShardFixture.issueUTC))
        #expect(Set(unsharded.versions.keys) == ["lightgbm", "xgboost", "mlp", "ensemble"], "skipped: \(unsharded.skipped)")
        #expect(unsharded.rows.count == ShardFixture.pointCount * 24 * 4)
        let ensembleVersion = try fixture.workspace.registry().version(try #require(unsharded.versions["ensemble"]))
        #expect(ensembleVersion.hyperparametersJSON.contains(#""combination":"median""#) && !ensembleVersion.hyperparametersJSON.contains("weights"),
                "\(ensembleVersion.hyperparametersJSON)")

        let sharding = ShardedForecasting(workspace: fixture.workspace)
        var stagedPoints: [[String]] = []
        for shard in fixture.shards {
            let (prediction, staged) = try await sharding.predictAndStage(product: .hourly, issue: IssueTime(utc: ShardFixture.issueUTC), shard: shard,
                                                                           targets: fixture.targets)
            #expect(prediction.registryProduct == "hourly")
            #expect(prediction.result.versions == unsharded.versions)
            stagedPoints.append(staged.points)
        }
        #expect(stagedPoints.map(\.count) == [1, 2, 3])

        let merge = ShardMerge(workspace: fixture.workspace, targets: fixture.targets)
        let first = try await merge.merge(product: .hourly, issueUTC: ShardFixture.issueUTC, shardCount: ShardFixture.shardCount)
        #expect(first.rows == unsharded.rows.count)
        #expect(first.deliveries.allSatisfy { $0.status == .delivered })

        let publisher = try fixture.targets.partitionPublisher()
        let published = try #require(try await publisher.read(product: "hourly", issueUTC: ShardFixture.issueUTC))
        Self.expectBitIdentical(published, unsharded.rows.sorted(by: ShardMerge.canonicalOrder))

        // Idempotent: the same partition, one file, the same rows.
        _ = try await merge.merge(product: .hourly, issueUTC: ShardFixture.issueUTC, shardCount: ShardFixture.shardCount)
        let partition = PartitionLayout.hive.partitionPath(product: "hourly", issueUTC: ShardFixture.issueUTC)
        let manifest = try #require(try await publisher.manifest(partition: partition))
        #expect(manifest.files.count == 1)
        #expect(try await publisher.partitions(product: "hourly").count == 1)
        let republished = try #require(try await publisher.read(product: "hourly", issueUTC: ShardFixture.issueUTC))
        Self.expectBitIdentical(republished, unsharded.rows.sorted(by: ShardMerge.canonicalOrder))
    }

    /// The merge publishes nothing until every shard staged, and names the missing ones.
    @Test func mergeListsMissingShardsAndPublishesNothing() async throws {
        let fixture = try ShardFixture(families: ["lightgbm"], ensemble: false)
        try fixture.trainShared()
        let sharding = ShardedForecasting(workspace: fixture.workspace)
        let merge = ShardMerge(workspace: fixture.workspace, targets: fixture.targets)
        await #expect {
            _ = try await merge.merge(product: .hourly, issueUTC: ShardFixture.issueUTC, shardCount: 3)
        } throws: { error in
            (error as? ShardError)?.code == .nothingStaged
        }
        _ = try await sharding.predictAndStage(product: .hourly, issue: IssueTime(utc: ShardFixture.issueUTC), shard: fixture.shards[1], targets: fixture.targets)
        await #expect {
            _ = try await merge.merge(product: .hourly, issueUTC: ShardFixture.issueUTC, shardCount: 3)
        } throws: { error in
            guard let error = error as? ShardError else { return false }
            return error.code == .missingShards && error.description.contains("missing shards 0/3, 2/3 of 3")
        }
        let publisher = try fixture.targets.partitionPublisher()
        #expect(try await publisher.partitions(product: "hourly").isEmpty)
        // A 2-way split staged under the same issue time is not mistaken for shards of the 3-way one.
        _ = try await sharding.predictAndStage(product: .hourly, issue: IssueTime(utc: ShardFixture.issueUTC), shard: try ShardSpec(index: 0, count: 2),
                                               targets: fixture.targets)
        await #expect(throws: ShardError.self) {
            _ = try await merge.merge(product: .hourly, issueUTC: ShardFixture.issueUTC, shardCount: 3)
        }
    }

    /// `train --shard i/n` fits each shard on its own points under its own registry key; shards then
    /// predict with their own models and the merge publishes every point.
    @Test func shardTrainingRegistersPerShardModelsThatShardsPredictWith() async throws {
        let fixture = try ShardFixture(families: ["lightgbm"], ensemble: false)
        let sharding = ShardedForecasting(workspace: fixture.workspace)
        let registry = try fixture.workspace.registry()
        var shardVersions: [String] = []
        for shard in fixture.shards {
            let report = try sharding.train(product: .hourly, shard: shard, cutoff: IssueTime(utc: ShardFixture.issueUTC), actor: "test")
            try fixture.promoteAll(report)
            let version = try #require(try registry.resolve(.champion, family: .lightgbm, product: shard.registryProduct(.hourly)))
            let spec = try FeatureSpec.load(in: try #require(try registry.artifactURLs(version.id, verify: true).first).deletingLastPathComponent())
            #expect(spec.pointCategories == (try sharding.points(of: shard)))
            shardVersions.append(version.id)
        }
        #expect(try registry.resolve(.champion, family: .lightgbm, product: "hourly") == nil)
        for shard in fixture.shards {
            let (prediction, _) = try await sharding.predictAndStage(product: .hourly, issue: IssueTime(utc: ShardFixture.issueUTC), shard: shard,
                                                                     targets: fixture.targets)
            #expect(prediction.registryProduct == shard.registryProduct(.hourly))
            #expect(prediction.result.versions["lightgbm"] == shardVersions[shard.index])
        }
        let merged = try await ShardMerge(workspace: fixture.workspace, targets: fixture.targets)
            .merge(product: .hourly, issueUTC: ShardFixture.issueUTC, shardCount: ShardFixture.shardCount)
        #expect(merged.points == ShardFixture.pointCount)
        #expect(merged.rows == ShardFixture.pointCount * 24)
    }

    static func expectBitIdentical(_ actual: [ForecastRow], _ expected: [ForecastRow]) {
        #expect(actual.count == expected.count)
        func bits(_ value: Double?) -> UInt64? { value?.bitPattern }
        var mismatches = 0
        for (a, e) in zip(actual, expected) {
            let same = a.settlementPoint == e.settlementPoint && a.targetHourUTC == e.targetHourUTC && a.modelFamily == e.modelFamily
                && a.modelVersion == e.modelVersion && a.issueTimeUTC == e.issueTimeUTC && a.operatingDay == e.operatingDay
                && a.hourEnding == e.hourEnding && a.isRepeatedHour == e.isRepeatedHour && a.product == e.product
                && a.prediction.bitPattern == e.prediction.bitPattern && bits(a.p10) == bits(e.p10)
                && bits(a.p50) == bits(e.p50) && bits(a.p90) == bits(e.p90)
            if !same {
                mismatches += 1
                if mismatches <= 3 { Issue.record("row differs: \(a) vs \(e)") }
            }
        }
        #expect(mismatches == 0)
    }
}
