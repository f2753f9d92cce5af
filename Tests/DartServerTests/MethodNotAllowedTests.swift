@testable import DartServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A documented path asked with a method it does not take is a 405 naming the methods it does
/// take (`Allow`); a path nobody documents stays a 404.
@Suite struct MethodNotAllowedTests {
    @Test(arguments: [
        (HTTPRequest.Method.delete, "/api/runs", "GET"), (.post, "/api/runs/r-1", "GET"), (.get, "/api/jobs/hourly_predict/trigger", "POST"),
        (.put, "/healthz", "GET"), (.post, "/api/predictions", "GET"), (.get, "/api/schedules/hourly_predict/enable", "POST"),
        (.delete, "/api/runs/r-1/files/run.json", "GET"),
    ])
    func aWrongMethodOnAKnownPathIs405WithAllow(method: HTTPRequest.Method, path: String, allow: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: path, method: method, headers: ServerFixture.bearer(ServerFixture.token)) { response throws in
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow)
                #expect(try response.json(APIErrorBody.self).error.code == "method_not_allowed")
            }
        }
    }

    @Test func anUnknownPathIsStill404() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            for (method, path) in [(HTTPRequest.Method.get, "/api/nothing"), (.delete, "/api/runs/r-1/nothing"), (.get, "/api/runs/r-1/files/a/b")] {
                try await client.execute(uri: path, method: method) { response throws in
                    #expect(response.status == .notFound, "\(method) \(path)")
                    #expect(response.headers[.allow] == nil)
                }
            }
        }
    }
}
