import DartAPI
import DartCore
import DartModels

extension APIServer {
    /// The default row cap; the allowed range, products and model families are openapi.yaml's.
    static let defaultPredictionLimit = 5_000
    /// Longest `to − from` one request may ask for.
    static let maxPredictionRangeDays: Int64 = 31

    public func listPredictions(_ input: Operations.ListPredictions.Input) async throws -> Operations.ListPredictions.Output {
        // Repeated queries are answered by PredictionCacheMiddleware before this runs.
        let query = try predictionQuery(input.query)
        let result = try predictions.read(query)
        // Built directly as wire rows: this answer can hold 50 000 of them.
        let rows = result.matches.map { match in
            let row = match.row
            return Components.Schemas.PredictionRow(
                issueTime: UTCFormat.iso8601(row.issueTimeUTC), targetHour: UTCFormat.iso8601(row.targetHourUTC),
                operatingDay: row.operatingDay.description, hourEnding: row.hourEnding, dstFlag: row.dstFlag,
                settlementPoint: row.settlementPoint, modelFamily: row.modelFamily, modelVersion: row.modelVersion,
                prediction: row.prediction, p10: row.p10, p50: row.p50, p90: row.p90,
                missingFeatures: row.missingFeatures, runID: match.runID)
        }
        return .ok(.init(body: .json(Components.Schemas.PredictionList(
            product: query.product.rawValue, from: UTCFormat.iso8601(query.fromUTC), to: UTCFormat.iso8601(query.toUTC),
            rowCount: rows.count, truncated: result.truncated, rows: rows))))
    }

    /// The query and the runs that answer it: the answer changes only when these do.
    func predictionCacheKey(_ query: PredictionReader.Query) throws -> String {
        "\(query)|" + (try predictions.runs(for: query)).map(\.runID).joined(separator: ",")
    }

    func predictionQuery(_ input: Operations.ListPredictions.Input.Query) throws(APIError) -> PredictionReader.Query {
        let zone = workspace.rules.timeZone
        guard let product = ForecastProduct(rawValue: input.product.rawValue) else {
            throw .invalid("product", "product must be one of \(ForecastProduct.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let from = try Self.instant("from", input.from, zone: zone)
        let to = try input.to.map { text throws(APIError) in try Self.instant("to", text, zone: zone) } ?? from + 86_400
        guard to > from else { throw .invalid("to", "to must be after from") }
        guard to - from <= Self.maxPredictionRangeDays * 86_400 else {
            throw .invalid("to", "at most \(Self.maxPredictionRangeDays) days per request; narrow from/to")
        }
        return PredictionReader.Query(product: product, fromUTC: from, toUTC: to, point: input.point?.uppercased(),
                                      modelFamily: input.model?.rawValue, limit: input.limit ?? Self.defaultPredictionLimit)
    }

    /// An instant: ISO 8601 UTC (`2025-03-01T06:00:00Z`, or with an offset) or an operating day
    /// (`2025-03-01`, its first hour in market time).
    static func instant(_ name: String, _ text: String, zone: MarketTimeZone) throws(APIError) -> Int64 {
        if let day = OperatingDay(text) { return zone.startOfDayUTC(day) }
        if let utc = UTCFormat.parse(text) { return utc }
        throw .invalid(name, "\(name) must be an ISO 8601 UTC time (2025-03-01T06:00:00Z) or an operating day (2025-03-01), got \"\(text)\"")
    }
}
