import ArgumentParser
import DartCore
import DartModels

/// `--retrain true|false` for `dartcast train`: a scheduled step trains only when asked to,
/// or when a family has no champion yet (the same rule as `dartcast run`).
struct RetrainOption: ParsableArguments {
    @Option(name: .customLong("retrain"),
            help: "true (default): train every family; false: skip a family that already has a champion for the product. Any case of true/false or 1/0 (Azure ML passes True/False).",
            transform: BooleanArgument.parse)
    var retrain: Bool = true

    /// Families to train now, and those skipped with the champion that made them skip.
    func plan(families: [ModelFamily], product: ForecastProduct, registry: ModelRegistry)
        throws -> (train: [ModelFamily], skipped: [(family: ModelFamily, champion: String)]) {
        guard !retrain else { return (families, []) }
        var train: [ModelFamily] = []
        var skipped: [(family: ModelFamily, champion: String)] = []
        for family in families {
            if let champion = try registry.resolve(.champion, family: family, product: product.rawValue) {
                skipped.append((family, champion.id))
            } else {
                train.append(family)
            }
        }
        return (train, skipped)
    }
}
