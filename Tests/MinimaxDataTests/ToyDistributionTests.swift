import Foundation
import MinimaxData
import MinimaxTensor
import Testing

@Suite struct ToyDistributionTests {
    /// Ring of 8: angles 2πk/8, radius 2, std 0.02, no duplicated endpoint (mode 0 ≠ mode 8).
    @Test func ringModesFollowTheLiterature() throws {
        let modes = try #require(ToyDistribution.ring().modes)
        #expect(modes.count == 8)
        #expect(abs(modes[0].mean[0] - 2) <= 1e-6 && abs(modes[0].mean[1]) <= 1e-6)
        #expect(abs(modes[2].mean[0]) <= 1e-6 && abs(modes[2].mean[1] - 2) <= 1e-6)  // angle π/2
        #expect(abs(modes[1].mean[0] - 2 * Float(0.5.squareRoot())) <= 1e-6)       // angle π/4
        #expect(modes.allSatisfy { $0.std == [0.02, 0.02] && abs($0.weight - 0.125) < 1e-12 })
    }

    /// 5×5 grid: coordinates −4, −2, 0, 2, 4 on both axes, std 0.05.
    @Test func gridModesAreCentred() throws {
        let modes = try #require(ToyDistribution.grid().modes)
        #expect(modes.count == 25)
        #expect(Set(modes.map { $0.mean[0] }) == [-4, -2, 0, 2, 4])
        #expect(Set(modes.map { $0.mean[1] }) == [-4, -2, 0, 2, 4])
        #expect(Set(modes.map { "\($0.mean)" }).count == 25)
        #expect(modes.allSatisfy { $0.std == [0.05, 0.05] })
    }

    @Test func samplesAreDeterministicAndPrefixStable() {
        var a = RandomStream(seed: 1, name: "data")
        var b = RandomStream(seed: 1, name: "data")
        let many = ToyDistribution.ring().sample(count: 100, stream: &a)
        let few = ToyDistribution.ring().sample(count: 10, stream: &b)
        #expect(many.count == 200)
        #expect(Array(many.prefix(20)) == few)
    }

    /// Every mixture sample lands within 5σ of some mode (P(miss) per sample < 4e-6 for 2-D
    /// Gaussians, and the stream is fixed); every mode gets samples from 4000 draws.
    @Test(arguments: [ToyDistribution.ring(), .grid(), .mixture(means: [[0, 0], [3, 1]], stds: [0.1, 0.5], weights: [1, 3])])
    func mixtureSamplesSitOnTheirModes(distribution: ToyDistribution) throws {
        var stream = RandomStream(seed: 11, name: "data")
        let samples = distribution.sample(count: 4000, stream: &stream)
        let coverage = ModeMetrics.coverage(samples: samples, modes: try #require(distribution.modes), threshold: 5)
        #expect(coverage.highQualityCount == 4000)
        #expect(coverage.modesCovered == coverage.modeCount)
        #expect(try #require(coverage.reverseKL) < 0.01)
        let box = distribution.boundingBox
        #expect((0..<4000).allSatisfy { box.contains(x: samples[2 * $0], y: samples[2 * $0 + 1]) })
    }

    /// Mixture weights 1:3 → about 25% / 75% of samples (4000 draws, SE 0.007).
    @Test func mixtureRespectsWeights() throws {
        let mixture = ToyDistribution.mixture(means: [[0, 0], [3, 1]], stds: [0.1, 0.5], weights: [1, 3])
        var stream = RandomStream(seed: 12, name: "data")
        let coverage = ModeMetrics.coverage(samples: mixture.sample(count: 4000, stream: &stream), modes: try #require(mixture.modes))
        #expect(abs(Double(coverage.histogram[0]) / 4000 - 0.25) < 0.03)
    }

    /// Shape checks against the noiseless definitions, with noise 0 so the answer is exact.
    @Test func shapesWithoutNoiseLieOnTheirCurves() {
        var stream = RandomStream(seed: 3, name: "data")
        let circles = ToyDistribution.circles(innerRadius: 0.5, noise: 0).sample(count: 500, stream: &stream)
        let radii = distancesFromOrigin(circles)
        #expect(radii.allSatisfy { abs($0 - 1) < 1e-5 || abs($0 - 0.5) < 1e-5 })
        #expect(radii.contains { abs($0 - 1) < 1e-5 } && radii.contains { abs($0 - 0.5) < 1e-5 })

        let moons = ToyDistribution.twoMoons(noise: 0).sample(count: 500, stream: &stream)
        for i in 0..<500 {
            let (x, y) = (moons[2 * i], moons[2 * i + 1])
            let upperRadius: Float = (x * x + y * y).squareRoot()
            let lowerRadius: Float = ((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5)).squareRoot()
            let onUpper = abs(upperRadius - 1) < 1e-4 && y >= 0
            let onLower = abs(lowerRadius - 1) < 1e-4 && y <= 0.5
            #expect(onUpper || onLower)
        }

        let spiral = ToyDistribution.spiral(turns: 2, radius: 4, noise: 0).sample(count: 500, stream: &stream)
        #expect(distancesFromOrigin(spiral).allSatisfy { $0 <= 4 + 1e-4 })

        let roll = ToyDistribution.swissRoll(noise: 0).sample(count: 500, stream: &stream)
        let rollRadii = distancesFromOrigin(roll)
        // t ∈ [1.5π, 4.5π) and radius = t/5.
        let (innermost, outermost) = (Float(1.5 * Double.pi / 5), Float(4.5 * Double.pi / 5))
        #expect(rollRadii.allSatisfy { $0 >= innermost - 1e-4 && $0 <= outermost + 1e-4 })
    }

    /// Checkerboard 4×4 with unit squares: every sample is in a dark square, (⌊x⌋ + ⌊y⌋) even.
    @Test func checkerboardUsesOnlyDarkSquares() {
        var stream = RandomStream(seed: 4, name: "data")
        let points = ToyDistribution.checkerboard().sample(count: 2000, stream: &stream)
        var squaresSeen = Set<Int>()
        for i in 0..<2000 {
            let column = Int((points[2 * i] + 2).rounded(.down)), row = Int((points[2 * i + 1] + 2).rounded(.down))
            #expect((0..<4).contains(column) && (0..<4).contains(row))
            #expect((row + column) % 2 == 0)
            squaresSeen.insert(4 * row + column)
        }
        #expect(squaresSeen.count == 8)
        #expect(ToyDistribution.checkerboard().modes == nil)
    }

    @Test func validationNamesTheBadSetting() {
        let cases: [(ToyDistribution, String)] = [
            (.ring(count: 0), "ring.count"),
            (.ring(std: 0), "ring.std"),
            (.grid(side: -1), "grid.side"),
            (.grid(std: -0.1), "grid.std"),
            (.spiral(noise: .nan), "spiral.noise"),
            (.mixture(means: [[0, 0]], stds: [1], weights: [-1]), "mixture.weights[0]"),
            (.mixture(means: [[0, 0], [1, 1]], stds: [1, 1], weights: [0, 0]), "mixture.weights"),
            (.mixture(means: [[0, 0], [1, 1]], stds: [1], weights: [1, 1]), "mixture"),
            (.mixture(means: [[0, 0, 0]], stds: [1], weights: [1]), "mixture.means[0]"),
            (.gaussian(mean: [0], std: [1]), "gaussian.mean/std"),
        ]
        for (distribution, setting) in cases {
            #expect(throws: ToyDistributionError.self) { try ToyDistribution.validated(distribution) }
            do { try distribution.validate() } catch let error as ToyDistributionError {
                #expect(error.setting == setting)
                #expect(error.description.hasPrefix(setting + " "))
            } catch { Issue.record("unexpected error \(error)") }
        }
        #expect(throws: Never.self) { try ToyDistribution.validated(.grid()) }
    }

    @Test func boundingBoxesEncloseTheData() {
        // Ring: ±(2 + 4·0.02) = ±2.08, padded by 10% of 4.16 → ±2.496.
        let ring = ToyDistribution.ring().boundingBox
        #expect(abs(ring.maxX - 2.496) < 1e-4 && abs(ring.minY + 2.496) < 1e-4)
        for distribution in [ToyDistribution.spiral(), .swissRoll(), .twoMoons(), .circles(), .checkerboard(), .gaussian()] {
            var stream = RandomStream(seed: 5, name: "data")
            let samples = distribution.sample(count: 1000, stream: &stream)
            let box = distribution.boundingBox
            #expect((0..<1000).allSatisfy { box.contains(x: samples[2 * $0], y: samples[2 * $0 + 1]) }, "\(distribution.name)")
        }
    }
}

/// The distance of each point of a row-major [n, 2] array from the origin.
private func distancesFromOrigin(_ points: [Float]) -> [Float] {
    stride(from: 0, to: points.count, by: 2).map { i -> Float in
        let x = points[i], y = points[i + 1]
        return (x * x + y * y).squareRoot()
    }
}
