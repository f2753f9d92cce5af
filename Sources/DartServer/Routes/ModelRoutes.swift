import DartAPI
import DartCore
import DartModels

extension APIServer {
    public func listModels(_ input: Operations.ListModels.Input) async throws -> Operations.ListModels.Output {
        let models = try ModelListView.Model.all(in: try workspace.registry(), product: input.query.product)
        return .ok(.init(body: .json(try WireBridge.convert(ModelListView(models: models)))))
    }
}

extension ModelListView.Model {
    /// The registry's versions (newest first) as `/api/models` and `dartcast models list --format json` show them.
    public static func all(in registry: ModelRegistry, family: ModelFamilyName? = nil, product: String?) throws -> [ModelListView.Model] {
        let aliases = try registry.currentAliases()
        return try registry.versions(family: family, product: product).map { version in
            let metrics = ModelMetricsReader.validationMAE(try registry.details(version.id))
            return ModelListView.Model(
                modelVersion: version.id, modelFamily: version.family.rawValue, product: version.product,
                createdAt: UTCFormat.iso8601(version.createdAtUTC), trainingFromUTC: UTCFormat.iso8601(version.trainingFromUTC),
                trainingToUTC: UTCFormat.iso8601(version.trainingToUTC),
                aliases: (aliases[version.id] ?? []).map(\.rawValue), validationMAE: metrics.mae, zeroValidationMAE: metrics.zero)
        }
    }
}
