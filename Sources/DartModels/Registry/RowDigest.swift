import Crypto
import DartFeatures

/// A deterministic SHA-256 of training rows (feature names, Float32 features, targets), recorded
/// with each model version so "trained on the same rows" can be checked.
///
/// Bytes hashed: a format tag, the column names, row and column counts, then every feature value
/// and every target as little-endian IEEE-754 bits. All NaNs hash as one canonical NaN (a
/// missing value is missing, whatever its payload); −0 and +0 stay distinct.
public enum RowDigest {
    /// Lower-case hex SHA-256 of `features` and `target`.
    public static func sha256(features: FeatureMatrix, target: [Float]) -> String {
        precondition(features.rowCount == target.count, "one target per feature row")
        var hasher = SHA256()
        hasher.update(data: Array("dartcast-rows-v1\n".utf8))
        for name in features.names { hasher.update(data: Array((name + "\n").utf8)) }
        for count in [features.rowCount, features.columnCount] {
            withUnsafeBytes(of: UInt64(count).littleEndian) { hasher.update(bufferPointer: $0) }
        }
        hashFloats(features.values, into: &hasher)
        hashFloats(target, into: &hasher)
        return hasher.finalize().hexString
    }

    /// Lower-case hex SHA-256 of a dataset's features and targets.
    public static func sha256(_ dataset: Dataset) -> String {
        sha256(features: dataset.features, target: dataset.target)
    }

    private static func hashFloats(_ values: [Float], into hasher: inout SHA256) {
        let chunkSize = 16_384
        var bits = [UInt32](repeating: 0, count: chunkSize)
        var start = 0
        while start < values.count {
            let count = min(chunkSize, values.count - start)
            for offset in 0..<count {
                let value = values[start + offset]
                bits[offset] = (value.isNaN ? Float.nan.bitPattern : value.bitPattern).littleEndian
            }
            bits.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<(count * 4)])) }
            start += count
        }
    }
}
