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
    func openingANewStoreWaitsForItsSchemaLock(store: Store) async throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-schema-lock")
        let holder = try FileLock.exclusive(at: FileLock.schemaLockURL(of: store.databaseFile(in: root)))
        let opening = BackgroundCall { try store.openAndRead(in: root) }
        try await Task.sleep(for: .milliseconds(500))
        #expect(opening.finishedAt == nil, "\(store) opened without waiting for its schema lock")
        let released = Date()
        holder.release()
        #expect(await opening.finished(within: 60))
        #expect(opening.failure == nil, "\(opening.failure ?? "")")
        let finishedAt = try #require(opening.finishedAt)
        #expect(finishedAt >= released)
    }

    /// A store whose schema is current opens without its schema lock, so a process holding it
    /// (another command creating the file's next migration) never delays the others.
    @Test(arguments: Store.allCases)
    func openingACurrentStoreTakesNoSchemaLock(store: Store) async throws {
        let root = try SamplePaths.temporaryDirectory("dartcast-schema-current")
        try store.openAndRead(in: root)
        let holder = try FileLock.exclusive(at: FileLock.schemaLockURL(of: store.databaseFile(in: root)))
        let opening = BackgroundCall { try store.openAndRead(in: root) }
        let openedWhileHeld = await opening.finished(within: 30)
        holder.release()
        #expect(openedWhileHeld, "\(store) waited for its schema lock although its schema was current")
        if !openedWhileHeld { #expect(await opening.finished(within: 60)) }
        #expect(opening.failure == nil, "\(opening.failure ?? "")")
    }
}
