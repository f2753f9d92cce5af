/// Days on which the market's rules changed, so features can tell one regime from the next.
///
/// A regime starts on its change day (the change is in force for that whole operating day).
/// Calendar-only: knowing a change date never leaks prices.
public struct MarketRegimes: Sendable, Hashable {
    /// Days the rules changed; any order (the functions below do not rely on it).
    public var changeDays: [OperatingDay]

    public init(changeDays: [OperatingDay]) {
        self.changeDays = changeDays
    }

    /// ERCOT: real-time co-optimization with batteries (RTC+B) went live on 2025-12-05; ancillary
    /// services moved into real time and ORDC adders left RT energy prices.
    public static let ercotDefault = MarketRegimes(changeDays: [OperatingDay(year: 2025, month: 12, day: 5)!])

    /// The number of change days on or before `day`: 0 before the first change.
    public func regimeIndex(of day: OperatingDay) -> Int {
        changeDays.reduce(0) { $0 + ($1 <= day ? 1 : 0) }
    }

    /// Days from the latest change on or before `day` to `day` (0 on a change day), or nil
    /// before the first change.
    public func daysSinceChange(of day: OperatingDay) -> Int? {
        changeDays.filter { $0 <= day }.max().map { day.daysSinceEpoch - $0.daysSinceEpoch }
    }
}
