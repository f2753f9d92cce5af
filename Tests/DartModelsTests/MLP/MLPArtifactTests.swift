@testable import DartModels
import DartFeatures
import DartTesting
import Foundation
import Testing

@Suite struct MLPArtifactTests {
    static func trainedModel(seed: UInt64 = 7) throws -> (MLPForecaster, Dataset) {
        let data = MLPSyntheticData.make(rows: 1_200, features: 4, seed: 8) { x, noise in x[0] - x[1] + 0.1 * noise }
        var hyperparameters = MLPSyntheticData.quickHyperparameters(seed: seed)
        hyperparameters.maxEpochs = 5
        let model = MLPForecaster(hyperparameters: hyperparameters)
        try model.fit(train: MLPSyntheticData.slice(data, 0..<1_000), validation: nil)
        return (model, MLPSyntheticData.slice(data, 1_000..<1_200))
    }

    static func bits(_ values: [Float]?) -> [UInt32] { (values ?? []).map(\.bitPattern) }

    static func expectSameBits(_ left: QuantileForecast, _ right: QuantileForecast) {
        #expect(bits(left.p50) == bits(right.p50))
        #expect(bits(left.p10) == bits(right.p10))
        #expect(bits(left.p90) == bits(right.p90))
    }

    @Test func saveThenLoadPredictsBitIdentically() throws {
        let (model, heldOut) = try Self.trainedModel()
        let directory = try SamplePaths.temporaryDirectory("mlp-artifact")
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try model.save(to: directory)
        #expect(written == [directory.appendingPathComponent(MLPForecaster.artifactFileName)])

        let reloaded = try MLPForecaster.load(from: directory)
        #expect(reloaded.featureNames == model.featureNames)
        #expect(reloaded.hyperparameters == model.hyperparameters)
        #expect(reloaded.trainingSummary == model.trainingSummary)
        Self.expectSameBits(try model.predict(heldOut.features), try reloaded.predict(heldOut.features))
    }

    @Test func theSameSeedGivesIdenticalWeightsAndPredictions() throws {
        let (first, heldOut) = try Self.trainedModel(seed: 21)
        let (second, _) = try Self.trainedModel(seed: 21)
        #expect(Self.bits(first.state?.network.parameters) == Self.bits(second.state?.network.parameters))
        Self.expectSameBits(try first.predict(heldOut.features), try second.predict(heldOut.features))
    }

    @Test func differentSeedsGiveDifferentWeights() throws {
        let (first, _) = try Self.trainedModel(seed: 21)
        let (second, _) = try Self.trainedModel(seed: 22)
        #expect(Self.bits(first.state?.network.parameters) != Self.bits(second.state?.network.parameters))
    }

    @Test func aTruncatedArtifactIsRejected() throws {
        try Self.withSavedArtifact { directory, url in
            let full = try Data(contentsOf: url)
            try full.prefix(full.count - 10).write(to: url)
            #expect(Self.loadCode(directory) == .truncatedArtifact)
            try full.prefix(40).write(to: url)  // cut inside the header line
            #expect(Self.loadCode(directory) == .truncatedArtifact)
        }
    }

    @Test func anUnknownFormatVersionIsRejected() throws {
        try Self.withSavedArtifact { directory, url in
            let text = try #require(String(data: try Data(contentsOf: url), encoding: .isoLatin1))
            #expect(text.contains("\"formatVersion\":1,"))
            try #require(text.replacingOccurrences(of: "\"formatVersion\":1,", with: "\"formatVersion\":99,")
                .data(using: .isoLatin1)).write(to: url)
            #expect(Self.loadCode(directory) == .unsupportedFormatVersion)
        }
    }

    @Test func aFlippedWeightByteOrAMissingFileIsRejected() throws {
        try Self.withSavedArtifact { directory, url in
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count - 3] ^= 0x40
            try bytes.write(to: url)
            #expect(Self.loadCode(directory) == .corruptArtifact)
            #expect(Self.loadCode(directory.appendingPathComponent("missing")) == .unreadableArtifact)
        }
    }

    /// Saves a small trained model into a fresh directory for `body` to tamper with.
    static func withSavedArtifact(_ body: (_ directory: URL, _ file: URL) throws -> Void) throws {
        let (model, _) = try trainedModel()
        let directory = try SamplePaths.temporaryDirectory("mlp-artifact")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory, try model.save(to: directory)[0])
    }

    static func loadCode(_ directory: URL) -> MLPError.Code? {
        mlpErrorCode { _ = try MLPForecaster.load(from: directory) }
    }
}
