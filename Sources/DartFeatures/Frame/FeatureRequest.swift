/// One feature row to build: a point, a target delivery hour and the issue instant whose
/// knowledge the features may use.
public struct FeatureRequest: Sendable, Hashable {
    /// Issue instant, UTC seconds.
    public var issueUTC: Int64
    /// Start of the target delivery hour, UTC seconds (an hour start, not before the issue).
    public var targetUTC: Int64
    /// Index into `MarketHistory.points`.
    public var pointIndex: Int

    public init(issueUTC: Int64, targetUTC: Int64, pointIndex: Int) {
        self.issueUTC = issueUTC
        self.targetUTC = targetUTC
        self.pointIndex = pointIndex
    }
}
