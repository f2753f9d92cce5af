import DartCore
import Foundation

/// `feature_spec.json`, saved with every registered model: the product and the point categories
/// the model was trained with, so prediction builds exactly the same columns.
public struct FeatureSpec: Codable, Hashable, Sendable {
    public static let fileName = "feature_spec.json"
    public var format = 1
    public var product: ForecastProduct
    public var pointCategories: [SettlementPoint]
    public var featureNames: [String]

    public init(product: ForecastProduct, pointCategories: [SettlementPoint], featureNames: [String]) {
        self.product = product
        self.pointCategories = pointCategories
        self.featureNames = featureNames
    }

    public func save(in directory: URL) throws -> URL {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = directory.appendingPathComponent(Self.fileName)
        try encoder.encode(self).write(to: url, options: .atomic)
        return url
    }

    public static func load(in directory: URL) throws -> FeatureSpec {
        let url = directory.appendingPathComponent(fileName)
        do {
            return try JSONDecoder().decode(FeatureSpec.self, from: Data(contentsOf: url))
        } catch {
            throw PipelineError(.noModel, "cannot read \(url.path): \(error); retrain the model (`dartcast train`)")
        }
    }
}
