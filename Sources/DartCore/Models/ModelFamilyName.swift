/// The name of a model family, as settings, the registry, forecast rows and the API spell it.
///
/// Open on purpose: a family is known by being registered (`ModelFamilyTable` in DartPipeline),
/// not by being a case of an enum, so adding one needs no edit here. The constants name the
/// families dartcast ships.
public struct ModelFamilyName: RawRepresentable, Hashable, Codable, Sendable, ExpressibleByStringLiteral,
                               CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static let lightgbm: ModelFamilyName = "lightgbm"
    public static let xgboost: ModelFamilyName = "xgboost"
    public static let mlp: ModelFamilyName = "mlp"
    public static let ensemble: ModelFamilyName = "ensemble"
    public static let zero: ModelFamilyName = "zero"
    public static let trailingMedian: ModelFamilyName = "trailing_median"
    public static let naiveD1: ModelFamilyName = "naive_d1"
    public static let naiveD7: ModelFamilyName = "naive_d7"
    public static let naiveEPF: ModelFamilyName = "naive_epf"

    /// The baselines, in reporting order (they always run and are never configured).
    public static let baselines: [ModelFamilyName] = [.zero, .trailingMedian, .naiveD1, .naiveD7, .naiveEPF]
}
