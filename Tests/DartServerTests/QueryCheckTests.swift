@testable import DartServer
import Testing

@Suite struct QueryCheckTests {
    func canonical(_ path: String, _ operation: String) throws -> String {
        let rules = try #require(try OpenAPIDocument().operations[operation]).query
        return try QueryCheckMiddleware.canonical(path: path, rules: rules)
    }

    @Test func booleansMayBeWordsOrDigitsAndEmptyValuesAreAbsent() throws {
        #expect(try canonical("/api/jobs/j/trigger?retrain=YES", "triggerJob") == "/api/jobs/j/trigger?retrain=true")
        #expect(try canonical("/api/jobs/j/trigger?retrain=0", "triggerJob") == "/api/jobs/j/trigger?retrain=false")
        #expect(try canonical("/api/runs?limit=&job=a", "listRuns") == "/api/runs?job=a")
        #expect(try canonical("/api/runs", "listRuns") == "/api/runs")
    }

    @Test func valuesAndUnknownParametersPassAsEncoded() throws {
        let path = "/api/predictions?product=hourly&from=2025-03-01T06%3A00%3A00Z&point=hb%20north&utm=x%26y"
        #expect(try canonical(path, "listPredictions") == path)
    }

    @Test func problemsNameTheParameterAndSayWhatItTakes() {
        #expect(throws: APIError.invalid("limit", "limit must be between 1 and 500, got 501")) { try canonical("/api/runs?limit=501", "listRuns") }
        #expect(throws: APIError.invalid("offset", "offset must be between 0 and 2147483647, got -5")) { try canonical("/api/runs?offset=-5", "listRuns") }
        #expect(throws: APIError.invalid("retrain", "retrain must be true or false, got \"maybe\"")) {
            try canonical("/api/jobs/j/trigger?retrain=maybe", "triggerJob")
        }
        #expect(throws: APIError.invalid("product", "product is required: one of dayahead, hourly")) {
            try canonical("/api/predictions?from=2025-03-01", "listPredictions")
        }
    }
}
