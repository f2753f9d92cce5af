import DartCore
import Foundation

/// The sidecar of a saved split: the bounds, the family and each bucket's file names. The
/// registry stores a model's files in one flat folder, so a bucket's files carry its label.
struct HorizonSplitArtifact: Codable, Hashable {
    /// 2: each bucket's booster writes its prefixed names itself (format 1 listed them without
    /// the prefix and still loads).
    static let currentFormat = 2
    var format = currentFormat
    var family: ModelFamilyName
    var upperBounds: [Int]
    /// Per bucket, the file names its member wrote.
    var memberFiles: [[String]]
}

extension HorizonSplitForecaster {
    /// "leads-1-2.": the prefix of bucket 0's files.
    static func filePrefix(_ bounds: HorizonBucketBounds, _ bucket: Int) -> String { "leads-\(bounds.label(bucket))." }

    /// Each member's files, prefixed with its bucket, plus `horizon-split.json`.
    public func save(to directory: URL) throws -> [URL] { try save(to: directory, fileNamePrefix: "") }

    /// The same files with every name led by `fileNamePrefix` as well.
    public func save(to directory: URL, fileNamePrefix: String) throws -> [URL] {
        var urls: [URL] = []
        var memberFiles: [[String]] = []
        for (bucket, member) in members.enumerated() {
            let files = try member.save(to: directory, fileNamePrefix: fileNamePrefix + Self.filePrefix(bounds, bucket))
            memberFiles.append(files.map(\.lastPathComponent))
            urls += files
        }
        let sidecar = directory.appendingPathComponent(fileNamePrefix + Self.sidecarFileName)
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

    /// Loads a split saved by `save(to:fileNamePrefix:)` with the same prefix; `loadMember`
    /// reloads one bucket's model from `directory`, the files whose names its argument leads.
    public static func load(from directory: URL, fileNamePrefix: String = "",
                            loadMember: (_ fileNamePrefix: String) throws -> any Forecaster) throws -> HorizonSplitForecaster {
        let url = directory.appendingPathComponent(fileNamePrefix + sidecarFileName)
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
        var members: [any RoundTunableForecaster] = []
        for (bucket, names) in artifact.memberFiles.enumerated() {
            let prefix = fileNamePrefix + filePrefix(bounds, bucket)
            for name in names {
                let file = directory.appendingPathComponent(name.hasPrefix(prefix) ? name : prefix + name)
                guard FileManager.default.fileExists(atPath: file.path) else {
                    throw HorizonSplitError(.invalidArtifact, context: file.path, "\(file.path) is missing; the model folder is incomplete, retrain the model")
                }
            }
            guard let member = try loadMember(prefix) as? any RoundTunableForecaster, member.family == artifact.family else {
                throw HorizonSplitError(.invalidArtifact, context: directory.path,
                                        "bucket \(bounds.label(bucket)) of \(directory.path) does not load as a \(artifact.family.rawValue) booster; retrain the model")
            }
            members.append(member)
        }
        return HorizonSplitForecaster(bounds: bounds, members: members)
    }
}
