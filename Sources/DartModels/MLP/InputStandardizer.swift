import DartFeatures

/// Standardises feature columns with the mean and standard deviation of the training rows.
/// A NaN input becomes the column mean (0 after standardising). With indicators on, every
/// column that had a NaN in the training rows also gets a 0/1 "was missing" input appended
/// after the standardised columns, so the network can tell an imputed mean from a real one.
/// A column that first goes missing after training is imputed without an indicator.
/// A column with no value in the training rows (a feed left out of training, such as one that
/// stopped arriving) stays missing when values reappear: the network never learned weights for
/// it, so a raw price there would reach it unscaled. Its standard deviation is stored as 0.
/// With `clip` > 0 every standardised value is held within ±`clip` standard deviations, so a
/// price spike or a value past anything trained on cannot drive the network off its scale.
struct InputStandardizer: Sendable, Hashable {
    var means: [Float]
    var standardDeviations: [Float]
    /// Feature columns that get a missing indicator, in order.
    var indicatorColumns: [Int]
    /// Bound on |standardised value|; 0 = none.
    var clip: Float = 0

    var featureCount: Int { means.count }
    /// Width of the transformed rows: features plus indicators.
    var outputWidth: Int { means.count + indicatorColumns.count }

    init(means: [Float], standardDeviations: [Float], indicatorColumns: [Int], clip: Float = 0) {
        self.means = means
        self.standardDeviations = standardDeviations
        self.indicatorColumns = indicatorColumns
        self.clip = clip
    }

    /// Statistics of `rows` of `matrix`. Throws on ±infinity (NaN is the only missing marker).
    init(fitting matrix: FeatureMatrix, rows: Range<Int>, missingIndicators: Bool, clip: Float = 0) throws {
        self.clip = clip
        let width = matrix.columnCount
        var sums = [Double](repeating: 0, count: width)
        var counts = [Int](repeating: 0, count: width)
        try matrix.values.withUnsafeBufferPointer { values in
            for row in rows {
                let rowStart = row * width
                for column in 0..<width {
                    let value = values[rowStart + column]
                    if value.isNaN { continue }
                    guard value.isFinite else { throw Self.infiniteError(matrix, row: row, column: column, value: value) }
                    sums[column] += Double(value)
                    counts[column] += 1
                }
            }
        }
        let meansDouble = (0..<width).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
        var squares = [Double](repeating: 0, count: width)
        matrix.values.withUnsafeBufferPointer { values in
            for row in rows {
                let rowStart = row * width
                for column in 0..<width where !values[rowStart + column].isNaN {
                    let deviation = Double(values[rowStart + column]) - meansDouble[column]
                    squares[column] += deviation * deviation
                }
            }
        }
        means = meansDouble.map { Float($0) }
        standardDeviations = (0..<width).map { column in
            guard counts[column] > 0 else { return Self.unseenMarker }
            let deviation = (squares[column] / Double(counts[column])).squareRoot()
            // A constant column carries no scale; dividing by 1 keeps it at 0.
            return deviation > 1e-12 && Float(deviation).isNormal ? Float(deviation) : 1
        }
        indicatorColumns = missingIndicators ? (0..<width).filter { counts[$0] < rows.count } : []
    }

    /// `rows` of `matrix` standardised, `rows.count × outputWidth`, row-major.
    func transform(_ matrix: FeatureMatrix, rows: Range<Int>) throws -> [Float] {
        precondition(matrix.columnCount == featureCount, "caller checks the columns first")
        let width = featureCount, outWidth = outputWidth
        let low = clip > 0 ? -clip : -.infinity, high = clip > 0 ? clip : .infinity
        var output = [Float](repeating: 0, count: rows.count * outWidth)
        try matrix.values.withUnsafeBufferPointer { values in
            try output.withUnsafeMutableBufferPointer { out in
                for (outRow, row) in rows.enumerated() {
                    let inStart = row * width, outStart = outRow * outWidth
                    for column in 0..<width {
                        let value = values[inStart + column]
                        if value.isNaN || standardDeviations[column] == Self.unseenMarker { continue }  // mean imputation: already 0
                        guard value.isFinite else { throw Self.infiniteError(matrix, row: row, column: column, value: value) }
                        out[outStart + column] = min(max((value - means[column]) / standardDeviations[column], low), high)
                    }
                    for (slot, column) in indicatorColumns.enumerated()
                    where values[inStart + column].isNaN || standardDeviations[column] == Self.unseenMarker {
                        out[outStart + width + slot] = 1
                    }
                }
            }
        }
        return output
    }

    /// The standard deviation stored for a column never seen in training (real ones are ≥ 1e-12 or 1).
    static let unseenMarker: Float = 0

    private static func infiniteError(_ matrix: FeatureMatrix, row: Int, column: Int, value: Float) -> MLPError {
        MLPError(.infiniteFeature,
                 "feature values must be finite or NaN (missing); fix the feature that produces infinity",
                 row: row, column: matrix.names[column], value: "\(value)")
    }
}
