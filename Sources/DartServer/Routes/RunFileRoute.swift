import Hummingbird

extension APIServer {
    /// `GET /api/runs/{id}/files/{name}`: a plain route, because a download must be byte for byte
    /// and the generated code would decode and re-encode a `.json` file (openapi.yaml tags it `downloads`).
    func addRunFileRoute(to router: Router<BasicRequestContext>) {
        router.get("/api/runs/:id/files/:name") { _, context in
            let run = try record(context.parameters.get("id") ?? "")
            let name = context.parameters.get("name") ?? ""
            guard let found = try await bundle.files(runID: run.runID).first(where: { $0.file.name == name }) else {
                throw APIError(.notFound, "run \(run.runID) has no file \"\(name)\"; GET /api/runs/\(run.runID)/files lists them", parameter: "name")
            }
            let type = name.hasSuffix(".json") ? Responses.jsonContentType : name.hasSuffix(".log") ? "text/plain; charset=utf-8" : "application/vnd.apache.parquet"
            return Responses.data(found.data, contentType: type)
        }
    }
}
