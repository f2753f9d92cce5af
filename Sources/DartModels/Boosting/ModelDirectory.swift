import Foundation

/// File-system helpers for saved model directories.
enum ModelDirectory {
    static func create(_ directory: URL, library: BoostingLibrary) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BoostingError(
                code: .artifactUnreadable, library: library, path: directory.path,
                hint: "Cannot create the model directory (\(error)); check the path and permissions.")
        }
    }
}
