import Foundation
import GRDB

/// How `runs.sqlite` stores paths of files in the data directory (run logs, outbox copies):
/// relative to the directory, so the directory can be moved or restored from a backup. Paths
/// outside it stay absolute.
struct DataDirectoryPaths: Sendable {
    let directory: URL

    private var root: String {
        let path = directory.standardizedFileURL.path
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// `path` relative to the data directory when it lies inside it, else unchanged.
    func stored(_ path: String) -> String {
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        return standardized.hasPrefix(root) ? String(standardized.dropFirst(root.count)) : path
    }

    /// A stored path as an absolute path under this data directory.
    func resolved(_ path: String) -> String {
        path.hasPrefix("/") ? path : directory.appendingPathComponent(path).path
    }

    /// A path written by an older dartcast: relative when it lies under this directory, or when
    /// it ends in the data directory's own layout for this run (`runs/<run_id>/run.log`,
    /// `outbox/<run_id>`), which also repairs a directory moved before this migration ran.
    func migrated(_ path: String, layoutSuffix: String) -> String {
        let relative = stored(path)
        guard relative.hasPrefix("/") else { return relative }
        return path.hasSuffix("/" + layoutSuffix) ? layoutSuffix : path
    }

    /// Rewrites absolute log and outbox paths of existing records and deliveries (migration `v2-relative-paths`).
    func migrate(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT run_id, record_json FROM runs") {
            let runID: String = row["run_id"]
            let json: String = row["record_json"]
            var record = try JSONDecoder().decode(RunRecord.self, from: Data(json.utf8))
            guard let log = record.logPath else { continue }
            let relative = migrated(log, layoutSuffix: "runs/\(runID)/run.log")
            guard relative != log else { continue }
            record.logPath = relative
            try db.execute(sql: "UPDATE runs SET record_json = ? WHERE run_id = ?",
                           arguments: [String(decoding: try JSONEncoder().encode(record), as: UTF8.self), runID])
        }
        for row in try Row.fetchAll(db, sql: "SELECT delivery_id, run_id, payload_path FROM deliveries") {
            let path: String = row["payload_path"]
            let runID: String = row["run_id"]
            let relative = migrated(path, layoutSuffix: "outbox/\(runID)")
            guard relative != path else { continue }
            try db.execute(sql: "UPDATE deliveries SET payload_path = ? WHERE delivery_id = ?",
                           arguments: [relative, row["delivery_id"] as String])
        }
    }
}
