import Foundation
import MinimaxGAN
import MinimaxTensor
import Testing

@Suite struct FrechetDistanceTests {
    /// A set against itself: d² = 0 (mean term 0, and tr(2Σ − 2(Σ^½ΣΣ^½)^½) = tr(2Σ − 2Σ) = 0).
    /// Tolerance 1e-8 absolute on values of order 1 (Double arithmetic, two Jacobi solves).
    @Test func setAgainstItselfIsZero() {
        var stream = RandomStream(seed: 7, name: "test/features")
        let features = stream.normalArray(count: 300 * 6)
        #expect(abs(FrechetDistance.distance(features, features, dimension: 6)) <= 1e-8)
    }

    /// Same covariance, means apart by δ: d² = ‖δ‖² exactly (in population terms; the sample
    /// statistics are equal here because the second set is the first shifted).
    @Test func shiftedSetGivesSquaredShift() {
        var stream = RandomStream(seed: 8, name: "test/features")
        let features = stream.normalArray(count: 400 * 4)
        let shift: [Float] = [1, -2, 0.5, 0]
        let shifted = features.enumerated().map { $0.element + shift[$0.offset % 4] }
        // ‖δ‖² = 1 + 4 + 0.25 = 5.25; Float32 shifts leave ~1e-6 relative error in the statistics.
        #expect(abs(FrechetDistance.distance(features, shifted, dimension: 4) - 5.25) <= 1e-4)
    }

    /// Gaussians with commuting covariances Σ₁ = R diag(a) Rᵀ, Σ₂ = R diag(b) Rᵀ (R a rotation):
    /// d² = ‖μ₁ − μ₂‖² + Σᵢ (√aᵢ − √bᵢ)² (closed form).
    @Test func closedFormForCommutingCovariances() {
        let angle = 0.6, c = cos(angle), s = sin(angle)
        let rotation = [c, -s, 0, s, c, 0, 0, 0, 1]
        func covariance(_ diagonal: [Double]) -> [Double] {
            var result = [Double](repeating: 0, count: 9)
            for i in 0..<3 { for j in 0..<3 { for k in 0..<3 { result[i * 3 + j] += rotation[i * 3 + k] * diagonal[k] * rotation[j * 3 + k] } } }
            return result
        }
        let a = [4.0, 1.0, 0.25], b = [1.0, 9.0, 0.25]
        let first = FrechetDistance.Statistics(mean: [0, 1, 2], covariance: covariance(a))
        let second = FrechetDistance.Statistics(mean: [1, 1, 0], covariance: covariance(b))
        // ‖Δμ‖² = 1 + 0 + 4 = 5; (2 − 1)² + (1 − 3)² + 0 = 5; total 10.
        #expect(abs(FrechetDistance.distance(first, second) - 10) <= 1e-9)
    }
}
