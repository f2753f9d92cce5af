import DartCore
@testable import DartServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PredictionCacheTests {
    @Test func aRepeatedQueryGetsTheSameBytesFromTheCache() async throws {
        let fixture = try ServerFixture()
        let start = fixture.workspace.rules.timeZone.startOfDayUTC(PredictionsAPITests.day)
        try PredictionsAPITests().publishRun(fixture, issueUTC: start - 3600 + 300, hours: 24, base: 100)
        let uri = "/api/predictions?product=hourly&from=2025-03-01&point=HB_NORTH"
        try await fixture.application().test(.router) { client in
            let first = try await client.execute(uri: uri, method: .get)
            let query = try fixture.api.predictionQuery(try #require(PredictionCacheMiddleware.input(path: uri)))
            #expect(fixture.api.predictionResponses.value(try fixture.api.predictionCacheKey(query)) != nil)
            let second = try await client.execute(uri: uri, method: .get)
            #expect(second.status == .ok && second.text == first.text)
            #expect(second.headers[.contentType] == first.headers[.contentType])
            #expect(try second.json(PredictionListView.self).rowCount == 24)
        }
    }

    @Test func aRequestThatRefusesJSONIsNotAnsweredFromTheCache() {
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/api/predictions")
        #expect(PredictionCacheMiddleware.acceptsJSON(request))
        request.headerFields[.accept] = "text/html, */*;q=0.8"
        #expect(PredictionCacheMiddleware.acceptsJSON(request))
        request.headerFields[.accept] = "text/html"
        #expect(!PredictionCacheMiddleware.acceptsJSON(request))
    }
}
