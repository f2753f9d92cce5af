import DartCore
import Foundation

/// The JSON file saved beside a boosting model's native files: what a loader needs to rebuild
/// the forecaster and refuse mismatched features.
struct BoostingSidecar<Hyperparameters: Codable>: Codable {
    /// Bumped when the layout changes incompatibly.
    static var currentFormatVersion: Int { 1 }

    var formatVersion: Int
    var family: ModelFamilyName
    var featureNames: [String]
    var hyperparameters: Hyperparameters
    /// Native model file name per output (`p50`, `p10`, `p90`, `quantiles`), relative to the directory.
    var modelFiles: [String: String]
    /// Boosting rounds kept per output after early stopping.
    var bestIterations: [String: Int]

    func write(to url: URL, library: BoostingLibrary) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: url, options: .atomic)
        } catch {
            throw BoostingError(
                code: .artifactUnreadable, library: library, path: url.path,
                hint: "Could not write the model sidecar (\(error)); check that the directory is writable.")
        }
    }

    static func read(from url: URL, expecting family: ModelFamilyName, library: BoostingLibrary) throws -> Self {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BoostingError(
                code: .artifactMissing, library: library, path: url.path,
                hint: "No model sidecar here; pass the directory that `save(to:)` wrote.")
        }
        let sidecar: Self
        do {
            sidecar = try JSONDecoder().decode(Self.self, from: Data(contentsOf: url))
        } catch {
            throw BoostingError(
                code: .artifactUnreadable, library: library, path: url.path,
                hint: "The model sidecar cannot be decoded (\(error)); re-save the model.")
        }
        guard sidecar.formatVersion == currentFormatVersion, sidecar.family == family else {
            throw BoostingError(
                code: .artifactUnreadable, library: library, path: url.path,
                value: "\(sidecar.family.rawValue) v\(sidecar.formatVersion)",
                hint: "This sidecar is for \(sidecar.family.rawValue) format \(sidecar.formatVersion); "
                    + "expected \(family.rawValue) format \(currentFormatVersion). Load it with the matching forecaster or retrain.")
        }
        return sidecar
    }

    /// The URL of a listed model file, which must exist. Bucket models saved before the
    /// prefix was part of the listed name (horizon-split format 1) are found under
    /// `fileNamePrefix` + the listed name.
    func modelFile(_ output: String, in directory: URL, fileNamePrefix: String = "", library: BoostingLibrary) throws -> URL {
        guard let name = modelFiles[output] else {
            throw BoostingError(
                code: .artifactUnreadable, library: library, path: directory.path, key: output,
                hint: "The sidecar lists no model file for '\(output)'; re-save the model.")
        }
        var url = directory.appendingPathComponent(name)
        let olderName = directory.appendingPathComponent(fileNamePrefix + name)
        if !name.hasPrefix(fileNamePrefix), !FileManager.default.fileExists(atPath: url.path) { url = olderName }
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw BoostingError(
                code: .artifactMissing, library: library, path: url.path, key: output,
                hint: "The model file for '\(output)' is missing; copy the whole model directory.")
        }
        return url
    }
}

/// One native model file to write into a saved model directory.
struct NativeModelFile {
    /// Output key in the sidecar (`p50`, `p10`, `p90`, `quantiles`).
    var output: String
    var fileName: String
    var write: (URL) throws -> Void
}

extension BoostingSidecar {
    /// Writes a fitted model directory: each native model file, then the sidecar. Returns all paths.
    static func saveModelDirectory(
        _ directory: URL, models: [NativeModelFile], sidecarFileName: String, library: BoostingLibrary,
        family: ModelFamilyName, featureNames: [String], hyperparameters: Hyperparameters, bestIterations: [String: Int]
    ) throws -> [URL] {
        guard !models.isEmpty else {
            throw BoostingError(code: .notFitted, library: library, path: directory.path, hint: "Fit the model before saving it.")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BoostingError(
                code: .artifactUnreadable, library: library, path: directory.path,
                hint: "Cannot create the model directory (\(error)); check the path and permissions.")
        }
        var urls: [URL] = []
        for model in models {
            let url = directory.appendingPathComponent(model.fileName)
            try model.write(url)
            urls.append(url)
        }
        let sidecar = BoostingSidecar(
            formatVersion: currentFormatVersion, family: family, featureNames: featureNames,
            hyperparameters: hyperparameters,
            modelFiles: Dictionary(uniqueKeysWithValues: models.map { ($0.output, $0.fileName) }),
            bestIterations: bestIterations)
        let sidecarURL = directory.appendingPathComponent(sidecarFileName)
        try sidecar.write(to: sidecarURL, library: library)
        return urls + [sidecarURL]
    }
}
