import ArgumentParser
import DartCore
import DartModels
import DartPipeline
import DartRuntime

extension ForecastProduct: ExpressibleByArgument {}

/// `--models lightgbm,xgboost,mlp`.
struct ModelListOption: ParsableArguments {
    @Option(name: .customLong("models"), help: "Comma-separated model families (lightgbm, xgboost, mlp; default: models.families from settings).")
    var list: String?

    func families() throws -> [ModelFamilyName]? {
        guard let list else { return nil }
        let table = DartRuntime.Registrations.standard.families
        return try list.split(separator: ",").map { name in
            let family = ModelFamilyName(name.trimmingCharacters(in: .whitespaces))
            guard table.knownNames.contains(family) else {
                throw ValidationError("--models: '\(family)' is not a model family; use \(table.names.map(\.rawValue).joined(separator: ", ")) or ensemble")
            }
            return family
        }
    }
}
