import GRDB

/// Tables of the registry index. Versions, artifacts, metrics and alias history are append-only;
/// triggers refuse UPDATE and DELETE so not even a hand-written SQL statement rewrites history.
/// Only `model_aliases` (the current pointer per alias) changes in place.
enum RegistrySchema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE model_versions (
                    version_id TEXT PRIMARY KEY NOT NULL,
                    family TEXT NOT NULL,
                    product TEXT NOT NULL,
                    train_from_utc INTEGER NOT NULL,
                    train_to_utc INTEGER NOT NULL,
                    row_digest TEXT NOT NULL,
                    feature_names_json TEXT NOT NULL,
                    hyperparameters_json TEXT NOT NULL,
                    seed INTEGER NOT NULL,
                    git_sha TEXT NOT NULL,
                    created_at_utc INTEGER NOT NULL
                );
                CREATE INDEX model_versions_by_model ON model_versions(family, product, created_at_utc);
                CREATE TABLE model_artifacts (
                    version_id TEXT NOT NULL REFERENCES model_versions(version_id),
                    relative_path TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    byte_count INTEGER NOT NULL,
                    PRIMARY KEY (version_id, relative_path)
                );
                CREATE TABLE model_metrics (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    version_id TEXT NOT NULL REFERENCES model_versions(version_id),
                    kind TEXT NOT NULL CHECK (kind IN ('validation', 'backtest')),
                    metrics_json TEXT NOT NULL,
                    attached_at_utc INTEGER NOT NULL
                );
                CREATE TABLE model_aliases (
                    family TEXT NOT NULL,
                    product TEXT NOT NULL,
                    alias TEXT NOT NULL CHECK (alias IN ('champion', 'challenger')),
                    version_id TEXT NOT NULL REFERENCES model_versions(version_id),
                    PRIMARY KEY (family, product, alias)
                );
                CREATE TABLE alias_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    family TEXT NOT NULL,
                    product TEXT NOT NULL,
                    alias TEXT NOT NULL CHECK (alias IN ('champion', 'challenger')),
                    action TEXT NOT NULL CHECK (action IN ('promote', 'rollback')),
                    from_version TEXT REFERENCES model_versions(version_id),
                    to_version TEXT NOT NULL REFERENCES model_versions(version_id),
                    actor TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    changed_at_utc INTEGER NOT NULL
                );
                CREATE INDEX alias_history_by_alias ON alias_history(family, product, alias, id);
                """)
            for table in ["model_versions", "model_artifacts", "model_metrics", "alias_history"] {
                for operation in ["UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END;
                        """)
                }
            }
        }
        return migrator
    }
}
