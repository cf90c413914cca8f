import MinimaxGAN
import MinimaxTensor
import Testing

/// The reference workloads of `minimax bench`: they train (losses finite, parameters move),
/// are reproducible for a seed, and give the same bits on one and two threads.
/// Serialized because it sets the engine-wide thread count (restored after each test).
@Suite(.serialized) struct ReferenceWorkloadsTests {
    static func losses(_ workload: ReferenceWorkload, steps: Int, threads: Int) -> (losses: [Float], generatorSum: Float) {
        let saved = Engine.threads
        Engine.threads = threads
        defer { Engine.threads = saved }
        let training = ReferenceTraining(workload, seed: 3)
        var losses: [Float] = []
        for _ in 0..<steps {
            let (d, g) = training.step()
            losses += [d, g]
        }
        let sum = training.generator.parameters().reduce(Float(0)) { $0 + $1.value.scalars.reduce(0, +) }
        return (losses, sum)
    }

    @Test(arguments: [ReferenceWorkload.toy2d, .toy2dWGANGP])
    func toyWorkloadsAreIdenticalOnOneAndTwoThreads(workload: ReferenceWorkload) {
        let one = Self.losses(workload, steps: 2, threads: 1)
        let two = Self.losses(workload, steps: 2, threads: 2)
        #expect(one.losses.allSatisfy { $0.isFinite })
        // Exact by construction: the engine's splits never depend on the thread count.
        #expect(one.losses.map(\.bitPattern) == two.losses.map(\.bitPattern))
        #expect(one.generatorSum.bitPattern == two.generatorSum.bitPattern)
    }

    /// One dcgan-mnist iteration (about 0.2–1 s in release) on the random-tensor fallback.
    @Test func dcganStepTrainsAndRepeats() {
        let first = Self.losses(.dcganMNIST, steps: 1, threads: 2)
        let again = Self.losses(.dcganMNIST, steps: 1, threads: 1)
        #expect(first.losses.allSatisfy { $0.isFinite })
        #expect(first.losses.map(\.bitPattern) == again.losses.map(\.bitPattern))
        // Both networks start near chance: BCE ≈ 2·log 2 for D, log 2 for G (loose bounds).
        #expect(first.losses[0] > 0.5 && first.losses[0] < 3)
        #expect(first.losses[1] > 0.1 && first.losses[1] < 3)
    }

    @Test func workloadsNameTheirWork() {
        #expect(ReferenceWorkload(rawValue: "toy2d-wgangp") == .toy2dWGANGP)
        #expect(ReferenceWorkload.dcganMNIST.imagesPerIteration == 64)
        #expect(ReferenceWorkload.toy2d.imagesPerIteration == nil)
        #expect(ReferenceTraining(.dcganMNIST).realData.hasPrefix("random tensor"))
    }
}
