import MinimaxTensor
import MinimaxTestSupport
import Testing

/// `Tensor.linear`, the fused x·Wᵀ + b of a fully connected layer.
@Suite struct TensorLinearTests {
    /// Fused for speed only: the same bits as the composition it replaces (same GEMM, then one
    /// rounding of the bias addition per element).
    @Test func matchesMatmulPlusBiasBitForBit() {
        let x = GradientCheck.tensor([37, 19], seed: 1), w = GradientCheck.tensor([23, 19], seed: 2)
        let b = GradientCheck.tensor([23], seed: 3)
        let fused = Tensor.linear(x, weight: w, bias: b)
        let composed = Tensor.matmul(x, w, transposeA: false, transposeB: true) + b
        #expect(fused.shape == [37, 23])
        #expect(fused.scalars.map(\.bitPattern) == composed.scalars.map(\.bitPattern))
        let noBias = Tensor.linear(x, weight: w)
        #expect(noBias.scalars == Tensor.matmul(x, w, transposeA: false, transposeB: true).scalars)
    }

    @Test func leadingDimensionsAreKept() {
        let x = GradientCheck.tensor([2, 3, 4], seed: 4), w = GradientCheck.tensor([5, 4], seed: 5)
        let y = Tensor.linear(x, weight: w, bias: Tensor.zeros([5]))
        #expect(y.shape == [2, 3, 5])
        let flat = Tensor.linear(x.reshaped([6, 4]), weight: w, bias: Tensor.zeros([5]))
        #expect(y.scalars == flat.scalars)
    }

    @Test func gradientsOfInputWeightAndBias() {
        let x = GradientCheck.tensor([4, 3], seed: 6), w = GradientCheck.tensor([5, 3], seed: 7)
        let b = GradientCheck.tensor([5], seed: 8)
        let result = GradientCheck.check([x, w, b]) { t in Tensor.linear(t[0], weight: t[1], bias: t[2]) }
        #expect(result.passed, "\(result)")
    }

    /// Second order through a smooth nonlinearity (a linear map alone has a zero Hessian).
    @Test func secondOrderGradients() {
        let x = GradientCheck.tensor([3, 4], seed: 9), w = GradientCheck.tensor([2, 4], seed: 10, scale: 0.5)
        let b = GradientCheck.tensor([2], seed: 11)
        let result = GradientCheck.checkSecondOrder([x, w, b]) { t in Tensor.linear(t[0], weight: t[1], bias: t[2]).tanh() }
        #expect(result.passed, "\(result)")
    }

    /// `linear(…, activation:)` against the composition `linear(…).relu()` / `.leakyReLU(s)`:
    /// the same bits for the values, the first-order gradients of x, W and b, and a second-order
    /// gradient (a WGAN-GP-like penalty), with and without a bias. The shapes cover the
    /// two-band GEMM split, odd widths, and pre-activations that are exactly 0, negative zero,
    /// and NaN at the kink.
    @Test func fusedActivationsMatchTheCompositionBitForBit() {
        var xs = GradientCheck.values(64 * 97, seed: 12)
        xs[0] = .nan
        let x = Tensor(shape: [64, 97], scalars: xs)
        let w = GradientCheck.tensor([130, 97], seed: 13, scale: 0.2)
        var bs = GradientCheck.values(130, seed: 14)
        bs[1] = 0
        // x's first element is NaN (a NaN in every output of row 0); the zero rows give z = b exactly.
        let zeroRows = Tensor(shape: [2, 97], scalars: [Float](repeating: 0, count: 97) + [Float](repeating: -0.0, count: 97))
        let inputs = [x, Tensor.concat([x.slice(axis: 0, 1..<64), zeroRows], axis: 0)]
        for input in inputs {
            for bias in [Tensor(shape: [130], scalars: bs), nil] {
                for activation in [LinearActivation.relu, .leakyReLU(0.2), .leakyReLU(0)] {
                    func composed(_ t: [Tensor]) -> Tensor {
                        let z = Tensor.linear(t[0], weight: t[1], bias: t.count > 2 ? t[2] : nil)
                        if case .leakyReLU(let slope) = activation { return z.leakyReLU(slope) }
                        return z.relu()
                    }
                    func fused(_ t: [Tensor]) -> Tensor {
                        Tensor.linear(t[0], weight: t[1], bias: t.count > 2 ? t[2] : nil, activation: activation)
                    }
                    let leaves = ([input, w] + (bias.map { [$0] } ?? [])).map { $0.requiringGrad() }
                    let context = "\(activation), bias \(bias != nil), input \(input.shape)"
                    let (yf, yc) = (fused(leaves), composed(leaves))
                    #expect(yf.scalars.map(\.bitPattern) == yc.scalars.map(\.bitPattern), "values, \(context)")
                    let cotangent = GradientCheck.tensor(yf.shape, seed: 15)
                    let gf = gradients(of: (yf * cotangent).sum(), wrt: leaves)
                    let gc = gradients(of: (yc * cotangent).sum(), wrt: leaves)
                    for (a, b) in zip(gf, gc) {
                        #expect(a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern), "gradients, \(context)")
                    }
                    // Second order: d/dW of ‖∂L/∂x‖², L = Σ cotangent · tanh(f(x)).
                    func penaltyGradient(_ f: ([Tensor]) -> Tensor) -> [UInt32] {
                        let dx = gradients(of: (f(leaves).tanh() * cotangent).sum(), wrt: [leaves[0]], createGraph: true)[0]
                        return gradients(of: (dx * dx).sum(), wrt: [leaves[1]])[0].scalars.map(\.bitPattern)
                    }
                    #expect(penaltyGradient(fused) == penaltyGradient(composed), "second order, \(context)")
                }
            }
        }
    }

    @Test func fusedActivationGradients() {
        let x = GradientCheck.tensor([6, 5], seed: 16), w = GradientCheck.tensor([7, 5], seed: 17)
        let b = GradientCheck.tensor([7], seed: 18)
        for activation in [LinearActivation.relu, .leakyReLU(0.2)] {
            let first = GradientCheck.check([x, w, b]) { t in Tensor.linear(t[0], weight: t[1], bias: t[2], activation: activation) }
            #expect(first.passed, "\(activation): \(first)")
            let second = GradientCheck.checkSecondOrder([x, w, b]) { t in
                Tensor.linear(t[0], weight: t[1], bias: t[2], activation: activation).tanh()
            }
            #expect(second.passed, "\(activation), second order: \(second)")
        }
    }

    @Test func aNegativeSlopeIsNotFusable() {
        #expect(LinearActivation(leakySlope: -0.1) == nil)
        #expect(LinearActivation(leakySlope: 0.2) == .leakyReLU(0.2))
    }
}
