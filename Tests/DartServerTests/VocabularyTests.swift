import DartCore
import DartPublish
@testable import DartServer
import DartTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

/// Item "one schema": every output names its fields with the words of docs/schema.md and writes
/// instants as ISO 8601 UTC. Collects the names of the Parquet file, the SQLite table, the API's
/// answers (through the server fixture, plus every schema of openapi.yaml) and the CLI's
/// `--format csv|json` output, and checks each against the documented vocabulary.
@Suite(.serialized) struct VocabularyTests {
    static let schemaDoc = SamplePaths.repositoryRoot.appendingPathComponent("docs/schema.md")
    /// Objects whose keys are data (a parameter, a family, a check), not field names.
    static let dataKeyed: Set<String> = ["params", "detail", "model_versions", "row_counts", "checks"]

    /// The backticked snake_case words of the Vocabulary section.
    static func vocabulary() throws -> Set<String> {
        let text = try String(contentsOf: schemaDoc, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## Vocabulary").dropFirst().first?.components(separatedBy: "\n## ").first)
        let regex = try NSRegularExpression(pattern: "`([a-z][a-z0-9_]*)`")
        let range = NSRange(section.startIndex..., in: section)
        return Set(regex.matches(in: section, range: range).compactMap { Range($0.range(at: 1), in: section).map { String(section[$0]) } })
    }

    static let instant = try! NSRegularExpression(pattern: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#)
    static func isInstant(_ text: String) -> Bool {
        instant.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil && UTCFormat.parse(text) != nil
    }
    static func isTimeField(_ name: String) -> Bool { name.hasSuffix("_utc") || name.hasSuffix("_at") }

    /// Field names and time problems found in outputs, by where they came from.
    struct Findings {
        var names: [String: Set<String>] = [:]
        var badTimes: [String] = []

        mutating func add(_ source: String, names: some Sequence<String>) { self.names[source, default: []].formUnion(names) }

        /// Every key of a JSON document (not inside data-keyed objects); time fields must hold ISO 8601 UTC text.
        mutating func addJSON(_ source: String, _ text: String) throws {
            func walk(_ value: Any, key: String?) {
                if let object = value as? [String: Any] {
                    for (name, child) in object {
                        add(source, names: [name])
                        if Self.isTime(name) {
                            if let text = child as? String {
                                if !VocabularyTests.isInstant(text) { badTimes.append("\(source): \(name) = \(text)") }
                            } else if !(child is NSNull) {
                                badTimes.append("\(source): \(name) = \(child) is not text")
                            }
                        }
                        if name == "operating_day", let day = child as? String, OperatingDay(day) == nil { badTimes.append("\(source): operating_day = \(day)") }
                        if !VocabularyTests.dataKeyed.contains(name) { walk(child, key: name) }
                    }
                } else if let array = value as? [Any] {
                    for item in array { walk(item, key: key) }
                }
            }
            walk(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]), key: nil)
        }

        /// The header of a CSV text; time columns must hold ISO 8601 UTC in every row.
        mutating func addCSV(_ source: String, _ text: String) {
            let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            guard let header = lines.first else { badTimes.append("\(source): no header"); return }
            add(source, names: header)
            for row in lines.dropFirst() {
                for (name, cell) in zip(header, row) where Self.isTime(name) && !VocabularyTests.isInstant(cell) {
                    badTimes.append("\(source): \(name) = \(cell)")
                }
            }
        }

        static func isTime(_ name: String) -> Bool { VocabularyTests.isTimeField(name) }
    }

    @Test func everyOutputUsesTheDocumentedVocabularyAndISOTimes() async throws {
        let vocabulary = try Self.vocabulary()
        #expect(vocabulary.isSuperset(of: ["issue_time_utc", "hour_ending", "settlement_point", "run_id", "missing_features", "origin"]))
        var found = Findings()

        // A published run (its outbox Parquet copy) and a registry, in the server fixture's data directory.
        let fixture = try ServerFixture()
        let start = fixture.workspace.rules.timeZone.startOfDayUTC(PredictionsAPITests.day)
        let runID = try PredictionsAPITests().publishRun(fixture, issueUTC: start - 3600 + 300, hours: 3, base: 100)
        _ = try fixture.workspace.registry()

        // Parquet: the published file's schema; its time columns are UTC timestamps.
        let parquet = try ParquetCodec.read(OutboxPayload.directory(dataDirectory: fixture.directory, runID: runID)
            .appendingPathComponent(OutboxPayload.predictionsFile))
        found.add("parquet", names: parquet.columnNames)
        for (name, type) in zip(parquet.columnNames, parquet.columnTypes) where Self.isTimeField(name) && !type.lowercased().contains("utc") {
            found.badTimes.append("parquet: \(name) is \(type)")
        }

        // SQLite: the table's columns and its time values.
        let rows = try PredictionsParquet.rows(from: parquet)
        let database = fixture.directory.appendingPathComponent("predictions.sqlite")
        _ = try await SQLitePredictionSink(path: database).upsert(rows: rows, runID: runID, createdAtUTC: start)
        let sqlite = try PythonRunner.run(script: """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            cursor = db.execute("SELECT * FROM predictions_dart_spread")
            names = [d[0] for d in cursor.description]
            print(json.dumps([dict(zip(names, row)) for row in cursor.fetchall()]))
            """, arguments: [database.path])
        try found.addJSON("sqlite", sqlite)

        // The API, through the fixture: every JSON answer and the CSV header.
        let answers = try await fixture.application().test(.router) { client in
            var answers: [(source: String, text: String)] = []
            for path in ["/api/predictions?product=hourly&from=2025-03-01&limit=2", "/api/runs", "/api/runs/\(runID)",
                         "/api/runs/\(runID)/files", "/api/schedules", "/api/models", "/healthz", "/readyz",
                         "/api/runs/nope", "/api/predictions?product=hourly&from=latest"] {
                answers.append(("GET \(path)", try await client.execute(uri: path, method: .get).text))
            }
            let csv = try await client.execute(uri: "/api/predictions?product=hourly&from=2025-03-01&format=csv", method: .get)
            return answers + [("GET /api/predictions format=csv", csv.text)]
        }
        for answer in answers {
            if answer.source.hasSuffix("format=csv") { found.addCSV(answer.source, answer.text) } else { try found.addJSON(answer.source, answer.text) }
        }
        // …and every property openapi.yaml declares for an answer (answers the fixture cannot produce, e.g. models, triggers).
        let spec = try #require(try Yams.load(yaml: String(contentsOf: OpenAPIDocumentTests.specFile, encoding: .utf8)) as? [String: Any])
        let schemas = try #require((spec["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for (name, schema) in schemas {
            let properties = ((schema as? [String: Any])?["properties"] as? [String: Any]) ?? [:]
            found.add("openapi.yaml \(name)", names: properties.keys)
        }

        // The CLI, as the real binary on the same data directory.
        let settings = fixture.directory.appendingPathComponent("settings.json")
        try Data("{}\n".utf8).write(to: settings)
        let local = ["--config", settings.path, "--data-dir", fixture.directory.path]
        for (command, format) in [(["runs", "list"], "json"), (["runs", "list"], "csv"), (["models", "list"], "json"), (["models", "list"], "csv")] {
            let output = try Self.dartcast(command + ["--format", format] + local)
            if format == "json" { try found.addJSON("dartcast \(command.joined(separator: " ")) --format json", output) }
            else { found.addCSV("dartcast \(command.joined(separator: " ")) --format csv", output) }
        }
        // `dartcast predict` prints through the same row view (a prediction needs trained models; the rest of its path is the shared type).
        found.add("dartcast predict --format csv", names: PredictionRowView.csvHeader(runID: false))

        let outside = found.names.mapValues { $0.subtracting(vocabulary) }.filter { !$0.value.isEmpty }
        #expect(outside.isEmpty, "names not in docs/schema.md: \(outside.mapValues { $0.sorted() })")
        #expect(found.badTimes.isEmpty, "times that are not ISO 8601 UTC: \(found.badTimes)")
        #expect(found.names.count >= 25)
    }

    /// Runs the dartcast binary built beside the tests; its standard output.
    static func dartcast(_ arguments: [String]) throws -> String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dartcast")
        let binary = FileManager.default.isExecutableFile(atPath: besideTests.path)
            ? besideTests : SamplePaths.repositoryRoot.appendingPathComponent(".build/debug/dartcast")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "dartcast \(arguments.joined(separator: " "))")
        return String(decoding: data, as: UTF8.self)
    }
}
