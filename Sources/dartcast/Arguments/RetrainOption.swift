import ArgumentParser
import DartCore
import DartModels

/// What `--retrain` means for one command: its default and the help texts that name it.
protocol RetrainDefault {
    /// Whether the command retrains every family when neither flag is given.
    static var retrainsByDefault: Bool { get }
    static var retrainHelp: String { get }
    static var noRetrainHelp: String { get }
}

/// The one form of `--retrain` on `train` and `run`: `--retrain` alone refits every family,
/// `--no-retrain` does not; a scheduler that can only pass a boolean writes `--retrain VALUE`
/// (any case of true/false or 1/0: Azure ML passes True/False). The commands differ only in their
/// default (`Default`).
struct RetrainFlags<Default: RetrainDefault>: ParsableArguments {
    @Option(name: .customLong("retrain"), defaultAsFlag: "true", parsing: .next,
            help: ArgumentHelp(Default.retrainHelp, valueName: "bool"))
    var value: String? = nil

    @Flag(name: .customLong("no-retrain"), help: ArgumentHelp(Default.noRetrainHelp))
    var noRetrain = false

    func validate() throws { _ = try resolved() }

    /// - Throws: `ValidationError` for a value that is not a boolean, or both flags given.
    func resolved() throws -> Bool {
        let given: Bool?
        do { given = try value.map(BooleanArgument.parse) } catch { throw ValidationError("--retrain: \(error)") }
        if noRetrain {
            guard given != true else { throw ValidationError("--retrain and --no-retrain contradict each other; give one") }
            return false
        }
        return given ?? Default.retrainsByDefault
    }

    /// Whether every family trains (validated before `run`).
    var retrain: Bool { (try? resolved()) ?? Default.retrainsByDefault }
}

/// `dartcast train`: every family by default; `--no-retrain` skips a family that already has a
/// champion (the same rule as `dartcast run`).
enum TrainRetrainDefault: RetrainDefault {
    static let retrainsByDefault = true
    static let retrainHelp = "Train every family, as train does without the option. A scheduler may write --retrain true|false (any case, or 1|0; Azure ML passes True/False)."
    static let noRetrainHelp = "Skip a family that already has a champion for the product (the same as --retrain false)."
}

/// `dartcast run`: trains only a family with nothing registered unless `--retrain`.
enum RunRetrainDefault: RetrainDefault {
    static let retrainsByDefault = false
    static let retrainHelp = "Refit every configured family before predicting (also --retrain true|false|1|0, as schedulers write it)."
    static let noRetrainHelp = "Train only a family with nothing registered for the product (the default)."
}

typealias RetrainOption = RetrainFlags<TrainRetrainDefault>

extension RetrainFlags where Default == TrainRetrainDefault {
    /// Families to train now, and those skipped with the champion that made them skip.
    func plan(families: [ModelFamilyName], product: ForecastProduct, registry: ModelRegistry)
        throws -> (train: [ModelFamilyName], skipped: [(family: ModelFamilyName, champion: String)]) {
        guard !retrain else { return (families, []) }
        var train: [ModelFamilyName] = []
        var skipped: [(family: ModelFamilyName, champion: String)] = []
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
