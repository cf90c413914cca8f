extension RandomStream {
    /// An unbiased integer in `0..<bound` by Lemire's multiply-and-reject method
    /// ("Fast random integer generation in an interval", 2019).
    ///
    /// Uses one word per attempt when `bound ≤ 2³²`, two otherwise; a rejection (probability
    /// below `bound / 2³²`) costs another attempt.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
        if bound <= Int(UInt32.max) {
            let range = UInt32(bound)
            var product = UInt64(nextUInt32()) * UInt64(range)
            if UInt32(truncatingIfNeeded: product) < range {
                let threshold = (0 &- range) % range
                while UInt32(truncatingIfNeeded: product) < threshold {
                    product = UInt64(nextUInt32()) * UInt64(range)
                }
            }
            return Int(product >> 32)
        }
        let range = UInt64(bound)
        var product = nextUInt64().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = nextUInt64().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates, from the last index down,
    /// with `nextInt(below:)` so no swap is biased).
    public mutating func permutation(_ n: Int) -> [Int] {
        precondition(n >= 0, "permutation needs n ≥ 0, got \(n)")
        var order = Array(0..<n)
        var index = n - 1
        while index > 0 {
            order.swapAt(index, nextInt(below: index + 1))
            index -= 1
        }
        return order
    }

    /// An index drawn with probability `weights[i] / Σ weights` (two words).
    ///
    /// Weights need not be normalised but must be finite, non-negative and have a positive sum.
    /// An index with weight 0 is never returned.
    public mutating func categorical(weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights {
            precondition(weight.isFinite && weight >= 0, "categorical weights must be finite and ≥ 0, got \(weight)")
            total += weight
        }
        precondition(total > 0, "categorical weights must have a positive sum, got \(weights)")
        let target = uniformDouble() * total
        var cumulative = 0.0
        var lastPositive = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            cumulative += weight
            lastPositive = index
            if target < cumulative { return index }
        }
        return lastPositive  // only reached if rounding left `target` at the very top
    }
}
