import DartAPI
import DartCore
import DartData
import Foundation
import OpenAPIRuntime

extension APIServer {
    /// The default row cap; the allowed range, products and model families are openapi.yaml's.
    static let defaultPredictionLimit = 5_000
    /// Longest `to − from` one request may ask for.
    static let maxPredictionRangeDays: Int64 = 31

    public func listPredictions(_ input: Operations.ListPredictions.Input) async throws -> Operations.ListPredictions.Output {
        // Repeated JSON queries are answered by PredictionCacheMiddleware before this runs.
        let query = try predictionQuery(input.query)
        let result = try predictions.read(query)
        if let point = query.point, result.matches.isEmpty, !isKnown(point: point) {
            throw APIError(.notFound, "no settlement point \"\(point)\": it is neither in market.settlement_points nor in the market store",
                           parameter: "point")
        }
        let rows = result.matches.map { PredictionRowView($0.row, runID: $0.runID) }
        // The next page starts after the last row sent.
        let cursor = result.truncated ? result.matches.last.map { PredictionCursor(issueUTC: query.issueUTC, position: .init($0.row)).text } : nil
        if input.query.format == .csv {
            return .ok(.init(headers: .init(dartcastNextCursor: cursor),
                             body: .textCsvCharsetUtf8(HTTPBody(PredictionRowView.csv(rows, runID: true)))))
        }
        let view = PredictionListView(product: query.product.rawValue, fromUTC: UTCFormat.iso8601(query.fromUTC),
                                      toUTC: UTCFormat.iso8601(query.toUTC), rowCount: rows.count, truncated: result.truncated,
                                      nextCursor: cursor, next: cursor.map { Self.predictionsLink(input.query, cursor: $0) }, rows: rows)
        return .ok(.init(headers: .init(dartcastNextCursor: cursor), body: .json(try WireBridge.convert(view))))
    }

    /// The query and the runs that answer it: the answer changes only when these do.
    func predictionCacheKey(_ query: PredictionReader.Query) throws -> String {
        "\(query)|" + (try predictions.runs(for: query)).map(\.runID).joined(separator: ",")
    }

    func predictionQuery(_ input: Operations.ListPredictions.Input.Query) throws -> PredictionReader.Query {
        let zone = workspace.rules.timeZone
        guard let product = ForecastProduct(rawValue: input.product.rawValue) else {
            throw APIError.invalid("product", "product must be one of \(ForecastProduct.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let cursor = try input.cursor.map { text throws(APIError) in try PredictionCursor(text: text) }
        guard input.from.lowercased() == "latest" else {
            let from = try Self.instant("from", input.from, zone: zone)
            return try predictionQuery(product: product, from: from, to: input.to, defaultTo: from + 86_400, input: input,
                                       issueUTC: cursor?.issueUTC, after: cursor?.position)
        }
        // A cursor keeps the issue of the first page, so a newer issue never mixes into later pages.
        guard let latest = try predictions.latestIssue(product: product, pinnedUTC: cursor?.issueUTC) else {
            throw APIError(.notFound, "no published \(product.rawValue) forecasts yet", parameter: "from")
        }
        return try predictionQuery(product: product, from: latest.fromUTC, to: input.to, defaultTo: latest.toUTC, input: input,
                                   issueUTC: latest.issueUTC, after: cursor?.position)
    }

    private func predictionQuery(product: ForecastProduct, from: Int64, to text: String?, defaultTo: Int64,
                                 input: Operations.ListPredictions.Input.Query, issueUTC: Int64?,
                                 after: PredictionReader.Position?) throws(APIError) -> PredictionReader.Query {
        let to = try text.map { text throws(APIError) in try Self.instant("to", text, zone: workspace.rules.timeZone) } ?? defaultTo
        guard to > from else { throw .invalid("to", "to must be after from") }
        guard to - from <= Self.maxPredictionRangeDays * 86_400 else {
            throw .invalid("to", "at most \(Self.maxPredictionRangeDays) days per request; narrow from/to")
        }
        return PredictionReader.Query(product: product, fromUTC: from, toUTC: to, point: input.point?.uppercased(),
                                      modelFamily: input.model?.rawValue, limit: input.limit ?? Self.defaultPredictionLimit,
                                      issueUTC: issueUTC, after: after)
    }

    /// A point is known when the settings list it or the market store holds it. The store is
    /// only read: a GET must not create, migrate or wait on it.
    func isKnown(point: String) -> Bool {
        if workspace.settings.market.settlementPoints.contains(where: { $0.name == point }) { return true }
        return ((try? MarketStore.storedPointNames(file: workspace.marketStoreFile)) ?? []).contains(point)
    }

    /// The next page: the same query with `cursor`.
    static func predictionsLink(_ query: Operations.ListPredictions.Input.Query, cursor: String) -> String {
        var items = [URLQueryItem(name: "product", value: query.product.rawValue), URLQueryItem(name: "from", value: query.from)]
        if let to = query.to { items.append(URLQueryItem(name: "to", value: to)) }
        if let point = query.point { items.append(URLQueryItem(name: "point", value: point)) }
        if let model = query.model { items.append(URLQueryItem(name: "model", value: model.rawValue)) }
        if let limit = query.limit { items.append(URLQueryItem(name: "limit", value: "\(limit)")) }
        items.append(URLQueryItem(name: "cursor", value: cursor))
        var components = URLComponents()
        components.path = "/api/predictions"
        components.queryItems = items
        return components.percentEncodedQuery.map { "/api/predictions?" + $0.replacingOccurrences(of: "+", with: "%2B") } ?? "/api/predictions"
    }

    /// An instant: ISO 8601 UTC (`2025-03-01T06:00:00Z`, or with an offset) or an operating day
    /// (`2025-03-01`, its first hour in market time).
    static func instant(_ name: String, _ text: String, zone: MarketTimeZone) throws(APIError) -> Int64 {
        if let day = OperatingDay(text) { return zone.startOfDayUTC(day) }
        if let utc = UTCFormat.parse(text) { return utc }
        throw .invalid(name, "\(name) must be an ISO 8601 UTC time (2025-03-01T06:00:00Z), an operating day (2025-03-01) or latest, got \"\(text)\"")
    }
}

/// The opaque `cursor` of `/api/predictions`: the position of the last row sent and, for
/// `from=latest`, the issue the first page answered from. Base64url of
/// `1|<issue UTC or empty>|<target hour UTC>|<point>|<family>`; clients must not build it.
struct PredictionCursor: Hashable, Sendable {
    var issueUTC: Int64?
    var position: PredictionReader.Position

    init(issueUTC: Int64?, position: PredictionReader.Position) {
        self.issueUTC = issueUTC
        self.position = position
    }

    init(text: String) throws(APIError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let parts = Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }?
            .split(separator: "|", omittingEmptySubsequences: false).map(String.init) ?? []
        guard parts.count == 5, parts[0] == "1", let hour = Int64(parts[2]), !parts[3].isEmpty, !parts[4].isEmpty,
              parts[1].isEmpty || Int64(parts[1]) != nil else {
            throw .invalid("cursor", "cursor is not a next_cursor of this API; start again without cursor")
        }
        issueUTC = Int64(parts[1])
        position = .init(targetHourUTC: hour, settlementPoint: parts[3], modelFamily: parts[4])
    }

    var text: String {
        let plain = "1|\(issueUTC.map(String.init) ?? "")|\(position.targetHourUTC)|\(position.settlementPoint)|\(position.modelFamily)"
        return Data(plain.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
