import DartCore
import DartData
import DartFileLocks
import DartModels
import DartMonitoring
import DartRuns
import DartScheduler
import DartTesting
import Foundation
import Logging
import Testing

/// Every SQLite store applies its schema holding `<file>.schema.lock` (`FileLock.schemaLockURL`),
/// so two processes creating one new file at once cannot both apply it ("table … already
/// exists"). Opening a new store while the lock is held must wait, then find its schema.
@Suite struct SchemaLockTests {
    enum Store: String, CaseIterable, Sendable {
        case market, runs, sourceWatermarks, scheduler, registry, monitoring

        func databaseFile(in root: URL) -> URL {
            switch self {
            case .market: root.appendingPathComponent("market.sqlite")
            case .runs: root.appendingPathComponent(RunStore.fileName)
            case .sourceWatermarks: root.appendingPathComponent(SourceWatermarks.fileName)
            case .scheduler: root.appendingPathComponent("scheduler.sqlite")
            case .registry: ModelRegistry.url(dataDirectory: root).appendingPathComponent(ModelRegistry.databaseFileName)
            case .monitoring: MonitoringStore.url(dataDirectory: root)
            }
        }

        /// Opens (creating) the store, then reads one of its tables.
        func openAndRead(in root: URL) throws {
            let logger = Logger(label: "test")
            switch self {
            case .market: _ = try MarketStore(directory: root, logger: logger, zone: .ercot).status()
            case .runs: _ = try RunStore(directory: root).nextAttempt(job: "predict", slotUTC: 0)
            case .sourceWatermarks: _ = try SourceWatermarks(directory: root).marks(source: "dam:test")
            case .scheduler: _ = try SchedulerStateStore(path: databaseFile(in: root).path).claims()
            case .registry: _ = try ModelRegistry(root: ModelRegistry.url(dataDirectory: root), now: { Date() }, logger: logger).families(product: "dayahead")
            case .monitoring: _ = try MonitoringStore(path: databaseFile(in: root)).lastScoredDay()
            }
        }
    }

    @Test(arguments: Store.allCases)
    func openingANewStoreWaitsForItsSchemaLock(store: Store) throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-schema-lock")
        let holder = try FileLock.exclusive(at: FileLock.schemaLockURL(of: store.databaseFile(in: root)))
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do {
                try store.openAndRead(in: root)
                outcome.finish(nil)
            } catch {
                outcome.finish("\(error)")
            }
            done.signal()
        }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(outcome.finishedAt == nil, "\(store) opened without waiting for its schema lock")
        let released = Date()
        holder.release()
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(outcome.failure == nil, "\(outcome.failure ?? "")")
        let finishedAt = try #require(outcome.finishedAt)
        #expect(finishedAt >= released)
    }
}

private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var finished: Date?
    private var error: String?
    func finish(_ failure: String?) { lock.withLock { finished = Date(); error = failure } }
    var finishedAt: Date? { lock.withLock { finished } }
    var failure: String? { lock.withLock { error } }
}
