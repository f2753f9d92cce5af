/// A sharding problem, naming the flag or the staged objects involved and what to do.
public struct ShardError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// `--shard` / `--shards` is not `i/n` with 0 ≤ i < n.
        case invalidShard
        /// The merge found no staged shard for the issue time.
        case nothingStaged
        /// Some of the n shards have not staged their rows.
        case missingShards
        /// Staged objects disagree with each other (a point in the wrong shard, a shard staged twice, a broken descriptor).
        case inconsistentShards
    }

    public let code: Code
    public let message: String
    /// The flag, setting or object key involved.
    public let context: String

    public init(_ code: Code, context: String, _ message: String) {
        self.code = code
        self.context = context
        self.message = message
    }

    public var description: String { "\(context): \(message)" }
}
