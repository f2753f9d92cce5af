import Foundation

/// Population stability index of a recent sample against a reference sample.
///
/// Bins are the reference's quantiles (`binCount` equal-count bins; tied edges merge), plus one
/// bin for missing values (NaN) whenever either sample has any, so a feed that stopped arriving
/// shows as drift. With `e_i`/`a_i` the reference/recent share of bin `i`:
/// `PSI = Σ (a_i − e_i) · ln(a_i / e_i)`; empty shares are floored at `emptyShare` so one
/// empty bin does not make it infinite. Rule of thumb: < 0.1 stable, 0.1–0.25 moderate, > 0.25 large.
public struct PopulationStabilityIndex: Sendable, Hashable {
    public var binCount: Int
    public var emptyShare: Double

    public init(binCount: Int = 10, emptyShare: Double = 1e-4) {
        precondition(binCount >= 2, "PSI needs at least two bins")
        self.binCount = binCount
        self.emptyShare = emptyShare
    }

    /// Inner bin edges from the finite reference values: quantiles k/binCount (linear interpolation), deduplicated.
    public func edges(reference: [Double]) -> [Double] {
        let sorted = reference.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return [] }
        var edges: [Double] = []
        for k in 1..<binCount {
            let edge = Self.quantile(sorted, Double(k) / Double(binCount))
            if edges.last != edge { edges.append(edge) }
        }
        return edges
    }

    /// Share of `values` per bin: value ≤ edges[0] in bin 0, edges[i−1] < value ≤ edges[i] in bin i,
    /// above the last edge in the last finite bin; with `missingBin`, NaN in the final bin.
    public func shares(_ values: [Double], edges: [Double], missingBin: Bool) -> [Double] {
        var counts = [Int](repeating: 0, count: edges.count + 1 + (missingBin ? 1 : 0))
        var total = 0
        for value in values {
            if value.isNaN {
                guard missingBin else { continue }
                counts[counts.count - 1] += 1
            } else {
                var low = 0, high = edges.count  // first edge >= value
                while low < high {
                    let mid = (low + high) / 2
                    if edges[mid] < value { low = mid + 1 } else { high = mid }
                }
                counts[low] += 1
            }
            total += 1
        }
        guard total > 0 else { return counts.map { _ in 0 } }
        return counts.map { Double($0) / Double(total) }
    }

    /// PSI of `recent` against `reference`, or nil when the reference has no finite value (nothing
    /// to compare with) or `recent` is empty. A recent window of only missing values is large drift.
    public func value(reference: [Double], recent: [Double]) -> Double? {
        guard reference.contains(where: \.isFinite), !recent.isEmpty else { return nil }
        let missingBin = reference.contains(where: \.isNaN) || recent.contains(where: \.isNaN)
        let edges = edges(reference: reference)
        let expected = shares(reference, edges: edges, missingBin: missingBin)
        let actual = shares(recent, edges: edges, missingBin: missingBin)
        var psi = 0.0
        for (e, a) in zip(expected, actual) {
            let e = max(e, emptyShare), a = max(a, emptyShare)
            psi += (a - e) * log(a / e)
        }
        return psi
    }

    /// Linear interpolation between order statistics (numpy's default), `sorted` ascending and non-empty.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
