import Foundation
import MinimaxNN
import MinimaxTensor
import Testing

/// One full GAN iteration (D step, then G step with fresh noise) from the same weights and
/// batch as PyTorch, compared with the fixtures written by `Tests/Fixtures/make_nn_fixtures.py`
/// (read with our safetensors loader, which is itself part of what is tested).
@Suite struct ReferenceParityTests {
    @Test func toy2dIterationMatchesPyTorch() throws {
        let fixture = try ParityFixture(named: "toy2d_step")
        let generator = ReferenceModels.toy2dGenerator(hiddenWidth: 128)
        let discriminator = ReferenceModels.toy2dDiscriminator(hiddenWidth: 128)
        try fixture.check(generator: generator, discriminator: discriminator, learningRate: 1e-4)
    }
}

/// Tensors of one fixture file plus the comparison of a Swift iteration against them.
struct ParityFixture {
    let name: String
    let tensors: [String: Tensor]

    init(named name: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "safetensors"))
        self.name = name
        tensors = try Checkpoint.load(from: url).tensors
    }

    func tensor(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Tensor {
        try #require(tensors[key], "fixture \(name) has no tensor \(key)", sourceLocation: sourceLocation)
    }

    /// Loads the initial weights, runs the iteration and compares losses, gradients and final state.
    ///
    /// Tolerances: |swift − torch| ≤ 1e-4·|torch| + floor, with floor 1e-6 for losses and
    /// weights (the Adam step moves each weight by ≈ lr) and 1e-4 × the tensor's largest
    /// |gradient| for gradients (summation order differs between BLAS kernels).
    func check(generator: Sequential, discriminator: Sequential, learningRate: Float) throws {
        try generator.loadStateDict(tensors, prefix: "initial.generator.")
        try discriminator.loadStateDict(tensors, prefix: "initial.discriminator.")
        generator.train()
        discriminator.train()
        let real = try tensor("input.real"), noiseD = try tensor("input.noise_d"), noiseG = try tensor("input.noise_g")
        let optimizerD = Adam(discriminator.parameters(), learningRate: learningRate, betas: (0.5, 0.999),
                              parameterNames: discriminator.namedParameters().map(\.name))
        let optimizerG = Adam(generator.parameters(), learningRate: learningRate, betas: (0.5, 0.999),
                              parameterNames: generator.namedParameters().map(\.name))

        // Discriminator step: fakes computed outside the gradient scope.
        optimizerD.zeroGradients()
        let fake = withoutGradients { generator(noiseD) }
        let lossD = Loss.binaryCrossEntropy(logits: discriminator(real), target: 1)
            + Loss.binaryCrossEntropy(logits: discriminator(fake), target: 0)
        lossD.backward()
        let gradientsD = Dictionary(uniqueKeysWithValues: discriminator.namedParameters().map { ($0.name, $0.parameter.grad) })
        optimizerD.step()

        // Generator step with fresh noise.
        optimizerG.zeroGradients()
        discriminator.zeroGradients()
        let lossG = Loss.binaryCrossEntropy(logits: discriminator(generator(noiseG)), target: 1)
        lossG.backward()
        let gradientsG = Dictionary(uniqueKeysWithValues: generator.namedParameters().map { ($0.name, $0.parameter.grad) })
        optimizerG.step()

        expectClose(lossD, try tensor("loss.discriminator"), "loss.discriminator", floor: 1e-6)
        expectClose(lossG, try tensor("loss.generator"), "loss.generator", floor: 1e-6)
        for (prefix, grads) in [("grad.discriminator.", gradientsD), ("grad.generator.", gradientsG)] {
            for (name, grad) in grads {
                let expected = try tensor(prefix + name)
                let g = try #require(grad, "no gradient for \(prefix + name)")
                expectClose(g, expected, prefix + name, floor: 1e-4 * (expected.scalars.map(abs).max() ?? 0))
            }
        }
        for (prefix, model) in [("final.generator.", generator), ("final.discriminator.", discriminator)] {
            for (name, value) in model.stateDict() {
                expectClose(value, try tensor(prefix + name), prefix + name, floor: 1e-6)
            }
        }
    }

    func expectClose(_ actual: Tensor, _ expected: Tensor, _ key: String, floor: Float,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.shape == expected.shape, "\(key): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
        var worst: (excess: Float, index: Int) = (0, -1)
        for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() {
            let excess = abs(a - e) - (1e-4 * abs(e) + floor)
            if excess > worst.excess { worst = (excess, i) }
        }
        #expect(worst.index < 0, "\(name) \(key)[\(worst.index)]: \(worst.index >= 0 ? actual.scalars[worst.index] : 0) vs \(worst.index >= 0 ? expected.scalars[worst.index] : 0)",
                sourceLocation: sourceLocation)
        ParityReport.record(key: "\(name) \(key)", actual: actual, expected: expected)
    }
}

/// Largest errors seen, printed when `MINIMAX_PARITY_REPORT` is set (for the report, not the verdict).
enum ParityReport {
    static func record(key: String, actual: Tensor, expected: Tensor) {
        guard ProcessInfo.processInfo.environment["MINIMAX_PARITY_REPORT"] != nil else { return }
        var maxAbs: Float = 0, maxRel: Float = 0
        for (a, e) in zip(actual.scalars, expected.scalars) {
            maxAbs = max(maxAbs, abs(a - e))
            if abs(e) > 1e-3 { maxRel = max(maxRel, abs(a - e) / abs(e)) }
        }
        print("parity \(key): max abs \(maxAbs), max rel (|e| > 1e-3) \(maxRel)")
    }
}
