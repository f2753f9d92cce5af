import Foundation
import GRDB

extension MarketStore {
    /// The names of the points the market store in `file` holds, read without opening the
    /// store: nothing is created, migrated, checked or checkpointed, so a read-only caller (the
    /// API's unknown-point check) leaves no file behind and never waits on a writer's lock.
    /// Empty when there is no store yet or its schema has not been created.
    public static func storedPointNames(file: URL, waitSeconds: Double = 2) throws -> Set<String> {
        let path = file.path
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(waitSeconds)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                guard try db.tableExists("settlement_point") else { return [] }
                return Set(try String.fetchAll(db, sql: "SELECT name FROM settlement_point"))
            }
        } catch {
            throw MarketStoreError(.cannotOpen, context: path, problem: "cannot read the stored settlement points (\(error))",
                fix: "check that the file is a dartcast market store and readable")
        }
    }
}
