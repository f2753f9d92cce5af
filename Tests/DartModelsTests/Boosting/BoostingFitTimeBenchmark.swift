import DartModels
import Foundation
import Testing

/// Fit time on a backtest-sized problem (130k rows × 80 features). Slow, so it runs only when
/// `DARTCAST_BOOSTING_BENCHMARK=1`; it prints the timings it measures.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DARTCAST_BOOSTING_BENCHMARK"] == "1"))
struct BoostingFitTimeBenchmark {
    /// Random features; the target is a planted signal on 6 columns plus heavy-tailed noise,
    /// so early stopping behaves as on real data rather than stopping at once.
    static func dataset(rows: Int, seed: UInt64) -> Dataset {
        SyntheticBoostingData.make(rows: rows, columns: 80, seed: seed) { x, random in
            let s = x.startIndex
            let signal = 8 * x[s] - 5 * x[s + 1] + 6 * sin(3 * x[s + 2]) + 4 * x[s + 3] * x[s + 4] + (x[s + 5] > 0.5 ? 10 : 0)
            let noise = random.normal() / max(abs(random.normal()), 0.2)  // ratio of normals: heavy tails
            return signal + 3 * noise
        }
    }

    /// CPU seconds used by this process (all threads): unlike wall time, barely affected by other load.
    static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    @Test(arguments: [1, 2])
    func fitTime(threads: Int) throws {
        let train = Self.dataset(rows: 130_000, seed: 201)
        let validation = Self.dataset(rows: 26_000, seed: 202)
        let test = Self.dataset(rows: 10_000, seed: 203)
        var lightgbm = LightGBMHyperparameters()
        lightgbm.numThreads = threads
        var xgboost = XGBoostHyperparameters()
        xgboost.numThreads = threads
        var xgboostQuantileMedian = xgboost
        xgboostQuantileMedian.medianSource = .quantileModel
        let logger = BoostingFamilyUnderTest.quietLogger
        let models: [(String, any Forecaster)] = [
            ("lightgbm (p50+p10+p90)", LightGBMForecaster(hyperparameters: lightgbm, logger: logger)),
            ("xgboost (point + quantiles)", XGBoostForecaster(hyperparameters: xgboost, logger: logger)),
            ("xgboost (quantiles only)", XGBoostForecaster(hyperparameters: xgboostQuantileMedian, logger: logger)),
        ]
        for (name, model) in models {
            let cpuBefore = Self.processCPUSeconds()
            let elapsed = try ContinuousClock().measure { try model.fit(train: train, validation: validation) }
            let cpu = Self.processCPUSeconds() - cpuBefore
            let r2 = SyntheticBoostingData.rSquared(try model.predict(test.features).p50, test.target)
            let rounds = (model as? LightGBMForecaster)?.bestIterations ?? (model as? XGBoostForecaster)?.bestIterations ?? [:]
            print("BENCHMARK threads=\(threads) \(name): fit wall \(elapsed) cpu \(cpu) s, rounds \(rounds.sorted { $0.key < $1.key }) test R² \(r2)")
            #expect(r2 > 0.3, "the planted signal is learned")
        }
    }
}
