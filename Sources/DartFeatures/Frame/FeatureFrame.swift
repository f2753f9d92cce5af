import DartCore

/// Feature rows with their keys and realized target, aligned by row.
///
/// `dart` is the realized DAM − RT of the target hour ($/MWh), NaN when either price is
/// missing or not in the history (live prediction); it is a label, never a feature.
public struct FeatureFrame: Sendable {
    public var product: ForecastProduct
    /// The points `pointIndex` refers to (the history's points, in its order).
    public var points: [SettlementPoint]
    public var features: FeatureMatrix
    public var issueUTC: [Int64]
    public var targetUTC: [Int64]
    public var pointIndex: [Int32]
    public var operatingDay: [OperatingDay]
    public var hourEnding: [UInt8]
    /// ERCOT's DSTFlag of the target hour: true on the second copy of fall-back HE 2.
    public var isRepeatedHour: [Bool]
    public var dart: [Float]

    public var rowCount: Int { features.rowCount }

    public init(product: ForecastProduct, points: [SettlementPoint], features: FeatureMatrix, issueUTC: [Int64],
                targetUTC: [Int64], pointIndex: [Int32], operatingDay: [OperatingDay], hourEnding: [UInt8],
                isRepeatedHour: [Bool], dart: [Float]) {
        let n = features.rowCount
        precondition([issueUTC.count, targetUTC.count, pointIndex.count, operatingDay.count, hourEnding.count,
                      isRepeatedHour.count, dart.count].allSatisfy { $0 == n }, "key columns must have one entry per row")
        self.product = product
        self.points = points
        self.features = features
        self.issueUTC = issueUTC
        self.targetUTC = targetUTC
        self.pointIndex = pointIndex
        self.operatingDay = operatingDay
        self.hourEnding = hourEnding
        self.isRepeatedHour = isRepeatedHour
        self.dart = dart
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: some Collection<Int>) -> FeatureFrame {
        FeatureFrame(product: product, points: points, features: features.rows(indices),
                     issueUTC: indices.map { issueUTC[$0] }, targetUTC: indices.map { targetUTC[$0] },
                     pointIndex: indices.map { pointIndex[$0] }, operatingDay: indices.map { operatingDay[$0] },
                     hourEnding: indices.map { hourEnding[$0] }, isRepeatedHour: indices.map { isRepeatedHour[$0] },
                     dart: indices.map { dart[$0] })
    }

    /// The settlement point of `row`.
    public func point(ofRow row: Int) -> SettlementPoint { points[Int(pointIndex[row])] }
}
