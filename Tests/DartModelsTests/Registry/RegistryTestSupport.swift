import DartFeatures
import DartTesting
import Foundation
import Logging
import Synchronization
@testable import DartModels

/// A clock the test moves by hand.
final class ManualNow: Sendable {
    private let seconds: Mutex<Int64>
    init(_ utc: Int64 = 1_735_787_045) { seconds = Mutex(utc) }  // 2025-01-02T03:04:05Z
    func advance(by delta: Int64) { seconds.withLock { $0 += delta } }
    var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds.withLock { $0 })) }
}

struct RegistryFixture {
    let directory: URL
    let now: ManualNow
    let registry: ModelRegistry

    init(_ label: String = "registry") throws {
        directory = try SamplePaths.temporaryDirectory(label)
        let now = ManualNow()
        self.now = now
        registry = try ModelRegistry(root: directory.appendingPathComponent("registry"), now: { now.date },
                                     logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    /// A saved baseline plus a second small file, as a forecaster's `save` leaves them.
    func savedArtifacts(_ name: String = "model") throws -> [URL] {
        let folder = directory.appendingPathComponent("saved-\(name)-\(UUID().uuidString)")
        var files = try ColumnCopyForecaster(.naiveD1, column: "dart_d1").save(to: folder)
        let notes = folder.appendingPathComponent("training-notes.txt")
        try Data("trained on \(name)\n".utf8).write(to: notes)
        files.append(notes)
        return files
    }

    func registration(seed: Int = 7, artifacts: [URL]? = nil, validationMAE: Double? = nil) throws -> ModelRegistration {
        let features = FeatureMatrix(names: ["dart_d1", "hour_ending"], rowCount: 2, values: [1, 1, 2, 2])
        let provenance = try ModelProvenance(
            family: .naiveD1, product: "dayahead",
            trainingFromUTC: 1_704_067_200, trainingToUTC: 1_733_011_200,
            rowDigest: RowDigest.sha256(features: features, target: [3, 4]),
            featureNames: features.names, hyperparameters: ["column": "dart_d1"], seed: seed, gitSHA: "0123abcd")
        return try ModelRegistration(provenance: provenance, artifacts: artifacts ?? savedArtifacts("seed\(seed)"),
                                     validationMetrics: validationMAE.map { ["mae": $0] })
    }
}
