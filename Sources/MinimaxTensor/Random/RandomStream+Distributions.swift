import Foundation

extension RandomStream {
    /// Uniform in [0, 1) with a full 24-bit mantissa: the top 24 bits of one word times 2⁻²⁴.
    @inlinable
    public mutating func uniform() -> Float {
        Float(nextUInt32() >> 8) * 0x1p-24
    }

    /// Uniform in [low, high) (one word). Rounding can never return `high`.
    @inlinable
    public mutating func uniform(low: Float, high: Float) -> Float {
        precondition(low.isFinite && high.isFinite && low < high, "uniform(low:high:) needs finite low < high, got \(low), \(high)")
        let value = low + (high - low) * uniform()
        return value < high ? value : high.nextDown
    }

    /// Uniform in [0, 1) with 53 bits (two words), for probabilities and cumulative sums.
    @inlinable
    public mutating func uniformDouble() -> Double {
        Double(nextUInt64() >> 11) * 0x1p-53
    }

    /// A normal draw (two words) by the Box–Muller transform (Box & Muller 1958):
    /// `z = sqrt(−2 ln u₁) · cos(2π u₂)`, computed in Double and rounded to Float.
    ///
    /// `u₁ = (w₁ + ½)·2⁻³²` lies strictly inside (0, 1), so `ln u₁` is finite by construction
    /// (|z| ≤ 6.66). The sine partner is discarded so that every normal costs exactly two words
    /// and `fillNormal` matches repeated `normal` calls.
    @inlinable
    public mutating func normal(mean: Float = 0, std: Float = 1) -> Float {
        let u1 = (Double(nextUInt32()) + 0.5) * 0x1p-32
        let u2 = Double(nextUInt32()) * 0x1p-32
        let z = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        return mean + std * Float(z)
    }

    /// `true` with probability `p` (one word compared against `p·2³²`; exact for p = 0 and p = 1).
    @inlinable
    public mutating func bernoulli(p: Double) -> Bool {
        precondition(p >= 0 && p <= 1, "bernoulli(p:) needs 0 ≤ p ≤ 1, got \(p)")
        return Double(nextUInt32()) < p * 0x1p32
    }

    /// Fills `buffer` with `uniform(low:high:)` draws, in index order.
    public mutating func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, low: Float = 0, high: Float = 1) {
        precondition(low.isFinite && high.isFinite && low < high, "fillUniform needs finite low < high, got \(low), \(high)")
        for index in buffer.indices { buffer[index] = uniform(low: low, high: high) }
    }

    /// Fills `buffer` with `normal(mean:std:)` draws, in index order (two words each).
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Float = 0, std: Float = 1) {
        for index in buffer.indices { buffer[index] = normal(mean: mean, std: std) }
    }

    /// `count` uniform draws in [low, high).
    public mutating func uniformArray(count: Int, low: Float = 0, high: Float = 1) -> [Float] {
        precondition(count >= 0, "uniformArray needs count ≥ 0, got \(count)")
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fillUniform(buffer, low: low, high: high)
            initialized = count
        }
    }

    /// `count` normal draws.
    public mutating func normalArray(count: Int, mean: Float = 0, std: Float = 1) -> [Float] {
        precondition(count >= 0, "normalArray needs count ≥ 0, got \(count)")
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fillNormal(buffer, mean: mean, std: std)
            initialized = count
        }
    }
}
