/// PSI of one feature for one product: recent issues against the champion's training window.
public struct FeatureDriftResult: Hashable, Sendable, Codable {
    public var product: String
    public var feature: String
    /// nil when either window had no value of the feature (e.g. a series that is not ingested).
    public var psi: Double?
    public var asOfUTC: Int64
    /// The model whose training window is the reference.
    public var modelVersion: String
    public var referenceFromUTC: Int64
    public var referenceToUTC: Int64
    public var recentFromUTC: Int64
    public var referenceRows: Int
    public var recentRows: Int

    public init(product: String, feature: String, psi: Double?, asOfUTC: Int64, modelVersion: String, referenceFromUTC: Int64,
                referenceToUTC: Int64, recentFromUTC: Int64, referenceRows: Int, recentRows: Int) {
        self.product = product
        self.feature = feature
        self.psi = psi
        self.asOfUTC = asOfUTC
        self.modelVersion = modelVersion
        self.referenceFromUTC = referenceFromUTC
        self.referenceToUTC = referenceToUTC
        self.recentFromUTC = recentFromUTC
        self.referenceRows = referenceRows
        self.recentRows = recentRows
    }
}
