import Foundation

/// Divergences between discrete distributions given as non-negative weights (normalised here).
public enum Divergence {
    /// KL(q‖p) = Σᵢ qᵢ ln(qᵢ / pᵢ) in nats, summed over q's support only (0·ln 0 = 0), so empty
    /// bins of q cost nothing: a generator that drops modes pays through the over-weighted
    /// bins it keeps. Infinite only if q puts mass where p has none.
    public static func kl(_ q: [Double], _ p: [Double]) -> Double {
        let (q, p) = normalisedPair(q, p)
        var sum = 0.0
        for (qi, pi) in zip(q, p) where qi > 0 {
            if pi == 0 { return .infinity }
            sum += qi * log(qi / pi)
        }
        return max(0, sum)  // rounding can leave −1e-17 for identical inputs
    }

    /// JS(p, q) = ½ KL(p‖m) + ½ KL(q‖m), m = ½(p + q), in nats; symmetric, finite, in [0, ln 2].
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        let (p, q) = normalisedPair(p, q)
        let m = zip(p, q).map { ($0 + $1) / 2 }
        return min(log(2), 0.5 * kl(p, m) + 0.5 * kl(q, m))
    }

    private static func normalisedPair(_ a: [Double], _ b: [Double]) -> ([Double], [Double]) {
        precondition(a.count == b.count, "divergence of distributions with \(a.count) and \(b.count) bins")
        return (normalised(a), normalised(b))
    }

    private static func normalised(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "a distribution needs non-negative weights with a positive sum, got \(weights)")
        return weights.map { $0 / total }
    }
}
