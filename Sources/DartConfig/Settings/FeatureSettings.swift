import DartCore

/// Which optional feature groups models are built with, and the market-rule change dates of the
/// `regime` group. Switching a group changes the feature columns: models trained before must be
/// retrained (prediction refuses a model whose columns differ).
public struct FeatureSettings: Hashable, Sendable {
    /// Optional groups switched on (`FeatureGroup`; columns follow the base ones in the builder's
    /// fixed order whatever the order here). Default: `defaultGroups`.
    public var groups: [FeatureGroup]
    /// Days on which market rules changed, ascending. Default: 2025-12-05 (ERCOT RTC+B go-live).
    public var regimeDates: [OperatingDay]
    /// Feature columns left out of every model, by name. Default: none. The feature builder
    /// refuses a name it does not make.
    public var exclude: [String]
    /// Feature columns left out of hourly models, in addition. Default: `defaultHourlyExclude`.
    public var hourlyExclude: [String]

    public init(groups: [FeatureGroup] = FeatureSettings.defaultGroups,
                regimeDates: [OperatingDay] = MarketRegimes.ercotDefault.changeDays,
                exclude: [String] = [], hourlyExclude: [String] = FeatureSettings.defaultHourlyExclude) {
        self.groups = groups
        self.regimeDates = regimeDates
        self.exclude = exclude
        self.hourlyExclude = hourlyExclude
    }

    public static let defaults = FeatureSettings()

    /// The 15-minute RT intervals and load. `regime`: a placebo change date inside the development
    /// data (nothing changed that day) made the day-ahead ensemble 0.964 → 0.971 and the hourly one
    /// 0.896 → 0.903: the columns mark the newest rows and a counter grows past anything trained
    /// on. `system` and `scarcity`: hourly ensemble 0.897 → 0.894 (1–2 h 0.865 → 0.860, 7 of 12
    /// months better) without them, day-ahead unchanged (docs/backtests.md § Session 10).
    public static let defaultGroups: [FeatureGroup] = [.rtIntervals, .load]

    /// Left out of hourly models by default, judged by 12-month walk-forward backtests on the
    /// development data (docs/backtests.md § Session 9): the day-of-year angle (with all history
    /// it marks single dates, which trees memorise) and the whole-day rolling windows (the
    /// same-hour windows carry their signal) but `dart_day_std_7d`, which scales the residual
    /// bands. Hourly LightGBM 0.903 → 0.898 without them; day-ahead gained nothing, so keeps them.
    public static let defaultHourlyExclude = ["day_of_year_sin", "day_of_year_cos"]
        + [7, 14, 28].flatMap { days in
            ["mean", "median", "std", "p10", "p90"].map { "dart_day_\($0)_\(days)d" } + ["dam_day_mean_\(days)d", "rt_day_mean_\(days)d"]
        }.filter { $0 != "dart_day_std_7d" }

    /// The regime dates as `MarketRegimes`, for the feature builder.
    public var regimes: MarketRegimes { MarketRegimes(changeDays: regimeDates) }
}
