import DartData
import DartTesting
import Foundation
import GRDB
import Logging
import Testing

/// What closing the market store leaves on disk.
@Suite struct StoreCloseTests {
    /// `market.sqlite` is the file the demo and the docs point users at: once the store has
    /// closed, a copy of that file alone (no `-wal` beside it) must hold every stored row.
    /// Before the close checkpointed, a store that had been read after its last write kept all
    /// of it in `market.sqlite-wal` (the pool's read-only reader closed last and cannot fold it back).
    @Test func aClosedStoreKeepsEveryRowInItsMainFile() throws {
        var directory = URL(fileURLWithPath: "/")
        var stored: [String] = []
        do {
            let store = try makeStore()
            directory = store.directory
            _ = try store.ingest(file: SamplePaths.dartHourly15)
            stored = try store.points().map(\.name)
            _ = try store.status()
        }
        #expect(stored.count == 15)
        let wal = directory.appendingPathComponent("market.sqlite-wal").path
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
        #expect(walSize == 0, "the closed store left \(walSize) bytes in market.sqlite-wal")

        let copy = try SamplePaths.temporaryDirectory("dartdata-close-copy").appendingPathComponent("market.sqlite")
        try FileManager.default.copyItem(at: directory.appendingPathComponent("market.sqlite"), to: copy)
        let queue = try DatabaseQueue(path: copy.path)
        let points = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM settlement_point ORDER BY name") }
        #expect(points == stored.sorted())
    }

    /// The checkpoint must not hold up a command's exit while another process (the server, a
    /// long read) is on an older snapshot: it gives up at once instead of waiting out the store's
    /// lock wait, and the rows stay safe in the WAL for the last connection to fold back.
    @Test func closingBesideAnotherProcessesReadDoesNotWaitForIt() throws {
        var store: MarketStore? = try makeStore(lockWaitSeconds: 20)
        let directory = store!.directory
        _ = try store!.ingest(file: SamplePaths.dartHourly15)
        var readerConfiguration = Configuration()
        readerConfiguration.allowsUnsafeTransactions = true  // it holds its snapshot across accesses, as another process would
        let reader = try DatabaseQueue(path: directory.appendingPathComponent("market.sqlite").path, configuration: readerConfiguration)
        try reader.inDatabase { db in
            try db.beginTransaction(.deferred)
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM settlement_point")
        }
        _ = try store!.ingest(file: SamplePaths.damHourly5Hubs)
        let started = ContinuousClock.now
        store = nil
        let closing = ContinuousClock.now - started
        #expect(closing < .seconds(5), "closing waited \(closing) for another connection's read")
        try reader.inDatabase { try $0.rollback() }
        try reader.close()
        let reopened = try MarketStore(directory: directory, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        #expect(try reopened.points().count == 15)
    }
}
