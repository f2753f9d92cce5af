/// A dense, row-major Float32 feature matrix; `NaN` means missing.
public struct FeatureMatrix: Sendable {
    /// Column names, in order. A model records these and refuses a matrix with other columns.
    public var names: [String]
    public var rowCount: Int
    /// `rowCount × names.count`, row-major.
    public var values: [Float]

    public init(names: [String], rowCount: Int, values: [Float]) {
        precondition(values.count == rowCount * names.count, "values must be rowCount × columns")
        self.names = names
        self.rowCount = rowCount
        self.values = values
    }

    public var columnCount: Int { names.count }

    @inlinable public subscript(row: Int, column: Int) -> Float {
        get { values[row * names.count + column] }
        set { values[row * names.count + column] = newValue }
    }

    /// Per row, how many of its values are missing (NaN).
    public func missingCounts() -> [Int] {
        (0..<rowCount).map { row in
            values[(row * columnCount)..<((row + 1) * columnCount)].reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        }
    }

    /// Index of a named column.
    public func column(named name: String) -> Int? { names.firstIndex(of: name) }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: some Collection<Int>) -> FeatureMatrix {
        var out = [Float]()
        out.reserveCapacity(indices.count * columnCount)
        for row in indices { out.append(contentsOf: values[(row * columnCount)..<((row + 1) * columnCount)]) }
        return FeatureMatrix(names: names, rowCount: indices.count, values: out)
    }

    /// The columns at `indices`, in that order.
    public func columns(_ indices: [Int]) -> FeatureMatrix {
        // Runs of adjacent columns (source start, target start, length), copied a run at a time.
        var runs: [(from: Int, to: Int, count: Int)] = []
        for (position, column) in indices.enumerated() {
            if let last = runs.last, last.from + last.count == column { runs[runs.count - 1].count += 1 } else { runs.append((column, position, 1)) }
        }
        var out = [Float](repeating: 0, count: rowCount * indices.count)
        let width = columnCount, kept = indices.count
        values.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                for row in 0..<rowCount {
                    for run in runs {
                        (target.baseAddress! + row * kept + run.to).update(from: source.baseAddress! + row * width + run.from, count: run.count)
                    }
                }
            }
        }
        return FeatureMatrix(names: indices.map { names[$0] }, rowCount: rowCount, values: out)
    }
}
