import Foundation
import MinimaxTensor
import Testing

/// Statistical sanity checks. Each bound is several standard errors wide for the fixed stream,
/// so a failure means a broken transform, not bad luck (the draws are deterministic anyway).
@Suite struct RandomStreamStatisticsTests {
    /// 100k N(0,1): standard error of the mean 0.0032, of the variance ≈ 0.0045; bounds are ~5 SE.
    @Test func normalMeanAndVariance() {
        var stream = RandomStream(seed: 2024, name: "statistics/normal")
        let values = stream.normalArray(count: 100_000)
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count - 1)
        #expect(abs(mean) < 0.016)
        #expect(abs(variance - 1) < 0.023)
        #expect(values.allSatisfy { $0.isFinite && abs($0) < 6.7 })  // Box–Muller bound with 32-bit u₁
        var shifted = RandomStream(seed: 2024, name: "statistics/normal")
        let scaled = shifted.normalArray(count: 1000, mean: 3, std: 0.5)
        for (z, x) in zip(values.prefix(1000), scaled) { #expect(abs(x - (3 + 0.5 * z)) <= 1e-5) }
    }

    /// Uniform on [0,1): mean 1/2 and variance 1/12, SE of the mean 0.0009 for 100k.
    @Test func uniformRangeAndMoments() {
        var stream = RandomStream(seed: 2024, name: "statistics/uniform")
        let values = stream.uniformArray(count: 100_000)
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count - 1)
        #expect(abs(mean - 0.5) < 0.005)
        #expect(abs(variance - 1.0 / 12) < 0.002)
        let ranged = stream.uniformArray(count: 10_000, low: -2, high: -1.5)
        #expect(ranged.allSatisfy { $0 >= -2 && $0 < -1.5 })
    }

    @Test func permutationIsAPermutationAndVaries() {
        var stream = RandomStream(seed: 9, name: "statistics/permutation")
        for n in [0, 1, 2, 17, 1000] {
            #expect(stream.permutation(n).sorted() == Array(0..<n))
        }
        #expect(stream.permutation(50) != stream.permutation(50))
        // Position 0 of a 4-permutation holds each value with probability 1/4: 40k draws, SE 0.0022.
        var counts = [0, 0, 0, 0]
        for _ in 0..<40_000 { counts[stream.permutation(4)[0]] += 1 }
        for count in counts { #expect(abs(Double(count) / 40_000 - 0.25) < 0.011) }
    }

    /// Frequencies of weights (1, 2, 0, 5)/8 over 80k draws (SE ≤ 0.0018); weight 0 never drawn.
    @Test func categoricalFrequencies() {
        var stream = RandomStream(seed: 9, name: "statistics/categorical")
        var counts = [0, 0, 0, 0]
        for _ in 0..<80_000 { counts[stream.categorical(weights: [1, 2, 0, 5])] += 1 }
        #expect(counts[2] == 0)
        for (count, expected) in zip(counts, [0.125, 0.25, 0, 0.625]) {
            #expect(abs(Double(count) / 80_000 - expected) < 0.009)
        }
    }

    @Test func boundedIntegersAndBernoulli() {
        var stream = RandomStream(seed: 9, name: "statistics/integers")
        var counts = [Int](repeating: 0, count: 3)
        for _ in 0..<30_000 { counts[stream.nextInt(below: 3)] += 1 }
        for count in counts { #expect(abs(Double(count) / 30_000 - 1.0 / 3) < 0.014) }
        let big = 1 << 40
        #expect((0..<100).allSatisfy { _ in (0..<big).contains(stream.nextInt(below: big)) })
        #expect((0..<100).allSatisfy { _ in stream.nextInt(below: 1) == 0 })
        let heads = (0..<20_000).filter { _ in stream.bernoulli(p: 0.3) }.count
        #expect(abs(Double(heads) / 20_000 - 0.3) < 0.017)  // SE 0.0032
        #expect((0..<100).allSatisfy { _ in !stream.bernoulli(p: 0) && stream.bernoulli(p: 1) })
    }
}
