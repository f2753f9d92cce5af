import DartCore

/// A sharding problem, naming the flag or the staged objects involved and what to do.
public typealias ShardError = ContextualError<ShardErrorCode>

public enum ShardErrorCode: String, Hashable, Sendable {
    /// `--shard` / `--shards` is not `i/n` with 0 ≤ i < n.
    case invalidShard
    /// The merge found no staged shard for the issue time.
    case nothingStaged
    /// Some of the n shards have not staged their rows.
    case missingShards
    /// Staged objects disagree with each other (a point in the wrong shard, a shard staged twice, a broken descriptor).
    case inconsistentShards
}
