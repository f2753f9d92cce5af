/// A trader's view of a DART forecast: trade 1 MWh of DART on the forecast's sign when it is
/// clear of a threshold (a virtual bid for the day-ahead product), and score the P&L.
public enum SignStrategy {
    public struct Result: Codable, Sendable, Hashable {
        /// $/MWh the forecast P50 must clear before taking a position.
        public var threshold: Double
        /// Rows with a known actual (the universe the strategy could trade).
        public var rows: Int
        public var trades: Int
        public var longTrades: Int
        public var shortTrades: Int
        /// Mean of position × actual DART over traded rows ($ per MWh traded).
        public var pnlPerMWh: Double?
        /// Sum of position × actual DART ($ for 1 MWh per traded row).
        public var totalPnL: Double
        /// Share of trades whose position has the actual's sign (an actual of exactly 0 is a miss).
        public var hitRate: Double?
        /// Σ|actual| over winning trades / Σ|actual| over all trades: hits on big spreads count more.
        public var magnitudeWeightedHitRate: Double?
        /// totalPnL / Σ|actual| over all rows: the share of perfect-foresight P&L captured.
        public var shareOfPerfectForesight: Double?
    }

    /// +1 (long DART: buy DA, sell RT) above `threshold`, −1 below `−threshold`, else 0.
    public static func position(forecast: Double, threshold: Double) -> Int {
        forecast > threshold ? 1 : (forecast < -threshold ? -1 : 0)
    }

    /// Scores the strategy on aligned rows; rows whose actual is NaN are skipped, a NaN forecast
    /// takes no position.
    public static func evaluate(actual: [Float], forecast: [Float], threshold: Double) -> Result {
        var rows = 0, longs = 0, shorts = 0, hits = 0
        var pnl = 0.0, perfect = 0.0, tradedMagnitude = 0.0, hitMagnitude = 0.0
        for row in actual.indices where actual[row].isFinite {
            let y = Double(actual[row])
            rows += 1
            perfect += abs(y)
            let side = position(forecast: Double(forecast[row]), threshold: threshold)
            guard side != 0 else { continue }
            if side > 0 { longs += 1 } else { shorts += 1 }
            let gain = Double(side) * y
            pnl += gain
            tradedMagnitude += abs(y)
            if gain > 0 { hits += 1; hitMagnitude += abs(y) }
        }
        let trades = longs + shorts
        return Result(threshold: threshold, rows: rows, trades: trades, longTrades: longs, shortTrades: shorts,
                      pnlPerMWh: trades > 0 ? pnl / Double(trades) : nil, totalPnL: pnl,
                      hitRate: trades > 0 ? Double(hits) / Double(trades) : nil,
                      magnitudeWeightedHitRate: tradedMagnitude > 0 ? hitMagnitude / tradedMagnitude : nil,
                      shareOfPerfectForesight: perfect > 0 ? pnl / perfect : nil)
    }
}
