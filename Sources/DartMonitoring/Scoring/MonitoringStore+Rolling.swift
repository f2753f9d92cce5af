import DartCore

extension MonitoringStore {
    /// Rolling scores of each family line (all versions) for `windows`, ending at the last scored day.
    public func latestFamilyRolling(windows: [Int]) throws -> [RollingScore] {
        guard let last = try lastScoredDay() else { return [] }
        let daily = try dailyScores(from: last.adding(days: -((windows.max() ?? 1) - 1)), through: last)
        return RollingScore.compute(daily, windows: windows, endDay: last).filter { $0.version == nil }
    }
}
