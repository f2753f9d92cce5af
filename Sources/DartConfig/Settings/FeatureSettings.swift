import DartCore

/// Which optional feature groups models are built with, and the market-rule change dates of the
/// `regime` group. Switching a group changes the feature columns: models trained before must be
/// retrained (prediction refuses a model whose columns differ).
public struct FeatureSettings: Hashable, Sendable {
    /// Optional groups switched on (`FeatureGroup`; columns follow the base ones in the builder's
    /// fixed order whatever the order here). Default: all of them.
    public var groups: [FeatureGroup]
    /// Days on which market rules changed, ascending. Default: 2025-12-05 (ERCOT RTC+B go-live).
    public var regimeDates: [OperatingDay]
    /// Feature columns left out of every model, by name. Default: none. The feature builder
    /// refuses a name it does not make.
    public var exclude: [String]

    public init(groups: [FeatureGroup] = FeatureGroup.allCases,
                regimeDates: [OperatingDay] = MarketRegimes.ercotDefault.changeDays,
                exclude: [String] = []) {
        self.groups = groups
        self.regimeDates = regimeDates
        self.exclude = exclude
    }

    public static let defaults = FeatureSettings()

    /// The regime dates as `MarketRegimes`, for the feature builder.
    public var regimes: MarketRegimes { MarketRegimes(changeDays: regimeDates) }
}
