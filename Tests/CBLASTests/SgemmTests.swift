import CBLAS
import Testing

@Suite struct SgemmTests {
    /// C = A·B for a 3x4 by 4x2 product, compared with a plain triple loop.
    /// Small integers keep every product exact in Float32, so the comparison is exact.
    @Test func sgemmMatchesPlainLoop() {
        let m = 3, k = 4, n = 2
        let a: [Float] = (0..<(m * k)).map { Float($0 % 5) - 2 }
        let b: [Float] = (0..<(k * n)).map { Float($0 % 3) + 1 }
        var c = [Float](repeating: 0, count: m * n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(n), 0, &c, Int32(n))
        var expected = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { expected[i * n + j] += a[i * k + p] * b[p * n + j] } } }
        #expect(c == expected)
    }

    @Test func threadControlAndCoreName() {
        openblas_set_num_threads(1)
        #expect(openblas_get_num_threads() == 1)
        let name = String(cString: openblas_get_corename())
        #expect(!name.isEmpty)
    }
}
