import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Hessian-vector products (gradients built with `createGraph: true`, differentiated again)
/// against finite differences, for the ops a critic with a gradient penalty uses.
@Suite struct SecondOrderTests {
    @Test func matmulAndAdd() {
        expectSecondOrder([GradientCheck.tensor([3, 4], seed: 1), GradientCheck.tensor([4, 2], seed: 2)], "matmul") {
            // Products of products: the Hessian of Σ (AB)² is nonzero in A and B.
            let p = $0[0].matmul($0[1])
            return p * p
        }
        expectSecondOrder([GradientCheck.tensor([3, 4], seed: 3), GradientCheck.tensor([2, 4], seed: 4)], "matmul transposeB") {
            let p = Tensor.matmul($0[0], $0[1], transposeA: false, transposeB: true)
            return p * p
        }
        expectSecondOrder([GradientCheck.tensor([4, 3], seed: 5), GradientCheck.tensor([4, 2], seed: 6)], "matmul transposeA") {
            let p = Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: false)
            return p * p
        }
        expectSecondOrder([GradientCheck.tensor([3, 4], seed: 7), GradientCheck.tensor([4], seed: 8)], "add broadcast") {
            let s = $0[0] + $0[1]
            return s * s * s
        }
    }

    @Test func activations() {
        // Away from the kinks, relu and leakyReLU are linear pieces: their Hessian comes
        // from the product around them.
        let awayFromZero = TensorActivationsTests.awayFromZero([3, 4], seed: 9)
        expectSecondOrder([awayFromZero], "relu") { $0[0].relu() * $0[0] }
        expectSecondOrder([awayFromZero], "leakyReLU") { $0[0].leakyReLU(0.2) * $0[0] * $0[0] }
        expectSecondOrder([GradientCheck.tensor([3, 4], seed: 10, scale: 2)], "tanh") { $0[0].tanh() }
        expectSecondOrder([GradientCheck.tensor([3, 4], seed: 11, scale: 3)], "sigmoid") { $0[0].sigmoid() }
        expectSecondOrder([GradientCheck.tensor([3, 4], seed: 12, scale: 3)], "softplus") { $0[0].softplus() }
        expectSecondOrder([GradientCheck.tensor([3, 4], seed: 13, scale: 3)], "logSigmoid") { $0[0].logSigmoid() }
        expectSecondOrder([GradientCheck.tensor([3, 4], seed: 14)], "exp") { $0[0].exp() }
    }

    @Test func reductionsAndPowers() {
        let x = GradientCheck.tensor([3, 4], seed: 15)
        expectSecondOrder([x], "sum") { ($0[0] * $0[0]).sum(axes: [1]) * $0[0].sum(axes: [1]) }
        expectSecondOrder([x], "mean") { $0[0].mean(axes: [0], keepDims: true) * $0[0] }
        expectSecondOrder([x], "variance") { $0[0].variance(axes: [1]) }
        expectSecondOrder([x], "logsumexp") { $0[0].logsumexp(axes: [1]) }
        expectSecondOrder([x], "pow 3") { $0[0].pow(3) }
        let positive = GradientCheck.tensor([3, 4], seed: 16, offset: 1.5)
        expectSecondOrder([positive], "sqrt") { $0[0].sqrt() }
        expectSecondOrder([positive], "pow 1.5") { $0[0].pow(1.5) }
        expectSecondOrder([positive], "log") { $0[0].log() }
        expectSecondOrder([x, GradientCheck.tensor([4], seed: 17, offset: 2)], "divide") { $0[0] / $0[1] }
    }

    @Test func layoutOps() {
        let x = GradientCheck.tensor([2, 3, 4], seed: 18)
        expectSecondOrder([x], "permute + slice + concat") {
            let p = $0[0].permuted([2, 0, 1]).slice(axis: 0, 1..<3)
            let c = Tensor.concat([p, p.padded(axis: 0, before: 0, after: 0)], axis: 1)
            return c * c
        }
        expectSecondOrder([x], "gather + broadcast + reshape") {
            let g = $0[0].gather(rows: [1, 0, 1]).reshaped([3, 12])
            return g * g.sum(axes: [0]).broadcast(to: [3, 12])
        }
    }

    @Test func kinksHaveZeroCurvature() {
        // d²/dx² relu(x) = 0 everywhere, including 0 (the derivative is a constant mask).
        let x = Tensor([-1, 0, 2]).requiringGrad()
        for f in [{ (t: Tensor) in t.relu() }, { $0.leakyReLU(0.2) }, { $0.abs() }, { $0.clamp(min: -0.5, max: 0.5) }] {
            let g = gradients(of: f(x).sum(), wrt: [x], createGraph: true)[0]
            #expect(gradients(of: g.sum(), wrt: [x])[0].scalars == [0, 0, 0])
        }
    }
}
