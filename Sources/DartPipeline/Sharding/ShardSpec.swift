import Foundation
import DartCore

/// One of `count` disjoint slices of the settlement points (`--shard index/count`, zero-based).
///
/// A point belongs to shard `fmix64(fnv1a64(name)) mod count`: a stable hash, the same on every
/// machine, process and Swift version (Swift's `hashValue` is randomized per process and must not
/// be used). FNV-1a alone barely mixes its low bits, so names differing only in the last character
/// (`SYN_0001`, `SYN_0002`, …) would crowd into a few shards for small counts; MurmurHash3's 64-bit
/// finalizer spreads them.
public struct ShardSpec: Hashable, Sendable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// - Throws: `ShardError.invalidShard` naming `flag` unless `0 ≤ index < count`.
    public init(index: Int, count: Int, flag: String = "--shard") throws {
        guard count >= 1 else {
            throw ShardError(.invalidShard, context: flag, "the shard count must be at least 1 (got \(count)); write i/n such as 0/4")
        }
        guard (0..<count).contains(index) else {
            throw ShardError(.invalidShard, context: flag,
                             "shard \(index) does not exist in \(count) shards; shards are zero-based: 0/\(count) … \(count - 1)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `i/n` (e.g. `0/4` … `3/4`).
    /// - Throws: `ShardError.invalidShard` naming `flag` for anything else.
    public static func parse(_ text: String, flag: String = "--shard") throws -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let index = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let count = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw ShardError(.invalidShard, context: flag, "'\(text)' is not a shard; write i/n with zero-based i, e.g. 0/4 … 3/4")
        }
        return try ShardSpec(index: index, count: count, flag: flag)
    }

    public var description: String { "\(index)/\(count)" }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// MurmurHash3's 64-bit finalizer.
    static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// The shard (0…count−1) a point belongs to.
    public static func shardIndex(of point: SettlementPoint, count: Int) -> Int {
        Int(mix(stableHash(point.name)) % UInt64(count))
    }

    public func contains(_ point: SettlementPoint) -> Bool { Self.shardIndex(of: point, count: count) == index }

    /// This shard's points, in their given order.
    public func select(_ points: [SettlementPoint]) -> [SettlementPoint] { points.filter(contains) }

    /// The registry product key of models trained on this shard only (`dayahead_shard0of4`);
    /// aliases are per (family, product key), so each shard has its own champions.
    public func registryProduct(_ product: ForecastProduct) -> String { "\(product.rawValue)_shard\(index)of\(count)" }

    /// File-name form, `shard-0-of-4`.
    public var fileStem: String { "shard-\(index)-of-\(count)" }
}
