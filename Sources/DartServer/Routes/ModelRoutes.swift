import DartCore
import Hummingbird

extension APIServer {
    func addModelRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/models") { request, _ in
            let query = QueryParameters(request: request)
            let product = query.string("product")
            let registry = try workspace.registry()
            let aliases = try registry.currentAliases()
            let models = try registry.versions(product: product).map { version in
                let metrics = ModelMetricsReader.validationMAE(try registry.details(version.id))
                return ModelListView.Model(
                    id: version.id, family: version.family.rawValue, product: version.product,
                    createdAt: UTCFormat.iso8601(version.createdAtUTC), trainingFrom: UTCFormat.iso8601(version.trainingFromUTC),
                    trainingTo: UTCFormat.iso8601(version.trainingToUTC),
                    aliases: (aliases[version.id] ?? []).map(\.rawValue), validationMAE: metrics.mae, zeroValidationMAE: metrics.zero)
            }
            return try Responses.json(ModelListView(models: models))
        }
    }
}
