import Crypto
import Foundation
import Logging

/// The saved MLP: file `mlp.dcmlp` = one line of JSON (`MLPArtifactHeader`), a newline, then
/// the payload of little-endian Float32 values in this order: input means, input standard
/// deviations (one each per feature), target centre, target scale, network parameters (layer by
/// layer: weights row-major `in × out`, then biases). Numbers that prediction uses are stored as
/// raw bits, never as decimal text, so a reloaded model predicts bit-identically.
struct MLPArtifactHeader: Codable {
    static let magicValue = "dartcast-mlp"
    static let currentFormatVersion = 1

    var magic: String
    var formatVersion: Int
    /// Input width (features + missing indicators), hidden widths, output width.
    var layerSizes: [Int]
    var featureNames: [String]
    var missingIndicatorColumns: [Int]
    var quantiles: [Double]
    var hyperparameters: MLPHyperparameters
    var trainingSummary: MLPTrainingSummary?
    var payloadFloatCount: Int
    /// SHA-256 of the payload bytes, lowercase hex.
    var payloadSHA256: String
}

/// Just enough of the header to say "wrong file" or "too new" before decoding the rest.
private struct MLPArtifactProbe: Decodable {
    var magic: String?
    var formatVersion: Int?
}

extension MLPForecaster {
    /// File name inside the directory given to `save(to:)` / `load(from:)`.
    public static let artifactFileName = "mlp.dcmlp"

    /// Writes `mlp.dcmlp` into `directory` (created if needed) and returns its URL.
    /// - Throws: `MLPError(.notTrained)` before `fit`; file-system errors as thrown by Foundation.
    public func save(to directory: URL) throws -> [URL] {
        guard let state else {
            throw MLPError(.notTrained, "nothing to save; call fit(train:validation:) first")
        }
        var payload: [Float] = state.standardizer.means + state.standardizer.standardDeviations
        payload.append(state.targetScaler.center)
        payload.append(state.targetScaler.scale)
        payload.append(contentsOf: state.network.parameters)
        var payloadBytes = Data(capacity: payload.count * 4)
        for value in payload {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { payloadBytes.append(contentsOf: $0) }
        }
        let header = MLPArtifactHeader(
            magic: MLPArtifactHeader.magicValue, formatVersion: MLPArtifactHeader.currentFormatVersion,
            layerSizes: state.network.layerSizes, featureNames: featureNames,
            missingIndicatorColumns: state.standardizer.indicatorColumns,
            quantiles: MLPObjective.forecastQuantiles, hyperparameters: hyperparameters,
            trainingSummary: trainingSummary, payloadFloatCount: payload.count,
            payloadSHA256: Self.sha256Hex(payloadBytes))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var file = try encoder.encode(header)
        file.append(0x0A)
        file.append(payloadBytes)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(Self.artifactFileName)
        try file.write(to: url, options: .atomic)
        return [url]
    }

    /// Reads a model written by `save(to:)`.
    /// - Throws: `MLPError` with `.unreadableArtifact` (missing file or not an MLP artifact),
    ///   `.unsupportedFormatVersion`, `.truncatedArtifact` or `.corruptArtifact`.
    public static func load(from directory: URL, logger: Logger = MLPForecaster.silentLogger) throws -> MLPForecaster {
        let url = directory.appendingPathComponent(artifactFileName)
        let path = url.path
        let file: Data
        do {
            file = try Data(contentsOf: url)
        } catch {
            throw MLPError(.unreadableArtifact, "cannot read the MLP artifact; check the model directory or retrain and save",
                           file: path)
        }
        guard let newline = file.firstIndex(of: 0x0A) else {
            throw MLPError(.truncatedArtifact, "the artifact ends inside its header; it was cut off, save the model again",
                           file: path)
        }
        let headerBytes = file[file.startIndex..<newline]
        let probe = try? JSONDecoder().decode(MLPArtifactProbe.self, from: headerBytes)
        guard let probe, probe.magic == MLPArtifactHeader.magicValue else {
            throw MLPError(.unreadableArtifact, "this is not a dartcast MLP artifact (magic '\(MLPArtifactHeader.magicValue)' missing)",
                           file: path)
        }
        guard probe.formatVersion == MLPArtifactHeader.currentFormatVersion else {
            throw MLPError(.unsupportedFormatVersion,
                           "artifact format version \(probe.formatVersion.map(String.init) ?? "none") is not supported (this build reads \(MLPArtifactHeader.currentFormatVersion)); retrain with this build or use the matching dartcast version",
                           file: path, value: probe.formatVersion.map(String.init))
        }
        let header: MLPArtifactHeader
        do {
            header = try JSONDecoder().decode(MLPArtifactHeader.self, from: headerBytes)
        } catch {
            throw MLPError(.corruptArtifact, "the artifact header is malformed (\(error)); save the model again", file: path)
        }
        let payloadBytes = file[(newline + 1)...]
        let expectedBytes = header.payloadFloatCount * 4
        guard payloadBytes.count >= expectedBytes else {
            throw MLPError(.truncatedArtifact,
                           "the artifact holds \(payloadBytes.count) of \(expectedBytes) weight bytes; it was cut off, save the model again",
                           file: path, value: "\(payloadBytes.count)")
        }
        guard payloadBytes.count == expectedBytes,
              sha256Hex(payloadBytes) == header.payloadSHA256 else {
            throw MLPError(.corruptArtifact, "the artifact weights do not match their checksum; save the model again", file: path)
        }
        return try decodeModel(header: header, payloadBytes: payloadBytes, path: path, logger: logger)
    }

    private static func sha256Hex(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    private static func decodeModel(header: MLPArtifactHeader, payloadBytes: Data, path: String,
                                     logger: Logger) throws -> MLPForecaster {
        let featureCount = header.featureNames.count
        let sizes = header.layerSizes
        let consistent = sizes.count >= 3 && sizes.allSatisfy { $0 > 0 }
            && sizes[0] == featureCount + header.missingIndicatorColumns.count
            && sizes.last == MLPObjective.forecastQuantiles.count
            && header.quantiles == MLPObjective.forecastQuantiles
            && header.missingIndicatorColumns.allSatisfy { (0..<featureCount).contains($0) }
            && header.payloadFloatCount == 2 * featureCount + 2 + MLPNetwork<Float>.parameterCount(layerSizes: sizes)
        guard consistent else {
            throw MLPError(.corruptArtifact, "the artifact header's layer sizes, features and weight count disagree; save the model again",
                           file: path)
        }
        var payload = [Float](repeating: 0, count: header.payloadFloatCount)
        payloadBytes.withUnsafeBytes { raw in
            for index in payload.indices {
                payload[index] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
        }
        let standardizer = InputStandardizer(means: Array(payload[0..<featureCount]),
                                             standardDeviations: Array(payload[featureCount..<(2 * featureCount)]),
                                             indicatorColumns: header.missingIndicatorColumns,
                                             clip: Float(header.hyperparameters.inputClip))
        let targetScaler = RobustTargetScaler(center: payload[2 * featureCount], scale: payload[2 * featureCount + 1])
        let network = MLPNetwork<Float>(layerSizes: sizes, parameters: Array(payload[(2 * featureCount + 2)...]))
        return MLPForecaster(hyperparameters: header.hyperparameters, featureNames: header.featureNames,
                             state: TrainedState(network: network, standardizer: standardizer, targetScaler: targetScaler),
                             trainingSummary: header.trainingSummary, logger: logger)
    }
}
