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

    /// Batch norm in training mode in both networks: batch statistics, running statistics
    /// (updated three times in D, twice in G) and `numBatchesTracked` are compared too.
    @Test func dcganMNISTIterationMatchesPyTorch() throws {
        let fixture = try ParityFixture(named: "dcgan_mnist_step")
        let generator = ReferenceModels.dcganMNISTGenerator(width: 8)
        let discriminator = ReferenceModels.dcganMNISTDiscriminator(width: 8)
        // The biases feeding straight into batch norm have an exact gradient of 0 (the norm
        // subtracts the batch mean); see `ParityFixture.check`.
        try fixture.check(generator: generator, discriminator: discriminator, learningRate: 2e-4,
                          zeroGradientParameters: ["generator.layers.0.bias", "generator.layers.4.bias",
                                                   "discriminator.layers.2.bias"],
                          downstreamBuffers: ["discriminator.layers.3.runningMean"])
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
    ///
    /// `zeroGradientParameters` (named `generator.…`/`discriminator.…`) have an exact gradient
    /// of 0, so both frameworks compute rounding noise there, which Adam's first step
    /// (Δθ = −lr·g/(|g| + eps)) amplifies to anything in [−lr, lr]. For those we check that
    /// both gradients are noise (|g| ≤ 1e-6) and both updates stay within lr; for
    /// `downstreamBuffers` (running means updated after such a parameter moved) the floor is
    /// momentum · 2·lr.
    func check(generator: Sequential, discriminator: Sequential, learningRate: Float,
               zeroGradientParameters: Set<String> = [], downstreamBuffers: Set<String> = []) throws {
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
        for (model, grads) in [("discriminator", gradientsD), ("generator", gradientsG)] {
            for (name, grad) in grads {
                let key = "grad.\(model).\(name)"
                let expected = try tensor(key)
                let g = try #require(grad, "no gradient for \(key)")
                if zeroGradientParameters.contains("\(model).\(name)") {
                    #expect(g.scalars.allSatisfy { abs($0) <= 1e-6 } && expected.scalars.allSatisfy { abs($0) <= 1e-6 },
                            "\(key) should be rounding noise around 0")
                } else {
                    expectClose(g, expected, key, floor: 1e-4 * (expected.scalars.map(abs).max() ?? 0))
                }
            }
        }
        for (model, module) in [("generator", generator), ("discriminator", discriminator)] {
            for (name, value) in module.stateDict() {
                let key = "final.\(model).\(name)", expected = try tensor(key)
                if zeroGradientParameters.contains("\(model).\(name)") {
                    let initial = try tensor("initial.\(model).\(name)")
                    for (before, (a, e)) in zip(initial.scalars, zip(value.scalars, expected.scalars)) {
                        #expect(abs(a - before) <= learningRate * 1.001 && abs(e - before) <= learningRate * 1.001,
                                "\(key): a noise-driven Adam step moves by at most lr")
                    }
                } else {
                    let floor: Float = downstreamBuffers.contains("\(model).\(name)") ? 0.1 * 2 * learningRate : 1e-6
                    expectClose(value, expected, key, floor: floor)
                }
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
