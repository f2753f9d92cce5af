import Foundation
import DartFeatures
import DartModels

/// Deterministic SplitMix64 generator so synthetic data is identical on every run.
struct BoostingTestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func uniform() -> Float { Float(Double(next() >> 11) / Double(1 << 53) * 2 - 1) }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Float {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-12)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
}

/// Planted-signal datasets for the boosting tests. Columns are uniform on [-1, 1).
enum SyntheticBoostingData {
    static func names(_ count: Int) -> [String] { (0..<count).map { "x\($0)" } }

    /// Features plus a target computed from each row (`row` holds that row's features).
    static func make(rows: Int, columns: Int, seed: UInt64, target: (ArraySlice<Float>, inout BoostingTestRandom) -> Float) -> Dataset {
        var random = BoostingTestRandom(seed: seed)
        var values = [Float](repeating: 0, count: rows * columns)
        for index in values.indices { values[index] = random.uniform() }
        var y = [Float](repeating: 0, count: rows)
        for row in 0..<rows {
            y[row] = target(values[(row * columns)..<((row + 1) * columns)], &random)
        }
        return Dataset(features: FeatureMatrix(names: names(columns), rowCount: rows, values: values), target: y)
    }

    /// Noiseless y = 3·x0 − 2·x1 + 0.5·x2 with two irrelevant columns.
    static func linear(rows: Int, seed: UInt64) -> Dataset {
        make(rows: rows, columns: 5, seed: seed) { x, _ in
            let s = x.startIndex
            return 3 * x[s] - 2 * x[s + 1] + 0.5 * x[s + 2]
        }
    }

    /// Noiseless nonlinear target: a sine, a step and an interaction.
    static func nonlinear(rows: Int, seed: UInt64) -> Dataset {
        make(rows: rows, columns: 5, seed: seed) { x, _ in
            let s = x.startIndex
            return 2 * sin(3 * x[s]) + (x[s + 1] > 0.2 ? 1.5 : -1.5) + 2 * x[s + 2] * x[s + 3]
        }
    }

    /// y = 2·x0 + (0.2 + 1.5·|x1|)·ε, ε ~ N(0, 1): the spread grows with |x1|.
    static func heteroscedastic(rows: Int, seed: UInt64) -> Dataset {
        make(rows: rows, columns: 4, seed: seed) { x, random in
            let s = x.startIndex
            return 2 * x[s] + (0.2 + 1.5 * abs(x[s + 1])) * random.normal()
        }
    }

    /// Pure noise: nothing to learn, so early stopping must end training early.
    static func noise(rows: Int, seed: UInt64) -> Dataset {
        make(rows: rows, columns: 5, seed: seed) { _, random in random.normal() }
    }

    static func rSquared(_ predicted: [Float], _ actual: [Float]) -> Double {
        let mean = actual.reduce(0.0) { $0 + Double($1) } / Double(actual.count)
        var residual = 0.0
        var total = 0.0
        for (p, y) in zip(predicted, actual) {
            residual += (Double(y) - Double(p)) * (Double(y) - Double(p))
            total += (Double(y) - mean) * (Double(y) - mean)
        }
        return 1 - residual / total
    }
}
