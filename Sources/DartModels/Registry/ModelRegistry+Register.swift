import Foundation
import GRDB

extension ModelRegistry {
    /// Registers a trained model as a new immutable version.
    ///
    /// Digests and copies the artifacts into a staging folder, marks them read-only, then in one
    /// transaction inserts the version, artifact and validation-metrics rows and renames the
    /// folder into `artifacts/<family>/<product>/<version>/`. Any error removes the staging folder
    /// and rolls the rows back. The caller's files are left where they are.
    ///
    /// - Throws: `RegistryError` with `.invalidRegistration` (what to fix is in the message),
    ///   `.artifactMissing`, `.versionExists` (same id registered before), `.artifactFolderExists`
    ///   or `.storage`.
    @discardableResult
    public func register(_ registration: ModelRegistration) throws -> ModelVersion {
        try Self.validate(registration)
        let digests = try registration.artifacts.map { url in
            do {
                return (name: url.lastPathComponent, sha256: try FileDigest.sha256Hex(of: url),
                        byteCount: Int64(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0))
            } catch {
                throw RegistryError(.artifactMissing, "cannot read artifact \(url.path): \(error); save the model before registering it",
                                    file: url.path)
            }
        }
        let createdAt = nowUTC
        let id = VersionID.make(for: registration, artifactDigests: digests.map { ($0.name, $0.sha256) }, createdAtUTC: createdAt)
        let finalDirectory = artifactDirectory(family: registration.family, product: registration.product, version: id)
        let relativeDirectory = "artifacts/\(registration.family.rawValue)/\(registration.product)/\(id)"
        let version = ModelVersion(
            id: id, provenance: registration.provenance, createdAtUTC: createdAt,
            artifacts: digests.map { ArtifactRecord(relativePath: "\(relativeDirectory)/\($0.name)", sha256: $0.sha256, byteCount: $0.byteCount) }
        )

        let staging = try stageArtifacts(registration.artifacts, id: id)
        var movedIntoPlace = false
        do {
            try write("registering \(id)") { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM model_versions WHERE version_id = ?", arguments: [id]) == true {
                    throw RegistryError(.versionExists, "version \(id) is already registered; versions are immutable, register the new model under a new version",
                                        version: id)
                }
                try Self.insert(version, validationMetricsJSON: registration.validationMetricsJSON, into: db)
                // Last step, so a failure here still rolls the rows back.
                try moveIntoPlace(staging, to: finalDirectory, version: id)
                movedIntoPlace = true
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if movedIntoPlace { try? FileManager.default.removeItem(at: finalDirectory) }  // commit itself failed
            throw error
        }
        logger.info("registered model version", metadata: [
            "model_version": "\(id)", "family": "\(registration.family.rawValue)", "product": "\(registration.product)",
            "artifacts": "\(digests.count)",
        ])
        return version
    }

    private static func insert(_ version: ModelVersion, validationMetricsJSON: String?, into db: Database) throws {
        try db.execute(sql: """
            INSERT INTO model_versions (version_id, family, product, train_from_utc, train_to_utc, row_digest,
                feature_names_json, hyperparameters_json, seed, git_sha, created_at_utc)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [version.id, version.family.rawValue, version.product, version.trainingFromUTC,
                             version.trainingToUTC, version.rowDigest, try CanonicalJSON.string(version.featureNames),
                             version.hyperparametersJSON, version.seed, version.gitSHA, version.createdAtUTC])
        for artifact in version.artifacts {
            try db.execute(sql: "INSERT INTO model_artifacts (version_id, relative_path, sha256, byte_count) VALUES (?, ?, ?, ?)",
                           arguments: [version.id, artifact.relativePath, artifact.sha256, artifact.byteCount])
        }
        if let validationMetricsJSON {
            try db.execute(sql: "INSERT INTO model_metrics (version_id, kind, metrics_json, attached_at_utc) VALUES (?, ?, ?, ?)",
                           arguments: [version.id, MetricsKind.validation.rawValue, validationMetricsJSON, version.createdAtUTC])
        }
    }

    /// Copies the artifacts into a fresh staging folder and makes them read-only.
    private func stageArtifacts(_ artifacts: [URL], id: String) throws -> URL {
        let staging = root.appendingPathComponent("staging/\(id)-\(UUID().uuidString)")
        let files = FileManager.default
        do {
            try files.createDirectory(at: staging, withIntermediateDirectories: true)
            for source in artifacts {
                let destination = staging.appendingPathComponent(source.lastPathComponent)
                try files.copyItem(at: source, to: destination)
                try files.setAttributes([.posixPermissions: 0o444], ofItemAtPath: destination.path)
            }
            return staging
        } catch {
            try? files.removeItem(at: staging)
            throw RegistryError(.storage, "cannot copy artifacts of \(id) into \(staging.path): \(error)", version: id)
        }
    }

    private func moveIntoPlace(_ staging: URL, to destination: URL, version id: String) throws {
        let files = FileManager.default
        if files.fileExists(atPath: destination.path) {
            throw RegistryError(.artifactFolderExists,
                                "artifact folder \(destination.path) exists but \(id) is not registered (left by an interrupted run?); move it away and register again",
                                version: id, file: destination.path)
        }
        do {
            try files.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try files.moveItem(at: staging, to: destination)
        } catch {
            throw RegistryError(.storage, "cannot move the artifacts of \(id) into \(destination.path): \(error)",
                                version: id, file: destination.path)
        }
    }

    static func validate(_ registration: ModelRegistration) throws {
        func invalid(_ message: String) -> RegistryError { RegistryError(.invalidRegistration, message) }
        let allowedProduct = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        guard !registration.product.isEmpty, registration.product.allSatisfy(allowedProduct.contains) else {
            throw invalid("product '\(registration.product)' must be lower-case letters, digits and _ (e.g. dayahead, hourly)")
        }
        guard registration.trainingFromUTC <= registration.trainingToUTC else {
            throw invalid("training window starts (\(registration.trainingFromUTC)) after it ends (\(registration.trainingToUTC)); pass from ≤ to in UTC seconds")
        }
        let hex = Set("0123456789abcdef")
        guard registration.rowDigest.count == 64, registration.rowDigest.allSatisfy(hex.contains) else {
            throw invalid("row digest '\(registration.rowDigest)' is not a lower-case hex SHA-256; compute it with RowDigest.sha256")
        }
        guard !registration.gitSHA.isEmpty else { throw invalid("git SHA is empty; resolve it with GitRevision.resolve") }
        guard !registration.artifacts.isEmpty else { throw invalid("no artifacts; pass the URLs the forecaster's save(to:) returned") }
        var names = Set<String>()
        for url in registration.artifacts where !names.insert(url.lastPathComponent).inserted {
            throw invalid("two artifacts are named \(url.lastPathComponent); artifact file names must be unique within a version")
        }
        var isDirectory: ObjCBool = false
        for url in registration.artifacts {
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw RegistryError(.artifactMissing, "artifact \(url.path) does not exist; save the model before registering it", file: url.path)
            }
            guard !isDirectory.boolValue else { throw invalid("artifact \(url.path) is a folder; register the files in it") }
        }
        guard (try? JSONSerialization.jsonObject(with: Data(registration.hyperparametersJSON.utf8))) is [String: Any] else {
            throw invalid("hyperparameters must encode as a JSON object, got \(registration.hyperparametersJSON.prefix(80))")
        }
    }
}
