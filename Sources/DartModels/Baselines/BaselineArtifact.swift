import DartCore
import Foundation

/// The one small JSON file a baseline saves: its family and the columns it reads.
struct BaselineArtifact: Codable, Hashable {
    static let fileName = "baseline.json"
    static let currentFormat = 1

    var format: Int
    var family: ModelFamilyName
    /// Column by role (`value`, `day_of_week`, `day_before`, `week_before`).
    var columns: [String: String]

    init(family: ModelFamilyName, columns: [String: String]) {
        self.format = Self.currentFormat
        self.family = family
        self.columns = columns
    }

    func save(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = directory.appendingPathComponent(Self.fileName)
        try encoder.encode(self).write(to: url, options: .atomic)
        return [url]
    }

    /// Reads `baseline.json` from `directory`.
    /// - Throws: `BaselineError.invalidArtifact` when it is missing, malformed, of a newer
    ///   format, or (with `expected`) of another family.
    static func load(from directory: URL, expected: ModelFamilyName? = nil) throws -> BaselineArtifact {
        let url = directory.appendingPathComponent(fileName)
        let artifact: BaselineArtifact
        do {
            artifact = try JSONDecoder().decode(BaselineArtifact.self, from: Data(contentsOf: url))
        } catch {
            throw BaselineError(.invalidArtifact, subject: url.path,
                                "cannot read baseline file \(url.path): \(error); re-save the baseline")
        }
        guard artifact.format <= currentFormat else {
            throw BaselineError(.invalidArtifact, subject: url.path,
                                "\(url.path) has format \(artifact.format), newer than this dartcast reads (\(currentFormat)); upgrade dartcast")
        }
        if let expected, artifact.family != expected {
            throw BaselineError(.invalidArtifact, subject: url.path,
                                "\(url.path) holds a \(artifact.family.rawValue) baseline, not \(expected.rawValue)")
        }
        return artifact
    }

    /// The column saved for `role`.
    func column(_ role: String) throws(BaselineError) -> String {
        guard let column = columns[role], !column.isEmpty else {
            throw BaselineError(.invalidArtifact, subject: Self.fileName,
                                "\(Self.fileName) lacks the '\(role)' column of its \(family.rawValue) baseline; re-save it")
        }
        return column
    }
}
