import Foundation
import MinimaxData
import MinimaxTensor
import Testing

@Suite struct SampleDistanceTests {
    @Test func energyDistanceOfASetWithItselfIsZero() {
        var stream = RandomStream(seed: 1, name: "test/energy")
        let samples = ToyDistribution.twoMoons().sample(count: 300, stream: &stream)
        #expect(SampleDistance.energy(samples, samples, dimension: 2) < 1e-6)
    }

    /// Single points at distance 3: D² = 2·3 − 0 − 0 = 6.
    @Test func energyDistanceHandComputed() {
        #expect(abs(SampleDistance.energy([0, 0], [3, 0], dimension: 2) - 6) < 1e-9)
        // x = {0, 2}, y = {1} in 1-D: 2·1 − (0+2+2+0)/4 − 0 = 1.
        #expect(abs(SampleDistance.energy([0, 2], [1], dimension: 1) - 1) < 1e-9)
    }

    /// Shifting a sample set moves it away, more for a larger shift; two independent draws of the
    /// same distribution are much closer than either shift.
    @Test func energyDistanceGrowsWithShift() {
        var stream = RandomStream(seed: 2, name: "test/energy")
        let a = ToyDistribution.spiral().sample(count: 400, stream: &stream)
        let b = ToyDistribution.spiral().sample(count: 400, stream: &stream)
        let near = a.enumerated().map { $0.offset % 2 == 0 ? $0.element + 0.5 : $0.element }
        let far = a.enumerated().map { $0.offset % 2 == 0 ? $0.element + 2 : $0.element }
        let same = SampleDistance.energy(a, b, dimension: 2)
        let small = SampleDistance.energy(a, near, dimension: 2)
        let large = SampleDistance.energy(a, far, dimension: 2)
        #expect(small > 5 * same)
        #expect(large > small)
    }

    /// A pure shift by (s, 0) of identical sets gives sliced W2 = s·√E[θ_x²] = s/√2 for uniform
    /// directions in 2-D; with 2000 projections the estimate is within a few percent.
    @Test func slicedWassersteinOfAShift() {
        var data = RandomStream(seed: 3, name: "test/sliced")
        let a = ToyDistribution.ring().sample(count: 200, stream: &data)
        let shifted = a.enumerated().map { $0.offset % 2 == 0 ? $0.element + 1 : $0.element }
        var projections = RandomStream(seed: 3, name: "metrics/sliced-wasserstein")
        let distance = SampleDistance.slicedWasserstein(a, shifted, dimension: 2, projections: 2000, stream: &projections)
        #expect(abs(distance - 1 / 2.0.squareRoot()) < 0.03)
        var again = RandomStream(seed: 3, name: "metrics/sliced-wasserstein")
        #expect(SampleDistance.slicedWasserstein(a, a, dimension: 2, projections: 16, stream: &again) == 0)
    }
}
