import DartCore
import Foundation

/// `ensemble.json`: weighting and members. Member models are saved (and registered) on their own.
struct EnsembleArtifact: Codable, Hashable {
    static let fileName = "ensemble.json"
    static let currentFormat = 1

    var format: Int
    var weighting: EnsembleCombination
    var members: [EnsembleMember]
}

extension EnsembleForecaster {
    /// Writes `ensemble.json` (weighting, members, weights) into `directory`.
    public func save(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = directory.appendingPathComponent(EnsembleArtifact.fileName)
        let artifact = EnsembleArtifact(format: EnsembleArtifact.currentFormat, weighting: weighting, members: members)
        try encoder.encode(artifact).write(to: url, options: .atomic)
        return [url]
    }

    /// Reads `ensemble.json` and rebuilds the ensemble with the saved weights.
    /// - Parameter loadMember: loads one trained member (e.g. from the registry by `member.name`).
    /// - Throws: `EnsembleError.invalidArtifact` when the file is unreadable or a loaded member's
    ///   family differs from the recorded one.
    public static func load(from directory: URL,
                            loadMember: (EnsembleMember) throws -> any Forecaster) throws -> EnsembleForecaster {
        let url = directory.appendingPathComponent(EnsembleArtifact.fileName)
        let artifact: EnsembleArtifact
        do {
            artifact = try JSONDecoder().decode(EnsembleArtifact.self, from: Data(contentsOf: url))
        } catch {
            throw EnsembleError(.invalidArtifact, subject: url.path, "cannot read ensemble file \(url.path): \(error); re-save the ensemble")
        }
        guard artifact.format <= EnsembleArtifact.currentFormat else {
            throw EnsembleError(.invalidArtifact, subject: url.path,
                                "\(url.path) has format \(artifact.format), newer than this dartcast reads; upgrade dartcast")
        }
        var loaded = [(name: String, forecaster: any Forecaster)]()
        for member in artifact.members {
            let forecaster = try loadMember(member)
            guard forecaster.family == member.family else {
                throw EnsembleError(.invalidArtifact, subject: member.name,
                                    "member \(member.name) was saved as \(member.family.rawValue) but loaded as \(forecaster.family.rawValue)")
            }
            loaded.append((member.name, forecaster))
        }
        let ensemble = try EnsembleForecaster(members: loaded, weighting: artifact.weighting)
        try ensemble.restore(members: artifact.members)
        return ensemble
    }
}
