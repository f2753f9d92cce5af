import DartCore

/// Lead-time buckets for the horizon table.
///
/// A row's lead is `ceil((target hour start − issue) / 3600)`: the hourly product's first target
/// (0.917 h after a :05 issue) is lead 1, so buckets read as "the 1st–2nd hour ahead", and so on.
public enum HorizonBuckets {
    public struct Bucket: Sendable, Hashable {
        public var label: String
        public var leads: ClosedRange<Int>
    }

    /// Buckets of the hourly product: 1–2, 3–6, 7–12 and 13–24 hours ahead.
    public static let hourly: [Bucket] = [
        Bucket(label: "1–2 h", leads: 1...2), Bucket(label: "3–6 h", leads: 3...6),
        Bucket(label: "7–12 h", leads: 7...12), Bucket(label: "13–24 h", leads: 13...24),
    ]

    /// Hours from issue to the target hour's start.
    public static func horizonHours(issueUTC: Int64, targetUTC: Int64) -> Double { Double(targetUTC - issueUTC) / 3600 }

    public static func lead(issueUTC: Int64, targetUTC: Int64) -> Int {
        let seconds = targetUTC - issueUTC
        return Int((seconds + 3599) / 3600)  // ceil for the non-negative spans the feature builder allows
    }

    /// The buckets a product's rows fall in. Day-ahead rows all come from one 05:00 CT D−1 run, so
    /// they form one bucket labelled with the leads seen; hourly leads beyond 24 (none expected)
    /// would get a catch-all bucket rather than vanish from the table.
    public static func buckets(product: ForecastProduct, leads: [Int]) -> [Bucket] {
        guard let low = leads.min(), let high = leads.max() else { return product == .hourly ? hourly : [] }
        switch product {
        case .dayahead:
            return [Bucket(label: "\(low)–\(high) h (all day-ahead rows)", leads: low...high)]
        case .hourly:
            let covered = hourly.first!.leads.lowerBound...hourly.last!.leads.upperBound
            var out = hourly
            if low < covered.lowerBound { out.insert(Bucket(label: "under 1 h", leads: low...(covered.lowerBound - 1)), at: 0) }
            if high > covered.upperBound { out.append(Bucket(label: "over 24 h", leads: (covered.upperBound + 1)...high)) }
            return out
        }
    }
}
