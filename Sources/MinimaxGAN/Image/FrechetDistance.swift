/// The Fréchet (2-Wasserstein) distance between two Gaussians fitted to feature sets:
///
///     d² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)
///
/// (Dowson & Landau 1982; the form FID uses, Heusel et al. 2017). Here the features come from
/// the project's own small evaluation classifier, so the number is a *classifier Fréchet
/// distance*: comparable between runs of this project on the same dataset, never with published
/// FID values (those use Inception-v3 features).
///
/// The matrix square roots use `SymmetricEigen` on symmetric positive semi-definite matrices:
/// Σ₁^½ = V diag(√λ) Vᵀ, and tr(M^½) = Σ √λᵢ(M) for M = Σ₁^½ Σ₂ Σ₁^½ (symmetric PSD, so its
/// eigenvalues are real and ≥ 0 up to rounding; tiny negative ones are clamped to 0). All in Double.
public enum FrechetDistance {
    /// Mean and covariance (denominator n − 1, as `numpy.cov`) of `count` feature rows of
    /// `dimension` values each, row-major.
    public struct Statistics: Sendable {
        public let mean: [Double]
        /// Row-major `dimension`×`dimension`.
        public let covariance: [Double]
        public let dimension: Int

        public init(mean: [Double], covariance: [Double]) {
            precondition(covariance.count == mean.count * mean.count, "FrechetDistance.Statistics: covariance is not \(mean.count)×\(mean.count)")
            self.mean = mean
            self.covariance = covariance
            dimension = mean.count
        }

        public init(features: [Float], dimension d: Int) {
            precondition(d > 0 && features.count % d == 0 && features.count / d >= 2,
                         "FrechetDistance.Statistics: need at least two rows of \(d) features, got \(features.count) values")
            let n = features.count / d
            var mean = [Double](repeating: 0, count: d)
            var covariance = [Double](repeating: 0, count: d * d)
            features.withUnsafeBufferPointer { x in
                for row in 0..<n {
                    for j in 0..<d { mean[j] += Double(x[row * d + j]) }
                }
                for j in 0..<d { mean[j] /= Double(n) }
                var centred = [Double](repeating: 0, count: d)
                covariance.withUnsafeMutableBufferPointer { c in
                    for row in 0..<n {
                        for j in 0..<d { centred[j] = Double(x[row * d + j]) - mean[j] }
                        for i in 0..<d {
                            let ci = centred[i]
                            if ci == 0 { continue }
                            for j in i..<d { c[i * d + j] += ci * centred[j] }
                        }
                    }
                    for i in 0..<d {
                        for j in i..<d {
                            c[i * d + j] /= Double(n - 1)
                            c[j * d + i] = c[i * d + j]
                        }
                    }
                }
            }
            self.init(mean: mean, covariance: covariance)
        }
    }

    /// d² between the Gaussians with statistics `a` and `b` (a squared distance, ≥ 0 up to rounding).
    public static func distance(_ a: Statistics, _ b: Statistics) -> Double {
        precondition(a.dimension == b.dimension, "FrechetDistance: dimensions \(a.dimension) and \(b.dimension) differ")
        let d = a.dimension
        var meanTerm = 0.0
        for j in 0..<d { meanTerm += (a.mean[j] - b.mean[j]) * (a.mean[j] - b.mean[j]) }
        var traces = 0.0
        for j in 0..<d { traces += a.covariance[j * d + j] + b.covariance[j * d + j] }
        let rootA = SymmetricEigen(symmetric: a.covariance, dimension: d).reconstructed { max($0, 0).squareRoot() }
        let product = multiply(multiply(rootA, b.covariance, d), rootA, d)
        let crossTrace = SymmetricEigen(symmetric: product, dimension: d).values.reduce(0) { $0 + max($1, 0).squareRoot() }
        return meanTerm + traces - 2 * crossTrace
    }

    /// d² between two feature sets (rows of `dimension` values).
    public static func distance(_ first: [Float], _ second: [Float], dimension: Int) -> Double {
        distance(Statistics(features: first, dimension: dimension), Statistics(features: second, dimension: dimension))
    }

    /// Row-major n×n product.
    static func multiply(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n * n)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                result.withUnsafeMutableBufferPointer { r in
                    for i in 0..<n {
                        for k in 0..<n {
                            let xik = x[i * n + k]
                            if xik == 0 { continue }
                            for j in 0..<n { r[i * n + j] += xik * y[k * n + j] }
                        }
                    }
                }
            }
        }
        return result
    }
}
