import Foundation
import MinimaxData
import Testing

@Suite struct ModeMetricsTests {
    let squareModes = ([[0, 0], [10, 0], [0, 10], [10, 10]] as [[Float]]).map { Mode(mean: $0, std: [1, 1], weight: 1) }

    @Test func allSamplesOnOneModeCoverOneMode() throws {
        let samples = (0..<200).map { index -> Float in index % 2 == 0 ? 10.5 : -0.5 }
        let coverage = ModeMetrics.coverage(samples: samples, modes: squareModes)
        #expect(coverage.modesCovered == 1)
        #expect(coverage.histogram == [0, 100, 0, 0])
        #expect(coverage.highQualityFraction == 1)
        // q = (0, 1, 0, 0), p uniform: KL(q‖p) = ln 4 (empty bins of q add nothing).
        #expect(abs(try #require(coverage.reverseKL) - log(4.0)) < 1e-12)
        // JS: m = (1/8, 5/8, 1/8, 1/8); KL(q‖m) = ln(8/5), KL(p‖m) = ¼ ln(2/5) + ¾ ln 2.
        let js = 0.5 * log(1 / 0.625) + 0.5 * (0.25 * log(0.25 / 0.625) + 3 * 0.25 * log(0.25 / 0.125))
        #expect(abs(try #require(coverage.jensenShannon) - js) < 1e-12)
    }

    @Test func exactlyUniformOverModesHasZeroReverseKL() throws {
        let samples: [Float] = [0.1, 0.2, 9.9, 0, 0, 10.3, 10, 9, 1, 1, 9, 1, 0.5, 10.5, 11, 11]
        let coverage = ModeMetrics.coverage(samples: samples, modes: squareModes)
        #expect(coverage.histogram == [2, 2, 2, 2])
        #expect(coverage.modesCovered == 4)
        #expect(try #require(coverage.reverseKL) < 1e-12)
        #expect(try #require(coverage.jensenShannon) < 1e-12)
    }

    @Test func samplesFarAwayAreNeverHighQuality() {
        let samples: [Float] = [5, 5, -20, 3, 100, 100, 5, -4]
        let coverage = ModeMetrics.coverage(samples: samples, modes: squareModes)
        #expect(coverage.highQualityCount == 0)
        #expect(coverage.highQualityFraction == 0)
        #expect(coverage.modesCovered == 0)
        #expect(coverage.reverseKL == nil && coverage.jensenShannon == nil)
    }

    /// The criterion is Euclidean in σ units: (2.2, 2.2) is 3.11σ away (outside the disc of
    /// radius 3) although each coordinate is within 3σ; (2.9, 0) is inside.
    @Test func highQualityIsAEuclideanDiscOfThreeSigma() {
        let modes = [Mode(mean: [0, 0], std: [1, 1], weight: 1)]
        #expect(ModeMetrics.coverage(samples: [2.2, 2.2], modes: modes).highQualityCount == 0)
        #expect(ModeMetrics.coverage(samples: [2.9, 0], modes: modes).highQualityCount == 1)
        // Per-dimension σ: std (0.1, 2) → (0.25, 4) is at √(2.5² + 2²) = 3.2σ, outside; (0.2, 4) at 2.83σ.
        let elongated = [Mode(mean: [0, 0], std: [0.1, 2], weight: 1)]
        #expect(ModeMetrics.coverage(samples: [0.25, 4], modes: elongated).highQualityCount == 0)
        #expect(ModeMetrics.coverage(samples: [0.2, 4], modes: elongated).highQualityCount == 1)
        #expect(ModeMetrics.coverage(samples: [2.2, 2.2], modes: modes, threshold: 3.2).highQualityCount == 1)
    }

    @Test func coverageThresholdCountsSamplesPerMode() {
        // Mode 0 gets 3 high-quality samples, mode 3 gets 1.
        let samples: [Float] = [0, 0, 0.5, 0, 0, 0.5, 10, 10]
        let strict = ModeMetrics.coverage(samples: samples, modes: squareModes, minimumSamplesPerMode: 2)
        #expect(strict.modesCovered == 1)
        #expect(ModeMetrics.coverage(samples: samples, modes: squareModes).modesCovered == 2)
    }

    /// Weighted modes: q = (¼, ¾) matches p = (1, 3)/4 exactly; q = (½, ½) gives ½ ln 2 + ½ ln(2/3).
    @Test func reverseKLUsesTheModeWeights() throws {
        let modes = [Mode(mean: [0], std: [1], weight: 1), Mode(mean: [10], std: [1], weight: 3)]
        let matched = ModeMetrics.coverage(samples: [0, 10, 10, 10], modes: modes)
        #expect(try #require(matched.reverseKL) < 1e-12)
        let even = ModeMetrics.coverage(samples: [0, 10], modes: modes)
        #expect(abs(try #require(even.reverseKL) - (0.5 * log(2.0) + 0.5 * log(2.0 / 3))) < 1e-12)
    }

    @Test func divergenceEdgeCases() {
        #expect(Divergence.kl([1, 0], [0, 1]) == .infinity)  // q has mass where p has none
        #expect(abs(Divergence.jensenShannon([1, 0], [0, 1]) - log(2.0)) < 1e-12)  // disjoint: ln 2
        #expect(abs(Divergence.kl([2, 2], [1, 1])) < 1e-12)  // weights are normalised first
    }
}
