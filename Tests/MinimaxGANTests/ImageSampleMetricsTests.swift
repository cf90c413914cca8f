import Foundation
import MinimaxGAN
import Testing

@Suite struct ImageSampleMetricsTests {
    /// 200 samples: class 0 × 100, class 1 × 98, class 2 × 2 (exactly 1%) → 3 classes covered;
    /// with class 2 × 1 of 199 (0.5%) it is not covered.
    @Test func coverageUsesOnePercentShare() {
        let counts = [100, 98, 2, 0, 0, 0, 0, 0, 0, 0]
        #expect(ImageSampleMetrics.coveredClasses(counts) == 3)
        #expect(ImageSampleMetrics.coveredClasses([100, 98, 1, 0, 0, 0, 0, 0, 0, 0]) == 2)
        // KL(p ‖ uniform over 10) for p = (1/2, 1/2, 0, …) is ln 10 − ln 2 = ln 5.
        #expect(abs(ImageSampleMetrics.classKL([5, 5, 0, 0, 0, 0, 0, 0, 0, 0], dataDistribution: [Double](repeating: 0.1, count: 10)) - log(5)) <= 1e-12)
    }

    /// Channels (1, 2, 3), (1, 2, 3), (4, 5, 6) → modes 123, 123, 456: 2 modes covered,
    /// KL(p ‖ uniform) = ln 1000 − H(2/3, 1/3), one of three samples is not confident.
    @Test func stackedModesFromHandMadeLabels() {
        let labels = [1, 2, 3, 1, 2, 3, 4, 5, 6]
        let confidences: [Float] = [0.99, 0.95, 0.97, 0.99, 0.5, 0.99, 0.91, 0.92, 0.93]
        #expect(ImageSampleMetrics.stackedModes(channelLabels: labels) == [123, 123, 456])
        let stacked = ImageSampleMetrics.stacked(channelLabels: labels, channelConfidences: confidences)
        #expect(stacked.modes == 2)
        #expect(stacked.histogram[123] == 2 && stacked.histogram[456] == 1)
        let entropy = -(2.0 / 3 * log(2.0 / 3) + 1.0 / 3 * log(1.0 / 3))
        #expect(abs(stacked.reverseKL - (log(1000) - entropy)) <= 1e-12)
        #expect(abs(stacked.highQuality - 2.0 / 3) <= 1e-12)
        #expect(stacked.jensenShannon > 0 && stacked.jensenShannon <= log(2))
    }

    /// One sample of every mode: 1,000 modes, KL 0.
    @Test func allThousandModes() {
        let labels = (0..<1000).flatMap { [$0 / 100, $0 / 10 % 10, $0 % 10] }
        let stacked = ImageSampleMetrics.stacked(channelLabels: labels, channelConfidences: [Float](repeating: 1, count: 3000))
        #expect(stacked.modes == 1000)
        #expect(abs(stacked.reverseKL) <= 1e-12)
    }
}
