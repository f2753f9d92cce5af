import DartCore
import DartFeatures

/// Helpers that change or hide everything a forecast issued at some instant may not know,
/// using `CentralTimeOracle` (Foundation) for the known-times.
enum Leakage {
    /// Known-times of every grid hour of `history`, computed once per history.
    struct KnownTimes {
        let dam: [Int64]
        let rt: [Int64]
        /// Per 15-minute interval of the grid.
        let interval: [Int64]

        init(_ history: MarketHistory) {
            let oracle = SyntheticMarket.oracle
            var dam: [Int64] = [], rt: [Int64] = []
            var cache: [Int64: Int64] = [:]
            for i in 0..<history.hourCount {
                let start = history.utc(ofIndex: i)
                // DAM known-time is shared by all hours of a local day; cache by local noon-ish key.
                let (y, m, d) = oracle.localDate(start)
                let key = Int64(y * 10_000 + m * 100 + d)
                if cache[key] == nil { cache[key] = oracle.damKnownAt(hourStart: start) }
                dam.append(cache[key]!)
                rt.append(oracle.rtKnownAt(hourStart: start))
            }
            self.dam = dam
            self.rt = rt
            interval = (0..<(history.hourCount * 4)).map { oracle.rtIntervalKnownAt(intervalStart: history.startUTC + Int64($0) * 900) }
        }
    }

    /// A copy of `history` where every value unknown at `issue` is replaced by a random value
    /// (sometimes NaN), every posting made at or after `issue` gets a new value, and new
    /// postings made at or after `issue` are added for hours around it.
    static func scrambled(_ history: MarketHistory, knownTimes: KnownTimes, after issue: Int64,
                          random: inout SeededGenerator) -> MarketHistory {
        var copy = history
        for p in copy.points.indices {
            for i in 0..<copy.hourCount {
                if knownTimes.dam[i] > issue { copy.dam[p][i] = randomPrice(&random) }
                if knownTimes.rt[i] > issue { copy.rtm[p][i] = randomPrice(&random) }
            }
            guard !copy.rtIntervals.isEmpty, !copy.rtIntervals[p].isEmpty else { continue }
            for k in copy.rtIntervals[p].indices where knownTimes.interval[k] > issue {
                copy.rtIntervals[p][k] = randomPrice(&random)
            }
        }
        var series: [String: ExogenousSeries] = [:]
        for (name, original) in copy.exogenous {
            var postings = original.postings.map { posting -> ExogenousSeries.Posting in
                var changed = posting
                if posting.postedAtUTC >= issue { changed.value = Double.random(in: -1e5...1e5, using: &random) }
                return changed
            }
            let firstHour = issue - issue % 3600 - 10 * 86_400
            for k in 0..<(12 * 24) {  // new postings at or after the issue, for past and future hours
                let target = firstHour + Int64(k) * 3600
                let posted = issue + Int64.random(in: 0...7200, using: &random)
                postings.append(.init(targetUTC: target, postedAtUTC: posted, value: Double.random(in: -1e5...1e5, using: &random)))
            }
            series[name] = ExogenousSeries(postings: postings)
        }
        // A series that did not exist before the issue must not appear either.
        series["solar_cophsl_dayahead_extra"] = ExogenousSeries(postings: [.init(targetUTC: issue + 3600, postedAtUTC: issue, value: 1)])
        copy.exogenous = series
        return copy
    }

    /// A copy of `history` holding only what is known at `issue`: unknown prices and intervals
    /// NaN, later postings removed, and the grid cut after the last day whose DAM is published.
    static func truncated(_ history: MarketHistory, knownTimes: KnownTimes, at issue: Int64) -> MarketHistory {
        var lastNeeded = 0
        for i in 0..<history.hourCount where knownTimes.dam[i] <= issue { lastNeeded = i }
        let count = lastNeeded + 1
        var dam = history.dam.map { Array($0[0..<count]) }
        var rtm = history.rtm.map { Array($0[0..<count]) }
        for p in history.points.indices {
            for i in 0..<count {
                if knownTimes.dam[i] > issue { dam[p][i] = .nan }
                if knownTimes.rt[i] > issue { rtm[p][i] = .nan }
            }
        }
        let exogenous = history.exogenous.mapValues { ExogenousSeries(postings: $0.postings.filter { $0.postedAtUTC < issue }) }
        let intervals = history.rtIntervals.map { prices in
            prices.isEmpty ? [] : (0..<(count * 4)).map { knownTimes.interval[$0] <= issue ? prices[$0] : .nan }
        }
        return MarketHistory(startUTC: history.startUTC, hourCount: count, points: history.points, dam: dam, rtm: rtm,
                             exogenous: exogenous, rtIntervals: intervals)
    }

    static func randomPrice(_ random: inout SeededGenerator) -> Double {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return .nan
        case 1: return Double.random(in: 1000...5100, using: &random)
        default: return Double.random(in: -250...300, using: &random)
        }
    }

    /// Index of the first cell whose bit pattern differs, or nil when the matrices are identical.
    static func firstDifference(_ a: FeatureMatrix, _ b: FeatureMatrix) -> (row: Int, column: String, a: Float, b: Float)? {
        guard a.names == b.names, a.rowCount == b.rowCount else { return (-1, "shape", .nan, .nan) }
        for k in a.values.indices where a.values[k].bitPattern != b.values[k].bitPattern {
            return (k / a.columnCount, a.names[k % a.columnCount], a.values[k], b.values[k])
        }
        return nil
    }
}
