import DartCore
import DartFeatures

/// Reads named columns out of a row-major `FeatureMatrix` for the baselines.
enum ColumnReader {
    /// Index of `column`, or a `missingColumn` error naming the family that needed it.
    static func index(of column: String, in matrix: FeatureMatrix, family: ModelFamilyName) throws(BaselineError) -> Int {
        guard let index = matrix.column(named: column) else {
            throw .missingColumn(column, family: family, available: matrix.names)
        }
        return index
    }

    /// A copy of one column with NaN (not yet known) replaced by 0, and how many were replaced.
    static func copyFillingMissing(_ column: String, of matrix: FeatureMatrix,
                                   family: ModelFamilyName) throws(BaselineError) -> (values: [Float], filled: Int) {
        let columnIndex = try index(of: column, in: matrix, family: family)
        let stride = matrix.columnCount
        var values = [Float](repeating: 0, count: matrix.rowCount)
        var filled = 0
        matrix.values.withUnsafeBufferPointer { source in
            for row in 0..<matrix.rowCount {
                let value = source[row * stride + columnIndex]
                if value.isNaN { filled += 1 } else { values[row] = value }
            }
        }
        return (values, filled)
    }
}
