import DartRuns
import DartPipeline
import DartScheduler
import DartTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Starts the real `dartcast serve`, gets a scheduled run going (held before `build_features`
/// by the test knob, so the timing is deterministic), sends SIGTERM mid-run and checks the
/// drain; then restarts and checks the schedule resumes without running a slot twice.
@Suite(.serialized) struct ServeDrainTests {
    static let token = "drain-test-token"

    @Test func sigtermDrainsRecordsTheRunInterruptedAndRestartResumesWithoutDuplicates() async throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-serve-drain")
        let dataDir = root.appendingPathComponent("data")
        let inbox = dataDir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SamplePaths.nativeRTM[0], to: inbox.appendingPathComponent(SamplePaths.nativeRTM[0].lastPathComponent))
        let config = root.appendingPathComponent("settings.json")
        // A job due every minute: on a first start the latest slot (within max lateness) runs at once.
        try Data("""
            {"scheduling": {"jobs": {
                "daily_retrain": {"enabled": false}, "hourly_predict": {"enabled": false},
                "drain_check": {"schedule": "every 1 minutes", "product": "hourly", "catch_up": "latest",
                                "max_lateness_minutes": 5, "retries": 0, "overlap": "skip"}}},
             "server": {"port": 0, "drain_timeout_seconds": 2}}
            """.utf8).write(to: config)
        let marker = root.appendingPathComponent("held")
        let environment = ["DARTCAST_HOLD_BEFORE_STEP": "build_features", "DARTCAST_HOLD_MARKER": marker.path,
                           "DARTCAST_API_TOKEN": Self.token, "OMP_WAIT_POLICY": "passive"]
        let arguments = ["serve", "--config", config.path, "--data-dir", dataDir.path, "--log-format", "json"]

        // First start: the slot runs, ingests the inbox file, and holds before build_features.
        let first = try ServeProcess(arguments: arguments, environment: environment, logDirectory: root, label: "first")
        defer { first.stop() }
        let address = try await first.waitForAddress(timeout: .seconds(60))
        _ = try await poll(timeout: .seconds(120), "a run to reach the hold") { FileManager.default.fileExists(atPath: marker.path) ? true : nil }
        let listing = try runDartcast(["schedule", "list", "--server", address])
        #expect(listing.status == 0)
        #expect(listing.output.contains("drain_check") && listing.output.contains("running"))

        first.terminate()
        let status = try await first.waitForExit(timeout: .seconds(30))
        #expect(status == 0, "stderr: \(first.errors.suffix(2000))")
        #expect(first.process.terminationReason == .exit)

        let runStore = try RunStore(directory: dataDir)
        let firstRuns = try runStore.runs(job: "drain_check")
        #expect(firstRuns.count == 1)
        let interrupted = try #require(firstRuns.first)
        #expect(interrupted.status == .interrupted)
        #expect(interrupted.steps.first { $0.name == "ingest_new" }?.status == .succeeded)
        #expect(interrupted.steps.first { $0.name == "build_features" }?.status != .succeeded)
        let claims = try SchedulerStateStore(path: dataDir.appendingPathComponent("scheduler.sqlite").path).claims(job: "drain_check")
        #expect(claims.filter { $0.status != .skipped }.map(\.status) == [.interrupted])
        #expect(claims.first { $0.status == .interrupted }?.slotUTC == interrupted.slotUTC)

        // Restart: the interrupted slot is not run again; later slots run once each.
        try FileManager.default.removeItem(at: marker)
        let second = try ServeProcess(arguments: arguments, environment: environment, logDirectory: root, label: "second")
        defer { second.stop() }
        let secondAddress = try await second.waitForAddress(timeout: .seconds(60))
        _ = try await poll(timeout: .seconds(30), "the restarted scheduler to be ready") { try Self.isReady(secondAddress) ? true : nil }
        let schedule = try runDartcast(["schedule", "show", "drain_check", "--server", secondAddress])
        #expect(schedule.output.contains("next slots"))
        second.terminate()
        #expect(try await second.waitForExit(timeout: .seconds(30)) == 0)

        let allRuns = try runStore.runs(job: "drain_check", limit: 1000)
        let slots = allRuns.map(\.slotUTC)
        #expect(Set(slots).count == slots.count, "a (job, slot) ran twice: \(slots)")
        #expect(allRuns.filter { $0.slotUTC == interrupted.slotUTC }.count == 1)
        #expect(try runStore.runs(status: .running).isEmpty)
        let finalClaims = try SchedulerStateStore(path: dataDir.appendingPathComponent("scheduler.sqlite").path).claims(job: "drain_check")
        #expect(finalClaims.first { $0.slotUTC == interrupted.slotUTC && $0.status != .skipped }?.status == .interrupted)
        #expect(finalClaims.allSatisfy { $0.status.isFinal })
    }

    /// `GET /readyz` answered 200.
    static func isReady(_ address: String) throws -> Bool {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var ready = false
        let task = URLSession.shared.dataTask(with: URL(string: address + "/readyz")!) { _, response, _ in
            ready = (response as? HTTPURLResponse)?.statusCode == 200
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        return ready
    }
}
