import DartFeatures
import DartModels
import Testing
import DartPipeline

/// The baselines read only columns `features.exclude` cannot drop.
@Suite struct BaselineColumnsTests {
    @Test func everyBaselineForecastsFromTheProtectedColumnsAlone() throws {
        let names = FeatureBuilder.Configuration.baselineColumns
        let matrix = FeatureMatrix(names: names, rowCount: 2, values: [Float](repeating: 1, count: 2 * names.count))
        for (name, baseline) in BaselineSet.make() {
            #expect(throws: Never.self, "\(name)") { _ = try baseline.predict(matrix) }
        }
        // Without one of them, a baseline that reads it fails.
        let fewer = FeatureMatrix(names: Array(names.dropLast()), rowCount: 2, values: [Float](repeating: 1, count: 2 * (names.count - 1)))
        #expect(throws: (any Error).self) { _ = try BaselineSet.make().first { $0.name == "trailing_median" }!.forecaster.predict(fewer) }
    }
}
