/// Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method, in Double.
///
/// Each rotation J(p, q, θ) zeroes the off-diagonal entry a_pq of A ← JᵀAJ, with
/// t = tan θ = sgn(ϑ)/(|ϑ| + √(ϑ² + 1)), ϑ = (a_qq − a_pp)/(2a_pq) (the smaller root, so
/// |θ| ≤ π/4), and the rotations accumulate in V. Sweeps over all pairs p < q repeat until the
/// off-diagonal mass is below `tolerance` × ‖A‖²_F (Golub & Van Loan, *Matrix Computations*,
/// §8.5; Numerical Recipes' `jacobi`). Each sweep costs about 3n³ flops, so it suits the
/// dimensions used here (classifier features, n ≤ a few hundred); it converges quadratically
/// and gives eigenvectors orthogonal to rounding error.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Eigenvectors as the columns of a row-major n×n matrix: column j belongs to `values[j]`.
    public let vectors: [Double]
    public let dimension: Int
    /// Jacobi sweeps taken.
    public let sweeps: Int

    /// Decomposes the symmetric row-major `n`×`n` `matrix` (only symmetric input is meaningful;
    /// the upper and lower triangles are averaged first so rounding asymmetry does no harm).
    public init(symmetric matrix: [Double], dimension n: Int, tolerance: Double = 1e-24, maxSweeps: Int = 60) {
        precondition(n >= 1 && matrix.count == n * n, "SymmetricEigen: \(matrix.count) values do not make a \(n)×\(n) matrix")
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var sweep = 0
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                for i in 0..<n {
                    for j in (i + 1)..<max(i + 1, n) {
                        let mean = 0.5 * (a[i * n + j] + a[j * n + i])
                        a[i * n + j] = mean
                        a[j * n + i] = mean
                    }
                }
                var total = 0.0
                for value in a { total += value * value }
                while sweep < maxSweeps {
                    var off = 0.0
                    for i in 0..<n {
                        for j in (i + 1)..<max(i + 1, n) { off += 2 * a[i * n + j] * a[i * n + j] }
                    }
                    if off <= tolerance * total || off == 0 { break }
                    sweep += 1
                    for p in 0..<(n - 1) {
                        for q in (p + 1)..<n {
                            let apq = a[p * n + q]
                            if apq == 0 { continue }
                            let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                            let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                            let c = 1 / (t * t + 1).squareRoot()
                            let s = t * c
                            // A ← A·J (columns p and q), then A ← Jᵀ·A (rows p and q), V ← V·J.
                            for k in 0..<n {
                                let akp = a[k * n + p], akq = a[k * n + q]
                                a[k * n + p] = c * akp - s * akq
                                a[k * n + q] = s * akp + c * akq
                            }
                            for k in 0..<n {
                                let apk = a[p * n + k], aqk = a[q * n + k]
                                a[p * n + k] = c * apk - s * aqk
                                a[q * n + k] = s * apk + c * aqk
                            }
                            for k in 0..<n {
                                let vkp = v[k * n + p], vkq = v[k * n + q]
                                v[k * n + p] = c * vkp - s * vkq
                                v[k * n + q] = s * vkp + c * vkq
                            }
                        }
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
        values = order.map { a[$0 * n + $0] }
        var sortedVectors = [Double](repeating: 0, count: n * n)
        for (column, source) in order.enumerated() {
            for row in 0..<n { sortedVectors[row * n + column] = v[row * n + source] }
        }
        vectors = sortedVectors
        dimension = n
        sweeps = sweep
    }

    /// V·diag(f(λ))·Vᵀ, e.g. the matrix square root with f = √max(λ, 0).
    public func reconstructed(applying function: (Double) -> Double) -> [Double] {
        let n = dimension
        let scaled = values.map(function)
        var result = [Double](repeating: 0, count: n * n)
        vectors.withUnsafeBufferPointer { v in
            result.withUnsafeMutableBufferPointer { r in
                for k in 0..<n where scaled[k] != 0 {
                    let f = scaled[k]
                    for i in 0..<n {
                        let vik = v[i * n + k] * f
                        if vik == 0 { continue }
                        for j in 0..<n { r[i * n + j] += vik * v[j * n + k] }
                    }
                }
            }
        }
        return result
    }
}
