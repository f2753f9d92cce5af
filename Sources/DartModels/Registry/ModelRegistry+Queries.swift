import DartCore
import Foundation
import GRDB

extension ModelRegistry {
    /// Versions, newest first, optionally of one family and/or product.
    public func versions(family: ModelFamilyName? = nil, product: String? = nil) throws -> [ModelVersion] {
        try read("listing versions") { db in
            var conditions = [String](), arguments = StatementArguments()
            if let family { conditions.append("family = ?"); arguments += [family.rawValue] }
            if let product { conditions.append("product = ?"); arguments += [product] }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM model_versions \(filter) ORDER BY created_at_utc DESC, version_id DESC",
                                        arguments: arguments)
            return try rows.map { try Self.version(from: $0, db: db) }
        }
    }

    /// One version.
    /// - Throws: `RegistryError.versionNotFound`.
    public func version(_ id: String) throws -> ModelVersion {
        try read("reading \(id)") { db in try Self.fetchVersion(id, db: db) }
    }

    /// A version with its latest metrics of each kind and the aliases it holds.
    public func details(_ id: String) throws -> ModelVersionDetails {
        try read("reading \(id)") { db in
            let version = try Self.fetchVersion(id, db: db)
            let metrics = try Row.fetchAll(db, sql: """
                SELECT kind, metrics_json, attached_at_utc FROM model_metrics m
                WHERE version_id = ? AND id = (SELECT MAX(id) FROM model_metrics WHERE version_id = m.version_id AND kind = m.kind)
                ORDER BY kind
                """, arguments: [id]).compactMap { row -> AttachedMetrics? in
                guard let kind = MetricsKind(rawValue: row["kind"]) else { return nil }
                return AttachedMetrics(kind: kind, json: row["metrics_json"], attachedAtUTC: row["attached_at_utc"])
            }
            let held = Set(try String.fetchAll(db, sql: "SELECT alias FROM model_aliases WHERE version_id = ?", arguments: [id]))
            let aliases = ModelAlias.allCases.filter { held.contains($0.rawValue) }
            return ModelVersionDetails(version: version, metrics: metrics, aliases: aliases)
        }
    }

    /// Attaches validation or backtest metrics to a version. Appends: earlier attachments stay
    /// in the table and the version row is untouched.
    /// - Throws: `RegistryError.versionNotFound`, or the encoder's error.
    public func attachMetrics(_ metrics: some Encodable, kind: MetricsKind, to id: String) throws {
        let json = try CanonicalJSON.string(metrics)
        let attachedAt = nowUTC
        try write("attaching \(kind.rawValue) metrics to \(id)") { db in
            _ = try Self.fetchVersion(id, db: db)
            try db.execute(sql: "INSERT INTO model_metrics (version_id, kind, metrics_json, attached_at_utc) VALUES (?, ?, ?, ?)",
                           arguments: [id, kind.rawValue, json, attachedAt])
        }
        logger.info("attached metrics", metadata: ["model_version": "\(id)", "kind": "\(kind.rawValue)"])
    }

    /// The artifact files of a version, in registration order.
    /// - Parameter verify: recompute each file's sha256 and compare it with the recorded one.
    /// - Throws: `RegistryError.artifactMissing`, or `.artifactDigestMismatch` naming the file,
    ///   the recorded and the actual digest: the artifact changed after registration and must not
    ///   be used.
    public func artifactURLs(_ id: String, verify: Bool = true) throws -> [URL] {
        let version = try version(id)
        return try version.artifacts.map { artifact in
            let url = root.appendingPathComponent(artifact.relativePath)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw RegistryError(.artifactMissing, "artifact \(url.path) of \(id) is missing; restore it from a backup or retrain",
                                    version: id, file: url.path)
            }
            if verify {
                let actual: String
                do { actual = try FileDigest.sha256Hex(of: url) } catch {
                    throw RegistryError(.artifactMissing, "cannot read artifact \(url.path) of \(id): \(error)", version: id, file: url.path)
                }
                guard actual == artifact.sha256 else {
                    throw RegistryError(.artifactDigestMismatch,
                                        "artifact \(url.path) of \(id) was modified after registration: sha256 is \(actual), expected \(artifact.sha256); do not use this version, retrain or restore the file",
                                        version: id, file: url.path, expectedDigest: artifact.sha256, actualDigest: actual)
                }
            }
            return url
        }
    }

    static func fetchVersion(_ id: String, db: Database) throws -> ModelVersion {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM model_versions WHERE version_id = ?", arguments: [id]) else {
            throw RegistryError(.versionNotFound, "no model version \(id); list versions with `dartcast models list`", version: id)
        }
        return try version(from: row, db: db)
    }

    private static func version(from row: Row, db: Database) throws -> ModelVersion {
        let id: String = row["version_id"]
        // Any name: whether this dartcast can load the family is the family table's question.
        let family = ModelFamilyName(row["family"] as String)
        let artifacts = try Row.fetchAll(db, sql: "SELECT relative_path, sha256, byte_count FROM model_artifacts WHERE version_id = ? ORDER BY rowid",
                                         arguments: [id]).map {
            ArtifactRecord(relativePath: $0["relative_path"], sha256: $0["sha256"], byteCount: $0["byte_count"])
        }
        let featuresJSON: String = row["feature_names_json"]
        let provenance = ModelProvenance(
            family: family, product: row["product"], trainingFromUTC: row["train_from_utc"], trainingToUTC: row["train_to_utc"],
            rowDigest: row["row_digest"], featureNames: try JSONDecoder().decode([String].self, from: Data(featuresJSON.utf8)),
            hyperparametersJSON: row["hyperparameters_json"], seed: row["seed"], gitSHA: row["git_sha"])
        return ModelVersion(id: id, provenance: provenance, createdAtUTC: row["created_at_utc"], artifacts: artifacts)
    }
}
