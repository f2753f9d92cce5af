import DartCore
import DartFileLocks
import Foundation
import GRDB
import Logging

/// The model registry: immutable versions with their artifacts, metrics attached over time, and
/// `champion`/`challenger` aliases with an append-only history.
///
/// Layout under `<data-dir>/registry/`: `registry.sqlite` (the index), `artifacts/<family>/
/// <product>/<version>/` (read-only copies of the files each forecaster saved) and `staging/`
/// (folders being filled; a version's folder is renamed into place inside the transaction that
/// inserts its row, so an error leaves neither a row nor a folder behind).
public struct ModelRegistry: Sendable {
    public let root: URL
    let database: DatabaseQueue
    let now: @Sendable () -> Date
    let logger: Logger

    public static let databaseFileName = "registry.sqlite"

    /// Opens (creating when asked) the registry in `root`.
    /// - Parameters:
    ///   - root: the registry folder, usually `<data-dir>/registry`.
    ///   - createIfMissing: false for read-only commands, so a mistyped `--data-dir` fails
    ///     instead of creating an empty registry.
    ///   - now: the clock stamped on versions, metrics and alias changes.
    /// - Throws: `RegistryError.registryNotFound` or `.storage`.
    public init(root: URL, createIfMissing: Bool = true, now: @escaping @Sendable () -> Date, logger: Logger) throws {
        let databaseURL = root.appendingPathComponent(Self.databaseFileName)
        if !createIfMissing, !FileManager.default.fileExists(atPath: databaseURL.path) {
            throw RegistryError(.registryNotFound,
                                "no model registry at \(root.path); register a model first or pass the right --data-dir",
                                file: databaseURL.path)
        }
        self.root = root
        self.now = now
        self.logger = logger
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)  // another dartcast process may hold the write lock
            database = try DatabaseQueue(path: databaseURL.path, configuration: configuration)
            try RegistrySchema.migrator().migrateUnderSchemaLock(database, file: databaseURL)
        } catch {
            throw RegistryError(.storage, "cannot open the registry index \(databaseURL.path): \(error)", file: databaseURL.path)
        }
    }

    /// The registry of a data directory: `<dataDirectory>/registry`.
    public static func url(dataDirectory: URL) -> URL { dataDirectory.appendingPathComponent("registry") }

    /// The folder holding a version's artifacts.
    public func artifactDirectory(family: ModelFamilyName, product: String, version: String) -> URL {
        root.appendingPathComponent("artifacts/\(family.rawValue)/\(product)/\(version)")
    }

    /// Runs `body` in one write transaction, turning database failures into `RegistryError.storage`.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        try translatingStorageErrors(what) { try database.write(body) }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        try translatingStorageErrors(what) { try database.read(body) }
    }

    private func translatingStorageErrors<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.storage, "\(what) failed in the registry index: \(error)")
        }
    }

    var nowUTC: Int64 { Int64(now().timeIntervalSince1970.rounded(.down)) }
}
