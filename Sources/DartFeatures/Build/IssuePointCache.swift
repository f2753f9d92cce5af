/// Per-point column blocks that depend only on (issue, point): computed on a point's first row
/// of an issue block and copied to its other targets (24 or 25 per issue).
struct IssuePointCache {
    let width: Int
    /// Per point: the issue block its values were computed for.
    private var blockNumbers: [Int]
    private var values: [Float]

    init(pointCount: Int, width: Int) {
        self.width = width
        blockNumbers = [Int](repeating: -1, count: pointCount)
        values = [Float](repeating: .nan, count: pointCount * width)
    }

    /// Copies the block of `point` for issue block `blockNumber` to `out`, computing it with
    /// `compute` (which writes `width` values) when the cached one belongs to another issue.
    @inline(__always) mutating func copy(point: Int, blockNumber: Int, to out: UnsafeMutablePointer<Float>,
                                         compute: (UnsafeMutablePointer<Float>) -> Void) {
        let width = self.width
        if blockNumbers[point] != blockNumber {
            blockNumbers[point] = blockNumber
            values.withUnsafeMutableBufferPointer { compute($0.baseAddress! + point * width) }
        }
        values.withUnsafeBufferPointer { out.update(from: $0.baseAddress! + point * width, count: width) }
    }
}
