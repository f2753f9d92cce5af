import DartAPI
@testable import DartServer
import DartTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OpenAPIDocumentTests {
    static let specFile = SamplePaths.repositoryRoot.appendingPathComponent("Sources/DartAPI/openapi.yaml")

    /// What `GET /openapi.json` answers.
    func served(_ fixture: ServerFixture) async throws -> String {
        try await fixture.application().test(.router) { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            return response.text
        }
    }

    @Test func documentIsValidOpenAPI() async throws {
        let file = try SamplePaths.temporaryDirectory("openapi").appendingPathComponent("openapi.json")
        try Data(try await served(ServerFixture()).utf8).write(to: file)
        let output = try PythonRunner.run(script: """
            import json, sys
            from openapi_spec_validator import validate
            validate(json.load(open(sys.argv[1])))
            print("valid")
            """, arguments: [file.path])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "valid")
    }

    @Test func servedDocumentIsTheYAMLFileTheGeneratorReads() async throws {
        // The binary embeds the file itself, not a copy someone keeps in step.
        #expect(OpenAPISpecText.yaml == (try String(contentsOf: Self.specFile, encoding: .utf8)))
        // And serves the same content: PyYAML (not our converter) reads the file for the comparison.
        let file = try SamplePaths.temporaryDirectory("openapi").appendingPathComponent("served.json")
        try Data(try await served(ServerFixture()).utf8).write(to: file)
        let output = try PythonRunner.run(script: """
            import json, sys, yaml
            print("same" if yaml.safe_load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else "different")
            """, arguments: [Self.specFile.path, file.path])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "same")
    }

    @Test func everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() throws {
        let fixture = try ServerFixture()
        let served = Set(try fixture.api.router().routes.map { route in
            "\(route.method.rawValue) " + route.path.description.split(separator: "/", omittingEmptySubsequences: false).map { part in
                part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
            }.joined(separator: "/")
        })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(fixture.api.document.json.utf8)) as? [String: Any])
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
        #expect(try await served(fixture) == fixture.api.document.json)
    }

    @Test func theSpecGuardsExactlyThePostsAndItsDefaultsAreTheServers() throws {
        let operations = try OpenAPIDocument().operations
        #expect(Set(operations.filter(\.value.needsToken).keys) == ["enableSchedule", "disableSchedule", "triggerJob"])
        #expect(operations["listRuns"]?.query.first { $0.name == "limit" }?.defaultValue == "\(APIServer.defaultRunLimit)")
        #expect(operations["listPredictions"]?.query.first { $0.name == "limit" }?.defaultValue == "\(APIServer.defaultPredictionLimit)")
    }
}
