import CKernels
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
        let first = nextUInt32()
        return Self.boxMuller(first, nextUInt32(), mean: mean, std: std)
    }

    /// `normal(mean:std:)` of the words `first` then `second`.
    @inlinable
    static func boxMuller(_ first: UInt32, _ second: UInt32, mean: Float, std: Float) -> Float {
        let u1 = (Double(first) + 0.5) * 0x1p-32
        let u2 = Double(second) * 0x1p-32
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
    ///
    /// Long fills are split across `Engine.threads`: draw i uses words 2i and 2i + 1 after the
    /// stream's position whoever computes it (the stream is counter-based, so a chunk starts
    /// from `advanced(byWords:)`), hence the same numbers for any thread count.
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Float = 0, std: Float = 1) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let start = self, count = buffer.count
        // A draw (a Philox half-block, a log and a cos) costs about as much as 16 elementwise ops.
        Parallel.forChunks(of: count, work: 16 * count) { range in
            var stream = start.advanced(byWords: 2 * range.lowerBound)
            var index = range.lowerBound
            // Half-way through a block: one draw reaches the next block. At an odd word, every
            // draw straddles two blocks, and the whole chunk is drawn one by one.
            if stream.bufferPosition == 2, index < range.upperBound {
                base[index] = stream.normal(mean: mean, std: std)
                index += 1
            }
            if stream.bufferPosition == 4 {
                index = stream.fillNormalBlocks(base + index, pairs: (range.upperBound - index) / 2, mean: mean, std: std) - base
            }
            while index < range.upperBound {
                base[index] = stream.normal(mean: mean, std: std)
                index += 1
            }
        }
        self = start.advanced(byWords: 2 * count)
    }

    /// Writes `2 * pairs` normals from this stream's next whole blocks (two per block, as
    /// `normal` would draw them), computing the blocks many at a time; the stream must be at a
    /// block boundary. Returns the pointer past the last one written.
    mutating func fillNormalBlocks(_ start: UnsafeMutablePointer<Float>, pairs: Int, mean: Float, std: Float)
        -> UnsafeMutablePointer<Float> {
        precondition(bufferPosition == 4, "fillNormalBlocks needs a stream at a block boundary")
        let batch = 64
        var out = start
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * batch) { words in
            guard let w = words.baseAddress else { return }
            var done = 0
            while done < pairs {
                let blocks = Swift.min(batch, pairs - done)
                minimax_philox4x32_blocks(blockCounter, blocks, nameHash, key, w)
                for b in 0..<blocks {
                    out[0] = Self.boxMuller(w[4 * b], w[4 * b + 1], mean: mean, std: std)
                    out[1] = Self.boxMuller(w[4 * b + 2], w[4 * b + 3], mean: mean, std: std)
                    out += 2
                }
                blockCounter &+= UInt64(blocks)
                done += blocks
            }
        }
        return out
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
