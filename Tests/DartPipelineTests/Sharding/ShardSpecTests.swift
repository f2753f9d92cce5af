import DartCore
import DartPipeline
import Testing

@Suite struct ShardSpecTests {
    @Test func parsesZeroBasedShards() throws {
        #expect(try ShardSpec.parse("0/4") == ShardSpec(index: 0, count: 4))
        #expect(try ShardSpec.parse("3/4").index == 3)
        #expect(try ShardSpec.parse("0/1").count == 1)
        #expect(try ShardSpec.parse("2/4").description == "2/4")
    }

    @Test(arguments: ["4/4", "-1/4", "1/0", "a/4", "1", "1/2/3", "", "/4", "0/"])
    func rejectsBadShardValuesNamingTheFlag(text: String) {
        #expect {
            _ = try ShardSpec.parse(text, flag: "--shard")
        } throws: { error in
            guard let error = error as? ShardError else { return false }
            return error.code == .invalidShard && error.context == "--shard" && error.description.contains("--shard")
        }
    }

    /// FNV-1a 64 reference vectors: the split must be the same on every machine and Swift version.
    @Test func hashIsStableFNV1a() {
        #expect(ShardSpec.stableHash("") == 0xcbf2_9ce4_8422_2325)
        #expect(ShardSpec.stableHash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(ShardSpec.stableHash("foobar") == 0x8594_4171_f739_67e8)
    }

    /// Pinned assignments: changing the hash would move points between machines' shards.
    @Test func assignmentIsPinned() {
        let names = (1...6).map { SettlementPoint(String(format: "SYN_%04d", $0))! }
        #expect(names.map { ShardSpec.shardIndex(of: $0, count: 3) } == [2, 1, 1, 0, 2, 2])
        let hubs = ["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"].map { SettlementPoint($0)! }
        #expect(hubs.map { ShardSpec.shardIndex(of: $0, count: 2) } == [0, 0, 0, 1])
    }

    @Test func shardsPartitionThePointsEvenly() throws {
        let points = (1...1000).map { SettlementPoint(String(format: "SYN_%04d", $0))! }
        let shards = try (0..<4).map { try ShardSpec(index: $0, count: 4).select(points) }
        #expect(shards.map(\.count).reduce(0, +) == points.count)
        #expect(Set(shards.flatMap { $0 }).count == points.count)
        for shard in shards { #expect((200...300).contains(shard.count), "shard sizes \(shards.map(\.count))") }
    }

    @Test func shardModelsHaveTheirOwnRegistryKey() throws {
        #expect(try ShardSpec(index: 1, count: 4).registryProduct(.dayahead) == "dayahead_shard1of4")
        #expect(try ShardSpec(index: 0, count: 3).registryProduct(.hourly) == "hourly_shard0of3")
    }
}
