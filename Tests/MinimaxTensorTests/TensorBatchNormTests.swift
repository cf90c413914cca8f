import MinimaxTensor
import MinimaxTestSupport
import Testing

/// The fused training-mode batch norm against its definition in tensor ops
/// (`batchNormComposition`): the same bits forward and backward, for any thread count, and the
/// same gradients of gradients. Serialized because it sets the engine-wide thread count.
@Suite(.serialized) struct TensorBatchNormTests {
    static func bits(_ t: Tensor?) -> [UInt32] { t?.scalars.map(\.bitPattern) ?? [] }

    static func withThreads<T>(_ threads: Int, _ body: () -> T) -> T {
        let saved = Engine.threads
        Engine.threads = threads
        defer { Engine.threads = saved }
        return body()
    }

    /// Output, statistics and the gradients of Σ r·y for x, weight and bias, as bit patterns.
    static func fusedAndComposed(shape: [Int], affine: Bool) -> (fused: [[UInt32]], composed: [[UInt32]]) {
        let channels = shape[1]
        let x = GradientCheck.tensor(shape, seed: 5, scale: 2).requiringGrad()
        let weight = affine ? GradientCheck.tensor([channels], seed: 6).requiringGrad() : nil
        let bias = affine ? GradientCheck.tensor([channels], seed: 7).requiringGrad() : nil
        let r = GradientCheck.tensor(shape, seed: 8)
        let inputs = [x] + [weight, bias].compactMap { $0 }
        let axes = [0] + Array(2..<shape.count)

        let (y, mean, variance) = Tensor.batchNormTraining(x, weight: weight, bias: bias, eps: 1e-5)
        let fusedGrads = gradients(of: (y * r).sum(), wrt: inputs)
        let z = Tensor.batchNormComposition(x, weight: weight, bias: bias, eps: 1e-5)
        let composedGrads = gradients(of: (z * r).sum(), wrt: inputs)
        let centred = x - x.mean(axes: axes, keepDims: true)
        let composedVariance = (centred * centred).mean(axes: axes)
        return ([bits(y), mean.map(\.bitPattern), variance.map(\.bitPattern)] + fusedGrads.map { bits($0) },
                [bits(z), bits(x.mean(axes: axes)), bits(composedVariance)] + composedGrads.map { bits($0) })
    }

    // [N, C] as after a Linear layer, [N, C, H, W] as after a convolution; 13 channels take
    // every path of `RowSums` (eight chains, four, one), and on AVX-512 CPUs 13 and 21 channels
    // of 9 and 49 terms take its vector blocks (one group of eight, a pair of groups) with the
    // terms past the last full 8 × 8 block; the 2-thread cases are large enough
    // (3·count ≥ 32,768) for the channel ranges to be split.
    @Test(arguments: [([64, 12], true, 1), ([6, 3, 5, 7], true, 1), ([6, 3, 5, 7], false, 1), ([4, 13, 3, 3], true, 1),
                      ([3, 21, 7, 7], true, 1),
                      ([64, 200], true, 2), ([16, 8, 12, 12], true, 2), ([16, 8, 12, 12], false, 2)])
    func fusedGivesTheCompositionsBits(shape: [Int], affine: Bool, threads: Int) {
        let (fused, composed) = Self.withThreads(threads) { Self.fusedAndComposed(shape: shape, affine: affine) }
        // Exact by construction: the same float operations in the same order.
        #expect(fused.count == composed.count)
        for (i, (f, c)) in zip(fused, composed).enumerated() {
            #expect(f == c, "array \(i) (output, mean, variance, dx, dweight, dbias) differs")
        }
    }

    /// R1-style second order: d/d(x, weight) of ‖dL/dx‖² through the fused op's pullback
    /// (which differentiates the composition under createGraph) equals the composition's.
    @Test func gradientsOfGradientsMatchTheComposition() {
        let x = GradientCheck.tensor([5, 3, 2, 2], seed: 1).requiringGrad()
        let weight = GradientCheck.tensor([3], seed: 2).requiringGrad()
        let bias = GradientCheck.tensor([3], seed: 3).requiringGrad()
        let r = GradientCheck.tensor([5, 3, 2, 2], seed: 4)
        func penaltyGradients(_ layer: (Tensor) -> Tensor) -> [Tensor] {
            let dx = gradients(of: (layer(x) * r).sum(), wrt: [x], createGraph: true)[0]
            return gradients(of: (dx * dx).sum(), wrt: [x, weight])
        }
        let fused = penaltyGradients { Tensor.batchNormTraining($0, weight: weight, bias: bias, eps: 1e-5).output }
        let composed = penaltyGradients { Tensor.batchNormComposition($0, weight: weight, bias: bias, eps: 1e-5) }
        for (f, c) in zip(fused, composed) {
            #expect(Self.bits(f) == Self.bits(c))
            #expect(f.scalars.contains { $0 != 0 })
        }
    }

    /// Only the gradients asked for are computed, and they keep their bits.
    @Test func gradientForTheInputAloneMatches() {
        let x = GradientCheck.tensor([8, 4, 3, 3], seed: 11).requiringGrad()
        let weight = GradientCheck.tensor([4], seed: 12).requiringGrad()
        let bias = GradientCheck.tensor([4], seed: 13).requiringGrad()
        let r = GradientCheck.tensor([8, 4, 3, 3], seed: 14)
        let fused = gradients(of: (Tensor.batchNormTraining(x, weight: weight, bias: bias, eps: 1e-3).output * r).sum(), wrt: [x])
        let composed = gradients(of: (Tensor.batchNormComposition(x, weight: weight, bias: bias, eps: 1e-3) * r).sum(), wrt: [x])
        #expect(Self.bits(fused[0]) == Self.bits(composed[0]))
    }
}
