import DartRuns
import DartTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Item 6 of "Hardening and finish": a `dartcast run` killed with SIGKILL is found `interrupted`
/// by the next command that opens the run store, and `/api/predictions` answers with what was
/// published (the partition's run), not with an earlier run of the slot.
@Suite(.serialized) struct KilledRunTests {
    @Test func aKilledRunIsInterruptedAndTheAPIAnswersFromThePublishedRun() async throws {
        let fixture = try RunProcessFixture("dartcast-killed-run")
        // Run 1 publishes the slot.
        let first = try runDartcast(fixture.runArguments())
        #expect(first.status == 0, "stdout: \(first.output.suffix(2000))\nstderr: \(first.errors.suffix(1500))")
        let firstRun = try #require(try RunStore(directory: fixture.dataDirectory).runs().first)

        // Run 2 of the same slot replaces the partition and the SQL rows, then hangs on its run
        // notice (a webhook that never answers): killed there, it never records its outcome.
        let listener = try PythonChild.silentListener()
        defer { listener.stop() }
        let second = try ServeProcess(arguments: fixture.runArguments(settings: fixture.webhookSettings),
                                      environment: ["DARTCAST_WEBHOOK_URL": "http://127.0.0.1:\(listener.firstLine)/hook"],
                                      logDirectory: fixture.root, label: "killed-run")
        defer { second.stop() }
        let secondID = String(firstRun.runID.dropLast(2)) + "-2"
        _ = try await poll(timeout: .seconds(180), "run 2 to deliver its partition") {
            try RunStore(directory: fixture.dataDirectory).deliveries(runID: secondID)
                .contains { $0.target == "objectstore" && $0.status == .delivered } ? true : nil
        }
        #expect(try RunStore(directory: fixture.dataDirectory).run(secondID).status == .running)
        second.terminate(signal: SIGKILL)
        _ = try await second.waitForExit(timeout: .seconds(30))

        // Any command that opens the run store finds it interrupted.
        let list = try runDartcast(["runs", "list"] + fixture.options())
        #expect(list.status == 0, "stderr: \(list.errors.suffix(1500))")
        let line = try #require(list.output.split(separator: "\n").first { $0.hasPrefix(secondID) })
        #expect(line.contains("interrupted"), "\(list.output)")
        let record = try RunStore(directory: fixture.dataDirectory).run(secondID)
        #expect(record.status == .interrupted)
        #expect(record.error?.contains("pid \(second.process.processIdentifier)") == true, "\(record.error ?? "")")
        #expect(record.steps.first { $0.name == "publish" }?.status == .failed)

        // The partition names run 2; the API answers from it.
        let manifestURL = fixture.dataDirectory.appendingPathComponent(
            "predictions_manifests/product=hourly/issue_date=2024-11-28/issue_hour=09/_manifest.json")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        #expect(manifest["run_id"] as? String == secondID)
        let server = try ServeProcess(arguments: ["serve"] + fixture.options(), environment: [:], logDirectory: fixture.root, label: "serve")
        defer { server.stop() }
        let address = try await server.waitForAddress(timeout: .seconds(60))
        let body = try Self.get(address + "/api/predictions?product=hourly&from=2024-11-28&to=2024-11-30")
        let answer = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any], "\(String(decoding: body, as: UTF8.self))")
        let rows = try #require(answer["rows"] as? [[String: Any]])
        #expect(rows.count == record.rowCounts["predictions"])
        #expect(Set(rows.compactMap { ($0["runID"] ?? $0["runId"] ?? $0["run_id"]) as? String }) == [secondID])
    }

    static func get(_ url: String) throws -> Data {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Data?
        let task = URLSession.shared.dataTask(with: URL(string: url)!) { data, _, _ in
            result = data
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        return try #require(result)
    }
}
