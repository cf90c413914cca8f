import Foundation
import MinimaxGAN
import MinimaxNN
import MinimaxTensor
import Testing

/// One iteration of a reference workload recorded by PyTorch
/// (`Tests/Fixtures/make_nn_fixtures.py`, read with MinimaxNN's own safetensors loader), and
/// its replay through `ReferenceTraining`'s `discriminatorStep`/`generatorStep`, the code
/// `minimax bench` times.
///
/// Tolerance, everywhere: |swift − torch| ≤ 1e-4·|torch| + floor (the relative error
/// 1e-4), with an absolute floor for values near 0 where a relative bound means nothing:
/// - losses and weights: 1e-6 (weights are O(1e-2…1), an Adam step moves them by ≈ lr ≥ 1e-4);
/// - gradients: 1e-5 × the tensor's largest |gradient|: entries 1e5 times smaller than the
///   largest are sums of terms that cancel, whose low bits depend on the summation order of
///   each kernel (OpenBLAS here, MKL/oneDNN in PyTorch).
/// The update itself (final − initial weights) is compared too, to 1e-2·lr + 1e-2·|Δtorch|:
/// the weights alone would pass for any update of size ≪ 1e-4·|weight|.
///
/// Adam's first step Δθ = −lr·g/(|g| + eps) turns a gradient error δ into an update error
/// lr·δ·eps/(|g| + eps)², which exceeds 1e-2·lr where |g| < √(100·eps·δ) with δ the gradient
/// floor above (e.g. |g| < 3e-7 for dcgan-mnist's first layer, whose largest |g| is 7e-3). The
/// gradient tolerance does not pin those updates down: either framework may move such a
/// weight by anything in [−lr, lr] per step, so for them the weight and update checks allow
/// 2·lr per step. (In the committed fixtures: 1,452 of toy2d's 269k weights, 674 for
/// toy2d-wgangp and 114 of dcgan-mnist's 704k, all but six of which agree to 1% of lr anyway;
/// `MINIMAX_PARITY_REPORT=1` prints the counts and every tensor's largest errors.)
struct WorkloadParityFixture {
    let name: String
    let tensors: [String: Tensor]

    init(named name: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "safetensors"),
                               "fixture \(name).safetensors is not among the test resources")
        self.name = name
        tensors = try Checkpoint.load(from: url).tensors
    }

    func tensor(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Tensor {
        try #require(tensors[key], "fixture \(name) has no tensor \(key)", sourceLocation: sourceLocation)
    }

    /// Loads the initial weights into a fresh `ReferenceTraining`, runs every recorded D (critic)
    /// step and the G step on the recorded batches, and compares losses, the gradient of every
    /// step, and the final weights and buffers (batch-norm running statistics included).
    ///
    /// `zeroGradientParameters` (named `generator.…`/`discriminator.…`) have an exact gradient
    /// of 0 (a bias right before batch norm, which subtracts the batch mean): both frameworks
    /// compute rounding noise there, which Adam's first step (Δθ = −lr·g/(|g| + eps)) amplifies
    /// to anything in [−lr, lr]. For those we check that both gradients are noise (|g| ≤ 1e-6)
    /// and that both updates stay within lr per step. `downstreamBuffers` are running means updated after
    /// such a parameter moved: their floor is momentum (0.1) × 2·lr.
    func replay(_ workload: ReferenceWorkload, zeroGradientParameters: Set<String> = [],
                downstreamBuffers: Set<String> = []) throws {
        let training = ReferenceTraining(workload)
        try training.generator.loadStateDict(tensors, prefix: "initial.generator.")
        try training.discriminator.loadStateDict(tensors, prefix: "initial.discriminator.")
        let learningRate = training.generatorOptimizer.learningRate, eps = training.generatorOptimizer.eps
        let criticSteps = workload == .toy2dWGANGP ? ReferenceTraining.criticSteps : 1
        #expect(tensors["input.real.\(criticSteps - 1)"] != nil && tensors["input.real.\(criticSteps)"] == nil,
                "\(name) should record \(criticSteps) discriminator step(s)")
        // Per "<model>.<parameter>": which elements had a gradient too small for the tolerance
        // to determine their Adam update, in some step.
        var undetermined: [String: [Bool]] = [:]

        for k in 0..<criticSteps {
            let epsilons = workload == .toy2dWGANGP ? try tensor("input.epsilon.\(k)").scalars : nil
            let loss = training.discriminatorStep(real: try tensor("input.real.\(k)"),
                                                  noise: try tensor("input.noise.discriminator.\(k)"), epsilons: epsilons)
            expectClose(Tensor(loss), try tensor("loss.discriminator.\(k)"), "loss.discriminator.\(k)", floor: 1e-6)
            try checkGradients(of: training.discriminator, model: "discriminator", prefix: "gradient.discriminator.\(k).",
                               zeroGradientParameters: zeroGradientParameters, adamEps: eps, undetermined: &undetermined)
        }
        let loss = training.generatorStep(noise: try tensor("input.noise.generator"))
        expectClose(Tensor(loss), try tensor("loss.generator"), "loss.generator", floor: 1e-6)
        try checkGradients(of: training.generator, model: "generator", prefix: "gradient.generator.",
                           zeroGradientParameters: zeroGradientParameters, adamEps: eps, undetermined: &undetermined)

        for (model, module, steps) in [("generator", training.generator, 1), ("discriminator", training.discriminator, criticSteps)] {
            let loose = 2 * learningRate * Float(steps)
            let parameterNames = Set(module.namedParameters().map(\.name))
            for (name, value) in module.stateDict() {
                let key = "final.\(model).\(name)", expected = try tensor(key), initial = try tensor("initial.\(model).\(name)")
                if zeroGradientParameters.contains("\(model).\(name)") {
                    let bound = learningRate * Float(steps) * 1.001
                    #expect(zip(initial.scalars, zip(value.scalars, expected.scalars)).allSatisfy { before, pair in
                        abs(pair.0 - before) <= bound && abs(pair.1 - before) <= bound
                    }, "\(self.name) \(key): noise-driven Adam steps move by at most lr each")
                    continue
                }
                guard parameterNames.contains(name) else {
                    let floor: Float = downstreamBuffers.contains("\(model).\(name)") ? 0.1 * 2 * learningRate : 1e-6
                    expectClose(value, expected, key, floor: floor)
                    continue
                }
                let mask = try #require(undetermined["\(model).\(name)"], "no gradient was compared for \(model).\(name)")
                expectClose(value, expected, key, floors: mask.map { $0 ? loose : 1e-6 })
                let update = Tensor(shape: value.shape, scalars: zip(value.scalars, initial.scalars).map { $0 - $1 })
                let expectedUpdate = Tensor(shape: value.shape, scalars: zip(expected.scalars, initial.scalars).map { $0 - $1 })
                expectClose(update, expectedUpdate, "update.\(model).\(name)", relative: 1e-2,
                            floors: mask.map { $0 ? loose : 1e-2 * learningRate })
                let differing = mask.indices.filter { i in
                    mask[i] && abs(update.scalars[i] - expectedUpdate.scalars[i]) > 1e-2 * (learningRate + abs(expectedUpdate.scalars[i]))
                }
                ParityReport.note(fixture: self.name, "\(model).\(name): \(mask.filter { $0 }.count) of \(mask.count) updates undetermined, \(differing.count) of them differ by more than 1e-2·(lr + |Δ|)")
            }
        }
    }

    /// Compares the gradient each of `module`'s parameters holds (the one its last step used),
    /// and marks in `undetermined` the elements whose |torch gradient| < √(100·eps·floor).
    private func checkGradients(of module: Module, model: String, prefix: String, zeroGradientParameters: Set<String>,
                                adamEps: Float, undetermined: inout [String: [Bool]],
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (name, parameter) in module.namedParameters() {
            let key = prefix + name, expected = try tensor(key)
            let gradient = try #require(parameter.grad, "no gradient for \(key)", sourceLocation: sourceLocation)
            if zeroGradientParameters.contains("\(model).\(name)") {
                #expect(gradient.scalars.allSatisfy { abs($0) <= 1e-6 } && expected.scalars.allSatisfy { abs($0) <= 1e-6 },
                        "\(self.name) \(key) should be rounding noise around 0", sourceLocation: sourceLocation)
                continue
            }
            let floor = 1e-5 * (expected.scalars.map(abs).max() ?? 0)
            expectClose(gradient, expected, key, floor: floor, sourceLocation: sourceLocation)
            let threshold = (100 * adamEps * floor).squareRoot()
            // An exact 0 (a unit that is off for the whole batch) is exact in both: Adam leaves it.
            let small = expected.scalars.map { $0 != 0 && abs($0) < threshold }
            let previous = undetermined["\(model).\(name)"] ?? small.map { _ in false }
            undetermined["\(model).\(name)"] = zip(previous, small).map { $0 || $1 }
        }
    }

    /// Expects |actual − expected| ≤ relative·|expected| + floor elementwise, naming the worst entry.
    func expectClose(_ actual: Tensor, _ expected: Tensor, _ key: String, relative: Float = 1e-4, floor: Float,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        expectClose(actual, expected, key, relative: relative, floors: [Float](repeating: floor, count: expected.count),
                    sourceLocation: sourceLocation)
    }

    /// As above with one floor per element.
    func expectClose(_ actual: Tensor, _ expected: Tensor, _ key: String, relative: Float = 1e-4, floors: [Float],
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.shape == expected.shape && floors.count == expected.count,
                "\(name) \(key): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
        var worst: (excess: Float, index: Int) = (0, -1)
        for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() where i < floors.count {
            let excess = abs(a - e) - (relative * abs(e) + floors[i])
            if !(excess <= worst.excess) { worst = (excess.isNaN ? .infinity : excess, i) }
        }
        #expect(worst.index < 0, "\(name) \(key)[\(worst.index)]: \(worst.index >= 0 ? actual.scalars[worst.index] : 0) vs \(worst.index >= 0 ? expected.scalars[worst.index] : 0)",
                sourceLocation: sourceLocation)
        ParityReport.record(fixture: name, key: key, actual: actual, expected: expected, relative: relative, floors: floors)
    }
}
