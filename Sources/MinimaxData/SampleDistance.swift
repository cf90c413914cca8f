import Foundation
import MinimaxTensor

/// Distances between two sample sets that need no modes, so spirals and moons get a number too.
/// Samples are row-major `[n, dimension]` arrays.
public enum SampleDistance {
    /// Squared energy distance (Székely & Rizzo 2013), V-statistic form:
    ///
    ///     D² = 2·mean‖x − y‖ − mean‖x − x′‖ − mean‖y − y′‖   (all pairs, including i = j)
    ///
    /// It is 0 for identical sets and ≥ 0 always; it is 0 in the limit iff the distributions are
    /// equal. Cost O((n + m)² · dimension): keep sets to a few thousand points.
    public static func energy(_ x: [Float], _ y: [Float], dimension: Int) -> Double {
        let n = rows(x, dimension), m = rows(y, dimension)
        precondition(n > 0 && m > 0, "energy distance needs two non-empty sample sets")
        let cross = meanPairDistance(x, y, dimension)
        let withinX = meanPairDistance(x, x, dimension)
        let withinY = meanPairDistance(y, y, dimension)
        return max(0, 2 * cross - withinX - withinY)
    }

    /// Sliced 2-Wasserstein distance: the root mean, over `projections` random unit directions
    /// (Gaussian vectors normalised, drawn from `stream`), of the squared 1-D Wasserstein-2
    /// distance between the projected sets. The 1-D distance compares the empirical quantile
    /// functions at max(n, m) evenly spaced levels (exact matching of sorted values when n = m).
    public static func slicedWasserstein(_ x: [Float], _ y: [Float], dimension: Int,
                                         projections: Int = 64, stream: inout RandomStream) -> Double {
        let n = rows(x, dimension), m = rows(y, dimension)
        precondition(n > 0 && m > 0 && projections > 0, "sliced Wasserstein needs non-empty sets and ≥ 1 projection")
        let levels = max(n, m)
        var total = 0.0
        for _ in 0..<projections {
            var direction = stream.normalArray(count: dimension).map(Double.init)
            let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
            direction = norm > 0 ? direction.map { $0 / norm } : [1] + [Double](repeating: 0, count: dimension - 1)
            let a = project(x, direction).sorted(), b = project(y, direction).sorted()
            var squared = 0.0
            for level in 0..<levels {
                let difference = a[level * n / levels] - b[level * m / levels]
                squared += difference * difference
            }
            total += squared / Double(levels)
        }
        return (total / Double(projections)).squareRoot()
    }

    private static func rows(_ values: [Float], _ dimension: Int) -> Int {
        precondition(dimension > 0 && values.count % dimension == 0, "\(values.count) values are not a whole number of \(dimension)-D samples")
        return values.count / dimension
    }

    private static func project(_ values: [Float], _ direction: [Double]) -> [Double] {
        let dimension = direction.count
        return (0..<values.count / dimension).map { row in
            var dot = 0.0
            for d in 0..<dimension { dot += Double(values[row * dimension + d]) * direction[d] }
            return dot
        }
    }

    private static func meanPairDistance(_ a: [Float], _ b: [Float], _ dimension: Int) -> Double {
        let n = a.count / dimension, m = b.count / dimension
        var sum = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for i in 0..<n {
                    var rowSum: Float = 0
                    for j in 0..<m {
                        var squared: Float = 0
                        for d in 0..<dimension {
                            let difference = a[i * dimension + d] - b[j * dimension + d]
                            squared += difference * difference
                        }
                        rowSum += squared.squareRoot()
                    }
                    sum += Double(rowSum)
                }
            }
        }
        return sum / Double(n * m)
    }
}
