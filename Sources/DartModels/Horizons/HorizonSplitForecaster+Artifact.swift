import DartCore
import Foundation

/// The sidecar of a saved split: the bounds, the family and each bucket's file names. The
/// registry stores a model's files in one flat folder, so a bucket's files carry its label.
struct HorizonSplitArtifact: Codable, Hashable {
    static let currentFormat = 1
    var format = currentFormat
    var family: ModelFamilyName
    var upperBounds: [Int]
    /// Per bucket, the file names its member wrote (without the bucket prefix).
    var memberFiles: [[String]]
}

extension HorizonSplitForecaster {
    /// "leads-1-2.": the prefix of bucket 0's files.
    static func filePrefix(_ bounds: HorizonBucketBounds, _ bucket: Int) -> String { "leads-\(bounds.label(bucket))." }

    /// Each member's files, prefixed with its bucket, plus `horizon-split.json`.
    public func save(to directory: URL) throws -> [URL] {
        let manager = FileManager.default
        var urls: [URL] = []
        var memberFiles: [[String]] = []
        for (bucket, member) in members.enumerated() {
            // The member writes its usual names into a scratch folder; they are moved out with the prefix.
            let scratch = directory.appendingPathComponent(".bucket-\(bucket)-\(UUID().uuidString)")
            try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? manager.removeItem(at: scratch) }
            var names: [String] = []
            for file in try member.save(to: scratch) {
                let target = directory.appendingPathComponent(Self.filePrefix(bounds, bucket) + file.lastPathComponent)
                if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
                try manager.moveItem(at: file, to: target)
                names.append(file.lastPathComponent)
                urls.append(target)
            }
            memberFiles.append(names)
        }
        let sidecar = directory.appendingPathComponent(Self.sidecarFileName)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(HorizonSplitArtifact(family: family, upperBounds: bounds.upperBounds, memberFiles: memberFiles))
            .write(to: sidecar, options: .atomic)
        return urls + [sidecar]
    }

    /// True when `directory` holds a saved split.
    public static func isSaved(in directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(sidecarFileName).path)
    }

    /// Loads a split saved by `save(to:)`; `loadMember` reloads one bucket's model from a folder
    /// holding its files under their own names.
    public static func load(from directory: URL, loadMember: (URL) throws -> any Forecaster) throws -> HorizonSplitForecaster {
        let url = directory.appendingPathComponent(sidecarFileName)
        let artifact: HorizonSplitArtifact
        do {
            artifact = try JSONDecoder().decode(HorizonSplitArtifact.self, from: Data(contentsOf: url))
        } catch {
            throw HorizonSplitError(.invalidArtifact, context: url.path, "cannot read \(url.path): \(error); retrain the model")
        }
        guard artifact.format <= HorizonSplitArtifact.currentFormat else {
            throw HorizonSplitError(.invalidArtifact, context: url.path, "\(url.path) has format \(artifact.format), newer than this dartcast reads; upgrade dartcast")
        }
        let bounds = try HorizonBucketBounds(upperBounds: artifact.upperBounds)
        guard artifact.memberFiles.count == bounds.count else {
            throw HorizonSplitError(.invalidArtifact, context: url.path,
                                    "\(url.path) lists \(artifact.memberFiles.count) buckets' files for \(bounds.count) buckets; retrain the model")
        }
        let manager = FileManager.default
        var members: [any RoundTunableForecaster] = []
        for (bucket, names) in artifact.memberFiles.enumerated() {
            let scratch = manager.temporaryDirectory.appendingPathComponent("dartcast-bucket-\(UUID().uuidString)")
            try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? manager.removeItem(at: scratch) }
            for name in names {
                let source = directory.appendingPathComponent(filePrefix(bounds, bucket) + name)
                guard manager.fileExists(atPath: source.path) else {
                    throw HorizonSplitError(.invalidArtifact, context: source.path, "\(source.path) is missing; the model folder is incomplete, retrain the model")
                }
                try manager.copyItem(at: source, to: scratch.appendingPathComponent(name))
            }
            guard let member = try loadMember(scratch) as? any RoundTunableForecaster, member.family == artifact.family else {
                throw HorizonSplitError(.invalidArtifact, context: directory.path,
                                        "bucket \(bounds.label(bucket)) of \(directory.path) does not load as a \(artifact.family.rawValue) booster; retrain the model")
            }
            members.append(member)
        }
        return HorizonSplitForecaster(bounds: bounds, members: members)
    }
}
