import Foundation
import MinimaxTensor
import MinimaxTestSupport
import Testing

/// The tape walk: reverse topological order, accumulation over shared subexpressions,
/// `gradients(of:wrt:)`'s early exit, interior inputs, seeds, and leaf bookkeeping.
@Suite struct AutogradTests {
    @Test func sameTensorTwiceInOneOp() {
        // d/dx Σ x·x = 2x; d/dx Σ x/x = 0; concat([x, x]) sends each slice's gradient to x.
        let x = Tensor([1, -2, 3])
        #expect(gradientOfSum(x, { $0 * $0 }).scalars == [2, -4, 6])
        #expect(gradientOfSum(x, { $0 / $0 }).scalars == [0, 0, 0])
        let leaf = x.requiringGrad()
        let joined = Tensor.concat([leaf, leaf], axis: 0)
        let weights = Tensor([1, 2, 3, 10, 20, 30])
        #expect(gradients(of: (joined * weights).sum(), wrt: [leaf])[0].scalars == [11, 22, 33])
        expectGradient([x]) { $0[0] * $0[0] }
    }

    @Test func diamondGraphAccumulatesBothPaths() {
        // a = eˣ, then b = 2a and c = log a = x meet again: d/dx Σ(b + c) = 2eˣ + 1.
        let x = Tensor([0, 0.5, -1])
        let g = gradientOfSum(x) { x in
            let a = x.exp()
            return a * 2 + a.log()
        }
        expectClose(g, Tensor(x.scalars.map { 2 * Foundation.exp($0) + 1 }))
        // A deeper diamond whose branches have different lengths, checked numerically.
        expectGradient([GradientCheck.tensor([3, 2], seed: 4)]) { t in
            let a = t[0].tanh()
            let long = (a * 3).sigmoid().exp()
            return long * a + a.sum(axes: [1], keepDims: true)
        }
    }

    @Test func interiorNodeAsInput() {
        // z = Σ (y² + 3y) with y = 2x: dz/dy = 2y + 3, dz/dx = 2·(2y + 3).
        let x = Tensor([1, 2]).requiringGrad()
        let y = x * 2
        let z = (y * y + y * 3).sum()
        let gy = gradients(of: z, wrt: [y])[0]
        #expect(gy.scalars == [7, 11])
        // Asking for the interior node and the leaf upstream of it together: the early exit
        // must not stop before the leaf, and the interior gradient must be complete.
        let both = gradients(of: z, wrt: [y, x])
        #expect(both[0].scalars == [7, 11])
        #expect(both[1].scalars == [14, 22])
        // Order of the inputs does not matter.
        let swapped = gradients(of: z, wrt: [x, y])
        #expect(swapped[0].scalars == [14, 22] && swapped[1].scalars == [7, 11])
        // The output itself as input: dz/dz = 1.
        #expect(gradients(of: z, wrt: [z])[0].item == 1)
        // The same input twice gets the same gradient twice.
        let twice = gradients(of: z, wrt: [x, x])
        #expect(twice[0].scalars == [14, 22] && twice[1].scalars == [14, 22])
    }

    @Test func earlyExitStillSeesLaterConsumers() {
        // y feeds z through a short path (y itself) and a long path (several ops): y's
        // gradient is complete only after the long path ran.
        let x = Tensor([0.5, -0.25]).requiringGrad()
        let y = x.tanh()
        let long = ((y * 2).exp() + 1).log()
        let z = (y + long).sum()
        let gy = gradients(of: z, wrt: [y])[0]
        // d/dy [y + log(e^{2y} + 1)] = 1 + 2σ(2y).
        expectClose(gy, Tensor(y.scalars.map { 1 + 2 / (1 + Foundation.exp(-2 * $0)) }))
    }

    @Test func unreachableInputsGetZeros() {
        let x = Tensor([1, 2]).requiringGrad()
        let unrelated = Tensor.ones([3]).requiringGrad()
        let g = gradients(of: (x * x).sum(), wrt: [x, unrelated])
        #expect(g[0].scalars == [2, 4])
        #expect(g[1].scalars == [0, 0, 0])
        // A constant output: every gradient is zero.
        #expect(gradients(of: withoutGradients { (x * 3).sum() }, wrt: [x])[0].scalars == [0, 0])
        // detached() stops the gradient.
        #expect(gradients(of: (x.detached() * x).sum(), wrt: [x])[0].scalars == [1, 2])
    }

    @Test func seedGradientForNonScalarOutputs() {
        // d/dx ⟨seed, x²⟩ = 2x·seed.
        let x = Tensor([1, 2, 3]).requiringGrad()
        let g = gradients(of: x * x, wrt: [x], seed: Tensor([1, 0, -1]))[0]
        #expect(g.scalars == [2, 0, -6])
        let y = (x * x).requiringGrad()
        y.backward(seed: Tensor([1, 1, 1]))
        #expect(y.grad?.scalars == [1, 1, 1])
    }

    @Test func backwardAccumulatesIntoLeaves() {
        let w = Tensor([1, 2]).requiringGrad()
        let b = Tensor(0.5).requiringGrad()
        let loss = (w * w).sum() + b * 3
        loss.backward()
        #expect(w.grad?.scalars == [2, 4])
        #expect(b.grad?.item == 3)
        // A second backward adds (like PyTorch); zeroGrad clears.
        loss.backward()
        #expect(w.grad?.scalars == [4, 8])
        w.zeroGrad()
        #expect(w.grad == nil)
        // gradients(of:wrt:) leaves the accumulated grads alone.
        _ = gradients(of: loss, wrt: [w, b])
        #expect(w.grad == nil && b.grad?.item == 6)
    }

    @Test func recordingSwitch() {
        let x = Tensor([1]).requiringGrad()
        #expect(Autograd.isRecordingEnabled)
        let y = withoutGradients { () -> Tensor in
            #expect(!Autograd.isRecordingEnabled)
            return x * 2
        }
        #expect(!y.requiresGrad && (x * 2).requiresGrad)
        #expect(!(Tensor([1]) * 2).requiresGrad)
        // Without createGraph the returned gradients are constants; with it they record.
        #expect(!gradients(of: (x * x).sum(), wrt: [x])[0].requiresGrad)
        #expect(gradients(of: (x * x).sum(), wrt: [x], createGraph: true)[0].requiresGrad)
    }

    @Test func deepChainDoesNotOverflowTheStack() {
        // 20 000 ops in a row: the walk is iterative, and releasing the tape does not
        // recurse out of a test thread's stack either; d/dx (x + Σ 0.001) = 1.
        let x = Tensor([1, 2]).requiringGrad()
        var y = x
        for _ in 0..<20_000 { y = y + 0.001 }
        #expect(gradients(of: y.sum(), wrt: [x])[0].scalars == [1, 1])
    }
}
