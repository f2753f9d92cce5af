import Foundation

/// SplitMix64: a small, fast, well-mixed seedable generator, so synthetic data and model
/// initialisation depend on the seed alone, never on the platform's generator.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal (Box–Muller), `u1` clamped to 1e-300 so log stays finite.
    /// The synthetic market draws these; its seeded samples depend on this exact mapping.
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Standard normal (Box–Muller) with `u1 = 1 - uniform()` in (0, 1], one value per call.
    /// The MLP initialises its weights with these; it differs from `normal()` only in how it keeps
    /// log finite, and both stay because seeded models and data must not change.
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - uniform()
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Uniform integer in `0..<bound` without modulo bias (Lemire).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0)
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// Fisher–Yates shuffle in place.
    public mutating func shuffle(_ values: inout [Int]) {
        var index = values.count - 1
        while index > 0 {
            values.swapAt(index, nextIndex(below: index + 1))
            index -= 1
        }
    }
}
