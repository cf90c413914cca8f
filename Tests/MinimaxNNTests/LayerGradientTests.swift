import MinimaxNN
import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Checks the gradient of `layer(input)` with respect to the input and every parameter at
/// once: the parameters' values are swapped for the checker's differentiable leaves during
/// each evaluation and restored afterwards.
func checkLayerGradient(_ layer: some UnaryLayer, input: Tensor, sourceLocation: SourceLocation = #_sourceLocation) {
    let parameters = layer.parameters()
    let originals = parameters.map(\.value)
    defer { for (p, v) in zip(parameters, originals) { p.value = v } }
    let result = GradientCheck.check([input] + originals.map { $0.detached() }) { leaves in
        for (p, leaf) in zip(parameters, leaves.dropFirst()) { p.value = leaf }
        return layer(leaves[0])
    }
    #expect(result.passed, "\(layer.layerDescription): \(result)", sourceLocation: sourceLocation)
}

@Suite struct LayerGradientTests {
    @Test func linear() {
        checkLayerGradient(Linear(3, 4), input: GradientCheck.tensor([5, 3], seed: 1))
    }

    @Test func conv2d() {
        checkLayerGradient(Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1), input: GradientCheck.tensor([2, 2, 5, 5], seed: 2))
    }

    @Test func convTranspose2d() {
        checkLayerGradient(ConvTranspose2d(3, 2, kernelSize: 4, stride: 2, padding: 1), input: GradientCheck.tensor([2, 3, 3, 3], seed: 3))
    }

    @Test func batchNorm1dInTrainingMode() {
        let layer = BatchNorm1d(3)
        layer.weight?.assign([1.5, 0.5, -1])
        layer.bias?.assign([0.1, -0.2, 0.3])
        checkLayerGradient(layer, input: GradientCheck.tensor([6, 3], seed: 4, scale: 2))
    }

    @Test func batchNorm2dInTrainingAndEvaluationMode() {
        let layer = BatchNorm2d(2)
        layer.weight?.assign([1.5, 0.5])
        checkLayerGradient(layer, input: GradientCheck.tensor([3, 2, 2, 2], seed: 5, scale: 2))
        layer.eval()
        checkLayerGradient(layer, input: GradientCheck.tensor([3, 2, 2, 2], seed: 6, scale: 2))
    }

    @Test func layerNorm() {
        let layer = LayerNorm(4)
        layer.weight?.assign([1, 2, 0.5, -1])
        checkLayerGradient(layer, input: GradientCheck.tensor([3, 4], seed: 7, scale: 2))
    }

    @Test func embedding() {
        let layer = Embedding(5, 3)
        // Gradient with respect to the table only (indices are not differentiable).
        let result = GradientCheck.check([layer.weight.value.detached()]) { leaves in
            layer.weight.value = leaves[0]
            return layer([4, 0, 4, 2])
        }
        #expect(result.passed, "\(result)")
    }

    @Test func maxout() {
        // Inputs of scale 1 keep the pieces apart (no ties within ε = 1e-2).
        checkLayerGradient(Maxout(3, 2, pieces: 3), input: GradientCheck.tensor([4, 3], seed: 8))
    }

    @Test func minibatchDiscrimination() {
        let layer = MinibatchDiscrimination(inputFeatures: 3, kernels: 2, kernelDimension: 2)
        layer.weight.assign(GradientCheck.values(12, seed: 9).map { $0 * 0.5 })
        checkLayerGradient(layer, input: GradientCheck.tensor([4, 3], seed: 10))
    }

    @Test func minibatchStdDev() {
        checkLayerGradient(MinibatchStdDev(), input: GradientCheck.tensor([4, 3], seed: 11))
        checkLayerGradient(MinibatchStdDev(), input: GradientCheck.tensor([3, 2, 2, 2], seed: 12))
    }

    @Test func spectralNormInEvaluationMode() {
        // Evaluation mode keeps u and v fixed, so W ↦ W/σ(W) is a fixed function of W.
        let linear = SpectralNorm(Linear(3, 4))
        linear(GradientCheck.tensor([2, 3], seed: 13))   // one power-iteration step
        linear.eval()
        checkLayerGradient(linear, input: GradientCheck.tensor([2, 3], seed: 14))
        let conv = SpectralNorm(Conv2d(2, 3, kernelSize: 2))
        conv.eval()
        checkLayerGradient(conv, input: GradientCheck.tensor([2, 2, 3, 3], seed: 15))
        let deconv = SpectralNorm(ConvTranspose2d(2, 3, kernelSize: 2, stride: 2))
        _ = deconv(GradientCheck.tensor([2, 2, 2, 2], seed: 20))   // one power-iteration step
        deconv.eval()
        checkLayerGradient(deconv, input: GradientCheck.tensor([2, 2, 2, 2], seed: 21))
    }

    @Test func activationsAndShapeLayers() {
        checkLayerGradient(Softplus(), input: GradientCheck.tensor([3, 4], seed: 16, scale: 3))
        checkLayerGradient(Sequential { Flatten(); Linear(8, 2); Reshape([2, 1]); Identity() },
                           input: GradientCheck.tensor([2, 2, 2, 2], seed: 17))
    }

    @Test func secondOrderThroughACriticForGradientPenalties() {
        // WGAN-GP and R1 differentiate ∇ₓD(x) again: check Hessian-vector products of a small
        // critic with layer norm, spectral norm and minibatch std-dev, with respect to its input.
        let critic = Sequential {
            SpectralNorm(Linear(3, 4)); LayerNorm(4); LeakyReLU(0.2)
            MinibatchStdDev(); Linear(5, 1)
        }
        critic.eval()
        let result = GradientCheck.checkSecondOrder([GradientCheck.tensor([4, 3], seed: 19)]) { critic($0[0]) }
        #expect(result.passed, "\(result)")
    }

    @Test func checkerFailsOnAWrongGradient() {
        // A layer whose parameter is used through a detached copy has no gradient path to it:
        // the numeric derivative is nonzero, autograd's is 0, so the helper must fail.
        final class Broken: Module, UnaryLayer {
            let scale = Parameter(Tensor([2]))
            func callAsFunction(_ input: Tensor) -> Tensor { input * scale.value.detached() }
        }
        let layer = Broken()
        let result = GradientCheck.check([GradientCheck.tensor([3], seed: 18), layer.scale.value.detached()]) { leaves in
            layer.scale.value = leaves[1]
            return layer(leaves[0])
        }
        #expect(!result.passed)
    }
}
