import DartCore
import DartModels
import Hummingbird

extension APIServer {
    static let defaultPredictionLimit = 5_000
    static let maxPredictionLimit = 50_000
    /// Longest `to − from` one request may ask for.
    static let maxPredictionRangeDays: Int64 = 31

    func addPredictionRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/predictions") { request, _ in
            let query = try predictionQuery(QueryParameters(request: request))
            let runs = try predictions.runs(for: query)
            let key = "\(query)|" + runs.map(\.runID).joined(separator: ",")
            if let cached = predictionResponses.value(key) { return Responses.data(cached, contentType: Responses.jsonContentType) }
            let result = try predictions.read(query, runs: runs)
            let rows = result.matches.map { match in
                let row = match.row
                return PredictionListView.Row(
                    issueTime: UTCFormat.iso8601(row.issueTimeUTC), targetHour: UTCFormat.iso8601(row.targetHourUTC),
                    operatingDay: row.operatingDay.description, hourEnding: row.hourEnding, dstFlag: row.dstFlag,
                    settlementPoint: row.settlementPoint, modelFamily: row.modelFamily, modelVersion: row.modelVersion,
                    prediction: row.prediction, p10: row.p10, p50: row.p50, p90: row.p90, runID: match.runID)
            }
            let body = try Responses.encode(PredictionListView(
                product: query.product.rawValue, from: UTCFormat.iso8601(query.fromUTC), to: UTCFormat.iso8601(query.toUTC),
                rowCount: rows.count, truncated: result.truncated, rows: rows))
            predictionResponses.store(body, for: key)
            return Responses.data(body, contentType: Responses.jsonContentType)
        }
    }

    func predictionQuery(_ parameters: QueryParameters) throws(APIError) -> PredictionReader.Query {
        let zone = workspace.rules.timeZone
        guard let productText = try parameters.choice("product", ForecastProduct.allCases.map(\.rawValue)),
              let product = ForecastProduct(rawValue: productText) else {
            throw .invalid("product", "product is required: one of \(ForecastProduct.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let from = try parameters.time("from", zone: zone) else {
            throw .invalid("from", "from is required (first delivery hour: 2025-03-01T06:00:00Z or an operating day 2025-03-01)")
        }
        let to = try parameters.time("to", zone: zone) ?? from + 86_400
        guard to > from else { throw .invalid("to", "to must be after from") }
        guard to - from <= Self.maxPredictionRangeDays * 86_400 else {
            throw .invalid("to", "at most \(Self.maxPredictionRangeDays) days per request; narrow from/to")
        }
        let family = try parameters.choice("model", ModelFamily.allCases.map(\.rawValue))
        let limit = try parameters.int("limit", default: Self.defaultPredictionLimit, in: 1...Self.maxPredictionLimit)
        var point = parameters.string("point")
        if let given = point {
            point = given.uppercased()
        }
        return PredictionReader.Query(product: product, fromUTC: from, toUTC: to, point: point, modelFamily: family, limit: limit)
    }
}
