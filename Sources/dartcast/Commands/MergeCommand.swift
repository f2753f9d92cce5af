import ArgumentParser
import DartCore
import DartPipeline
import Foundation

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Publish one partition from the rows all shards staged for an issue time (`predict --shard i/n`).",
        discussion: """
            Fails, listing the missing shards, unless every shard 0/n … n-1/n staged its rows. Publishes through \
            the outbox like `dartcast run` (Parquet partition with its manifest last, SQL upsert, notifications). \
            Re-running replaces the same partition. See docs/performance.md.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "dayahead or hourly.")
    var product: ForecastProduct = .dayahead

    @Option(help: "The issue time the shards predicted. ISO UTC (…Z) or market local time.")
    var issueTime: String

    @Option(help: "How many shards the points were split into (the n of --shard i/n).")
    var shards: Int

    func run() async throws {
        let workspace = try global.workspace(label: "dartcast.merge")
        let issue = try TimeArgument.parse(issueTime, zone: workspace.rules.timeZone)
        let result = try await ShardMerge(workspace: workspace).merge(product: product, issueUTC: issue, shardCount: shards)
        print("merged \(result.shards.count) shards: \(result.rows) rows, \(result.points) points (\(result.runID))")
        for delivery in result.deliveries {
            print("  \(delivery.target)  \(delivery.status.rawValue)\(delivery.lastError.map { "  \($0)" } ?? "")")
        }
        if result.deliveries.contains(where: { $0.status != .delivered }) { throw ExitCode(1) }
    }
}
