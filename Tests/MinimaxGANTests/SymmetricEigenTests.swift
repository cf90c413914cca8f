import MinimaxGAN
import MinimaxTensor
import Testing

@Suite struct SymmetricEigenTests {
    /// [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
    @Test func twoByTwo() {
        let eigen = SymmetricEigen(symmetric: [2, 1, 1, 2], dimension: 2)
        #expect(abs(eigen.values[0] - 1) <= 1e-12 && abs(eigen.values[1] - 3) <= 1e-12)
        // Column 1 (eigenvalue 3) is ±(1, 1)/√2.
        #expect(abs(abs(eigen.vectors[0 * 2 + 1]) - 0.5.squareRoot()) <= 1e-12)
        #expect(abs(eigen.vectors[0 * 2 + 1] - eigen.vectors[1 * 2 + 1]) <= 1e-12)
    }

    /// The 3×3 matrix [[2, −1, 0], [−1, 2, −1], [0, −1, 2]] (second differences) has eigenvalues
    /// 2 − √2, 2 and 2 + √2.
    @Test func knownThreeByThree() {
        let eigen = SymmetricEigen(symmetric: [2, -1, 0, -1, 2, -1, 0, -1, 2], dimension: 3)
        let expected = [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]
        for (value, target) in zip(eigen.values, expected) { #expect(abs(value - target) <= 1e-12) }
    }

    /// A random symmetric 40×40 matrix: V is orthogonal, A·V = V·Λ and V·Λ·Vᵀ = A, to 1e-10 relative to max |λ|.
    @Test func randomMatrixReconstructs() {
        let n = 40
        var stream = RandomStream(seed: 9, name: "test/matrix")
        let noise = stream.normalArray(count: n * n).map(Double.init)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[i * n + j] = noise[i * n + j] + noise[j * n + i] } }
        let eigen = SymmetricEigen(symmetric: a, dimension: n)
        #expect(eigen.values == eigen.values.sorted())
        var worstResidual = 0.0, worstOrthogonality = 0.0
        for column in 0..<n {
            for row in 0..<n {
                var av = 0.0
                for k in 0..<n { av += a[row * n + k] * eigen.vectors[k * n + column] }
                worstResidual = max(worstResidual, abs(av - eigen.values[column] * eigen.vectors[row * n + column]))
            }
            for other in 0..<n {
                var dot = 0.0
                for k in 0..<n { dot += eigen.vectors[k * n + column] * eigen.vectors[k * n + other] }
                worstOrthogonality = max(worstOrthogonality, abs(dot - (column == other ? 1 : 0)))
            }
        }
        let scale = eigen.values.map(abs).max() ?? 1
        #expect(worstResidual <= 1e-10 * scale)
        #expect(worstOrthogonality <= 1e-10)
        // V·diag(λ)·Vᵀ gives A back.
        let back = eigen.reconstructed { $0 }
        #expect(zip(back, a).allSatisfy { abs($0 - $1) <= 1e-10 * scale })
    }
}
