import DartCore
@testable import DartModels
import DartFeatures

/// Planted-signal datasets for the MLP tests, drawn from the model's own seeded PRNG.
enum MLPSyntheticData {
    /// `rows × features` standard-normal inputs and `target(row values, noise draw)`.
    static func make(rows: Int, features: Int, seed: UInt64,
                     target: ([Float], Float) -> Float) -> Dataset {
        var generator = SplitMix64(seed: seed)
        var values = [Float](repeating: 0, count: rows * features)
        var targets = [Float](repeating: 0, count: rows)
        for row in 0..<rows {
            var rowValues = [Float](repeating: 0, count: features)
            for column in 0..<features { rowValues[column] = Float(generator.nextGaussian()) }
            values.replaceSubrange((row * features)..<((row + 1) * features), with: rowValues)
            targets[row] = target(rowValues, Float(generator.nextGaussian()))
        }
        let names = (0..<features).map { "x\($0)" }
        return Dataset(features: FeatureMatrix(names: names, rowCount: rows, values: values), target: targets)
    }

    /// Rows `range` of `dataset`.
    static func slice(_ dataset: Dataset, _ range: Range<Int>) -> Dataset {
        Dataset(features: dataset.features.rows(range), target: Array(dataset.target[range]))
    }

    /// Coefficient of determination of `predicted` against `actual`.
    static func rSquared(actual: [Float], predicted: [Float]) -> Double {
        let mean = actual.reduce(0.0) { $0 + Double($1) } / Double(actual.count)
        var residual = 0.0, total = 0.0
        for (y, yHat) in zip(actual, predicted) {
            residual += (Double(y) - Double(yHat)) * (Double(y) - Double(yHat))
            total += (Double(y) - mean) * (Double(y) - mean)
        }
        return 1 - residual / total
    }

    /// Hyperparameters small enough for a debug-build test run.
    static func quickHyperparameters(seed: UInt64 = 7) -> MLPHyperparameters {
        var hyperparameters = MLPHyperparameters()
        hyperparameters.seed = seed
        hyperparameters.batchSize = 128
        hyperparameters.learningRate = 3e-3
        hyperparameters.maxEpochs = 150
        hyperparameters.patience = 15
        return hyperparameters
    }
}

/// The `MLPError` `body` throws; `nil` when it succeeds or throws something else.
func mlpError(_ body: () throws -> Void) -> MLPError? {
    do { try body() } catch let error as MLPError { return error } catch { return nil }
    return nil
}

/// The code of the `MLPError` `body` throws.
func mlpErrorCode(_ body: () throws -> Void) -> MLPError.Code? { mlpError(body)?.code }
