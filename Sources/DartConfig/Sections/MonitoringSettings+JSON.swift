extension MonitoringSettings {
    init(reading reader: ObjectReader) {
        let defaults = MonitoringSettings.defaults
        let windows = reader.doubleArray("rolling_windows_days", defaults.rollingWindowsDays.map(Double.init))
        var windowDays: [Int] = []
        for (position, value) in windows.enumerated() {
            guard value == value.rounded(), (1...365).contains(value) else {
                reader.invalid("rolling_windows_days[\(position)]", reader.member("rolling_windows_days") ?? reader.node,
                               value: "\(value)", "rolling windows are whole days from 1 to 365, e.g. [7, 30]")
                windowDays = defaults.rollingWindowsDays
                break
            }
            windowDays.append(Int(value))
        }
        self.init(
            rollingMAEThreshold: reader.double("rolling_mae_threshold", defaults.rollingMAEThreshold, in: 0...10_000),
            worseThanZeroDays: reader.int("worse_than_zero_days", defaults.worseThanZeroDays, in: 1...365),
            psiThreshold: reader.double("psi_threshold", defaults.psiThreshold, in: 0...10),
            scoringWindowDays: reader.int("scoring_window_days", defaults.scoringWindowDays, in: 1...365),
            rollingWindowsDays: windowDays.isEmpty ? defaults.rollingWindowsDays : windowDays,
            psiFeatures: reader.stringArray("psi_features", defaults.psiFeatures),
            psiRecentDays: reader.int("psi_recent_days", defaults.psiRecentDays, in: 1...90),
            psiBins: reader.int("psi_bins", defaults.psiBins, in: 2...50),
            intervalMinutes: reader.int("interval_minutes", defaults.intervalMinutes, in: 1...1440))
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("rolling_mae_threshold", .number(rollingMAEThreshold)),
            ("worse_than_zero_days", .number(worseThanZeroDays)),
            ("psi_threshold", .number(psiThreshold)),
            ("scoring_window_days", .number(scoringWindowDays)),
            ("rolling_windows_days", .numbers(rollingWindowsDays.map(Double.init))),
            ("psi_features", .strings(psiFeatures)),
            ("psi_recent_days", .number(psiRecentDays)),
            ("psi_bins", .number(psiBins)),
            ("interval_minutes", .number(intervalMinutes)),
        ])
    }
}
