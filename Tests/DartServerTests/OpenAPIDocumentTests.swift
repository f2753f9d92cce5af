@testable import DartServer
import DartTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OpenAPIDocumentTests {
    @Test func documentIsValidOpenAPI() throws {
        let file = try SamplePaths.temporaryDirectory("openapi").appendingPathComponent("openapi.json")
        try Data(OpenAPIDocument.json.utf8).write(to: file)
        let output = try PythonRunner.run(script: """
            import json, sys
            from openapi_spec_validator import validate
            validate(json.load(open(sys.argv[1])))
            print("valid")
            """, arguments: [file.path])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "valid")
    }

    @Test func everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() throws {
        let fixture = try ServerFixture()
        let served = Set(fixture.api.router().routes.map { route in
            "\(route.method.rawValue) " + route.path.description.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
        })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, operations) in paths {
            for method in operations.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        #expect(served.count >= 16)
    }

    @Test func openAPIRouteServesTheDocument() async throws {
        let fixture = try ServerFixture()
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.text == OpenAPIDocument.json)
            }
        }
    }
}
