import ArgumentParser
import DartCore
import DartModels

extension ForecastProduct: ExpressibleByArgument {}

/// `--models lightgbm,xgboost,mlp`.
struct ModelListOption: ParsableArguments {
    @Option(name: .customLong("models"), help: "Comma-separated model families (lightgbm, xgboost, mlp; default: models.families from settings).")
    var list: String?

    func families() throws -> [ModelFamily]? {
        guard let list else { return nil }
        return try list.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let family = ModelFamily(rawValue: trimmed) else {
                throw ValidationError("--models: '\(trimmed)' is not a model family; use lightgbm, xgboost, mlp or ensemble")
            }
            return family
        }
    }
}
