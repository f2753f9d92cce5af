import DartAPI
import DartCore

extension APIServer {
    public func listModels(_ input: Operations.ListModels.Input) async throws -> Operations.ListModels.Output {
        let registry = try workspace.registry()
        let aliases = try registry.currentAliases()
        let models = try registry.versions(product: input.query.product).map { version in
            let metrics = ModelMetricsReader.validationMAE(try registry.details(version.id))
            return ModelListView.Model(
                id: version.id, family: version.family.rawValue, product: version.product,
                createdAt: UTCFormat.iso8601(version.createdAtUTC), trainingFrom: UTCFormat.iso8601(version.trainingFromUTC),
                trainingTo: UTCFormat.iso8601(version.trainingToUTC),
                aliases: (aliases[version.id] ?? []).map(\.rawValue), validationMAE: metrics.mae, zeroValidationMAE: metrics.zero)
        }
        return .ok(.init(body: .json(try WireBridge.convert(ModelListView(models: models)))))
    }
}
