import ArgumentParser
import DartConfig
import DartCore
import DartPipeline
import Foundation

struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Choose learning rate and capacity per booster family by rolling-origin cross-validation on the stored data.",
        discussion: """
            Every candidate is fitted on each fold's past and scored on the fold (--folds blocks of \
            models.cv_fold_days before --cutoff); rounds come from the mean fold curves. A candidate replaces the \
            configured settings only when its out-of-fold MAE is lower by more than --margin. Writes tune.json \
            (every candidate and fold) and tuned-settings.json (a `models` fragment to merge into the settings file).
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var cutoffOptions: CutoffOptions

    @Option(help: "Rolling-origin folds (blocks of models.cv_fold_days before the cutoff).")
    var folds: Int = 6

    @Option(help: "Relative MAE improvement a candidate needs to replace the configured settings.")
    var margin: Double = HyperparameterSearch.defaultMargin

    @Option(help: "Output folder (default: <data-dir>/tune/<product>).")
    var out: String?

    @Flag(help: "Judge the optional feature groups instead (LightGBM, every group / none / all but one); writes features.json.")
    var features = false

    func run() throws {
        let workspace = try global.workspace(label: "dartcast.tune")
        let cutoffUTC = try TimeArgument.parse(cutoffOptions.cutoff, zone: workspace.rules.timeZone)
        let product = cutoffOptions.product
        guard folds > 0 else { throw ValidationError("--folds must be at least 1") }
        let store = try workspace.existingMarketStore()
        let points = try workspace.points(in: store)
        let models = workspace.settings.models
        let window = TrainingWindow(product: product, cutoffUTC: cutoffUTC, models: models,
                                    regimeChangeDays: workspace.settings.features.regimeDates, cvFolds: folds)
        let history = try store.loadHistory(points: points, fromUTC: window.historyDaysNeeded().map { cutoffUTC - Int64($0) * 86_400 },
                                            toUTC: cutoffUTC + 3 * 86_400)
        let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.dataDirectory.appendingPathComponent("tune/\(product.rawValue)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let study = CrossValidationStudy(rules: workspace.rules, families: workspace.families, logger: workspace.logger) {
            FileHandle.standardError.write(Data(($0 + "\n").utf8))
        }
        if features {
            let ablation = FeatureGroupAblation(study: study)
            let result = try ablation.run(history: history, pointCategories: points, regimes: workspace.settings.features.regimes,
                                          window: window, excludedColumns: (workspace.settings.features.exclude, workspace.settings.features.hourlyExclude), margin: margin)
            try encoder.encode(result).write(to: folder.appendingPathComponent("features.json"), options: .atomic)
            print(TuneReport.table(result))
            print("wrote \(folder.appendingPathComponent("features.json").path)")
            return
        }
        let search = HyperparameterSearch(study: study)
        let result = try search.run(history: history, builder: try workspace.featureBuilder(pointCategories: points), window: window,
                                    grid: HyperparameterSearch.defaultGrid(product: product), margin: margin)
        try encoder.encode(result).write(to: folder.appendingPathComponent("tune.json"), options: .atomic)
        let key = product == .hourly ? "hourly_hyperparameters" : "hyperparameters"
        let fragment = ["models": [key: result.chosen.mapValues(\.settings)]]
        try encoder.encode(fragment).write(to: folder.appendingPathComponent("tuned-settings.json"), options: .atomic)
        print(TuneReport.table(result))
        print("wrote \(folder.appendingPathComponent("tune.json").path) and tuned-settings.json (merge its `models.\(key)` into your settings file)")
    }
}

/// The printed candidate and feature-group tables.
enum TuneReport {
    static func table(_ result: FeatureGroupAblation.Result) -> String {
        var lines = [String(format: "%@ product, cutoff %@, %@, zero-forecast MAE %.3f", result.product.rawValue, result.cutoffUTC,
                            result.family, result.zeroMAE)]
        lines.append("variant                    columns  OOF MAE  rMAE/zero")
        for variant in result.variants {
            lines.append(String(format: "%-26@ %7d  %7.3f  %9.4f", variant.name, variant.features, variant.outOfFoldMAE, variant.relativeToZero))
        }
        for verdict in result.verdicts {
            lines.append(String(format: "%-13@ dropping it costs %+.3f $/MWh of MAE → %@", verdict.group, verdict.maeCostOfDropping,
                                verdict.keep ? "keep" : "no measurable help"))
        }
        return lines.joined(separator: "\n")
    }

    static func table(_ result: HyperparameterSearch.Result) -> String {
        var lines = [String(format: "%@ product, cutoff %@, %d folds, zero-forecast MAE %.3f", result.product.rawValue, result.cutoffUTC,
                            result.folds.count, result.zeroMAE)]
        lines.append("family    settings                               rounds(p50)  OOF MAE  rMAE/zero  chosen")
        for candidate in result.candidates.sorted(by: { ($0.family, $0.outOfFoldMAE) < ($1.family, $1.outOfFoldMAE) }) {
            let settings = candidate.settings.isEmpty ? "(configured)"
                : candidate.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let isChosen = result.chosen[candidate.family].map { $0.settings == candidate.settings } ?? false
            lines.append(String(format: "%-9@ %-38@ %11@  %7.3f  %9.4f  %@", candidate.family, settings,
                                candidate.chosenRounds["p50"].map(String.init) ?? "–", candidate.outOfFoldMAE, candidate.relativeToZero,
                                isChosen ? "*" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
