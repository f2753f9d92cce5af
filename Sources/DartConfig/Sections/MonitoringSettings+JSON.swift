extension MonitoringSettings {
    init(reading reader: ObjectReader) {
        let defaults = MonitoringSettings.defaults
        self.init(
            rollingMAEThreshold: reader.double("rolling_mae_threshold", defaults.rollingMAEThreshold, in: 0...10_000),
            worseThanZeroDays: reader.int("worse_than_zero_days", defaults.worseThanZeroDays, in: 1...365),
            psiThreshold: reader.double("psi_threshold", defaults.psiThreshold, in: 0...10),
            scoringWindowDays: reader.int("scoring_window_days", defaults.scoringWindowDays, in: 1...365))
    }

    func json(_ secretFields: SecretFields) -> JSONNode {
        .object([
            ("rolling_mae_threshold", .number(rollingMAEThreshold)),
            ("worse_than_zero_days", .number(worseThanZeroDays)),
            ("psi_threshold", .number(psiThreshold)),
            ("scoring_window_days", .number(scoringWindowDays)),
        ])
    }
}
