import Foundation
import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Activations and selections: gradient checks away from kinks, the kinks themselves
/// (PyTorch's conventions), and the numerically stable forms at extreme inputs.
@Suite struct TensorActivationsTests {
    /// Values in [-1, -0.1] ∪ [0.1, 1]: central differences with ε = 1e-2 never cross 0.
    static func awayFromZero(_ shape: [Int], seed: UInt64) -> Tensor {
        Tensor(shape: shape, scalars: GradientCheck.values(shape.reduce(1, *), seed: seed).map { $0 < 0 ? $0 * 0.9 - 0.1 : $0 * 0.9 + 0.1 })
    }

    @Test func forwardValues() {
        let x = Tensor([-2, -0.5, 0, 0.5, 2])
        #expect(x.relu().scalars == [0, 0, 0, 0.5, 2])
        expectClose(x.leakyReLU(0.2), Tensor([-0.4, -0.1, 0, 0.5, 2]))
        #expect(x.clamp(min: -1, max: 1).scalars == [-1, -0.5, 0, 0.5, 1])
        expectClose(x.sigmoid(), Tensor(x.scalars.map { 1 / (1 + Foundation.exp(-$0)) }))
        expectClose(x.tanh(), Tensor(x.scalars.map { Foundation.tanh($0) }))
        expectClose(x.softplus(), Tensor(x.scalars.map { Foundation.log(1 + Foundation.exp($0)) }))
        expectClose(x.logSigmoid(), Tensor(x.scalars.map { -Foundation.log(1 + Foundation.exp(-$0)) }))
        let picked = Tensor.where(Tensor([1, 0, 1]), Tensor([1, 2, 3]), Tensor(-1))
        #expect(picked.scalars == [1, -1, 3])
        #expect(Tensor([1, 5, -3]).maximum(Tensor([2, 2, -4])).scalars == [2, 5, -3])
    }

    @Test func gradientsAwayFromKinks() {
        expectGradient([Self.awayFromZero([3, 4], seed: 1)], "relu") { $0[0].relu() }
        expectGradient([Self.awayFromZero([3, 4], seed: 2)], "leakyReLU 0.2") { $0[0].leakyReLU(0.2) }
        expectGradient([GradientCheck.tensor([3, 4], seed: 3, scale: 3)], "sigmoid") { $0[0].sigmoid() }
        expectGradient([GradientCheck.tensor([3, 4], seed: 4, scale: 2)], "tanh") { $0[0].tanh() }
        expectGradient([GradientCheck.tensor([3, 4], seed: 5, scale: 4)], "softplus") { $0[0].softplus() }
        expectGradient([GradientCheck.tensor([3, 4], seed: 6, scale: 4)], "logSigmoid") { $0[0].logSigmoid() }
        // Values in ±[0.1, 1] clamped to [-0.5, 0.5]: keep them ≥ 0.05 from ±0.5 too.
        let clampInput = Tensor(shape: [8], scalars: [-0.9, -0.6, -0.4, -0.1, 0.2, 0.45, 0.55, 0.8])
        expectGradient([clampInput], "clamp") { $0[0].clamp(min: -0.5, max: 0.5) }
    }

    @Test func selectionGradients() {
        let mask = Tensor(shape: [2, 3], scalars: [1, 0, 1, 0, 0, 1])
        expectGradient([GradientCheck.tensor([2, 3], seed: 1), GradientCheck.tensor([3], seed: 2)], "where, b broadcast") {
            Tensor.where(mask, $0[0], $0[1])
        }
        expectGradient([GradientCheck.tensor([2, 1], seed: 3), GradientCheck.tensor([], seed: 4)], "where, both broadcast") {
            Tensor.where(mask, $0[0], $0[1])
        }
        // Pairs at least 0.1 apart: the winner never changes within ε.
        let a = Tensor([0.5, -0.3, 0.9, -1.0, 0.2, 0.0])
        let b = Tensor([0.1, 0.4, 0.2, -0.5, 0.7, -0.6])
        expectGradient([a, b], "maximum") { $0[0].maximum($0[1]) }
        expectGradient([Tensor(shape: [2, 3], scalars: [0.5, -0.3, 0.9, -1.0, 0.2, 0.0]), Tensor([0.1, 0.4, -0.2])],
                       "maximum broadcast") { $0[0].maximum($0[1]) }
    }

    @Test func kinksFollowPyTorch() {
        // relu'(0) = 0; leakyReLU'(0) = slope (PyTorch takes the negative branch for x ≤ 0).
        #expect(gradientOfSum(Tensor([-1, 0, 2]), { $0.relu() }).scalars == [0, 0, 1])
        #expect(gradientOfSum(Tensor([-1, 0, 2]), { $0.leakyReLU(0.2) }).scalars == [0.2, 0.2, 1])
        // clamp passes the gradient on the closed interval [min, max], like torch.clamp.
        #expect(gradientOfSum(Tensor([-2, -1, 0, 1, 2]), { $0.clamp(min: -1, max: 1) }).scalars == [0, 1, 1, 1, 0])
        // torch.maximum splits a tie's gradient equally between the two operands.
        let a = Tensor([1, 2, 3]).requiringGrad(), b = Tensor([1, 3, 2]).requiringGrad()
        let g = gradients(of: a.maximum(b).sum(), wrt: [a, b])
        #expect(g[0].scalars == [0.5, 0, 1])
        #expect(g[1].scalars == [0.5, 1, 0])
    }

    /// The pullback multiplies by the 0/1 (or slope) mask, as `g * mask` does: an infinite
    /// gradient times 0 is NaN, a negative one gives −0. Its own gradient is the same mask, and
    /// nothing flows back to x (a piecewise-linear activation has no curvature).
    @Test func pullbackIsAProductWithTheMask() {
        let x = Tensor([-1, 2, -3, 4]).requiringGrad()
        let seed = Tensor([.infinity, .nan, -1, 3])
        let dx = gradients(of: x.relu(), wrt: [x], seed: seed)[0].scalars
        #expect(dx[0].isNaN && dx[1].isNaN && dx[3] == 3)
        #expect(dx[2] == 0 && dx[2].sign == .minus)
        #expect(gradients(of: x.leakyReLU(0.5), wrt: [x], seed: seed)[0].scalars[2] == -0.5)
        let g = Tensor([1, 2, 3, 4]).requiringGrad()
        let first = gradients(of: (x.leakyReLU(0.5) * g).sum(), wrt: [x], createGraph: true)[0]  // g·[0.5, 1, 0.5, 1]
        let second = gradients(of: (first * first).sum(), wrt: [g, x])
        // d/dg Σ (g·m)² = 2·g·m² = [0.5, 4, 1.5, 8]; d/dx = 0.
        #expect(second[0].scalars == [0.5, 4, 1.5, 8])
        #expect(second[1].scalars == [0, 0, 0, 0])
    }

    @Test func nanPropagatesLikePyTorch() {
        // A NaN must stay visible (torch.relu(nan) = nan), not turn into a clean 0 or lose to a number.
        let relu = Tensor([.nan, -1, 2]).relu().scalars
        #expect(relu[0].isNaN && relu[1] == 0 && relu[2] == 2)
        #expect(Tensor([.nan]).leakyReLU(0.2).scalars[0].isNaN)
        #expect(Tensor([.nan]).clamp(min: -1, max: 1).scalars[0].isNaN)
        #expect(Tensor([.nan, 1]).maximum(Tensor([1, .nan])).scalars.allSatisfy { $0.isNaN })
    }

    @Test func whereDoesNotLeakTheBranchNotTaken() {
        // log(0) = −∞ in the branch not taken must not turn the gradient into NaN.
        let x = Tensor([0, 2]).requiringGrad()
        let y = Tensor.where(Tensor([0, 1]), x * 3, Tensor([5, 5]))
        #expect(y.scalars == [5, 6])
        #expect(gradients(of: y.sum(), wrt: [x])[0].scalars == [0, 3])
        let inf = Tensor.where(Tensor([1, 0]), Tensor([1, 1]), Tensor([.infinity, .nan]))
        #expect(inf.scalars[0] == 1 && inf.scalars[1].isNaN)
    }

    /// Absolute floor for values near e^−100 ≈ 3.7e-44, which float32 stores as a subnormal
    /// with steps of 1.4e-45: a few steps of slack.
    static let subnormalSteps: Float = 8 * .leastNonzeroMagnitude

    @Test func stableFormsAtExtremes() {
        let x = Tensor([-1000, -100, -30, 0, 30, 100, 1000])
        let e100 = Foundation.exp(-100.0), e30 = Foundation.exp(-30.0)
        // softplus(x) = log(1 + eˣ): eˣ below 0, x above 0 (plus e^−|x|).
        let softplus = x.softplus().scalars
        #expect(softplus.allSatisfy { $0.isFinite })
        expectClose(softplus, [0, Float(e100), Float(e30), Float(Foundation.log(2.0)), 30, 100, 1000], relative: 1e-5, absolute: Self.subnormalSteps)
        // logσ(x) = −softplus(−x).
        let logSigmoid = x.logSigmoid().scalars
        #expect(logSigmoid.allSatisfy { $0.isFinite })
        expectClose(logSigmoid, [-1000, -100, -30, Float(-Foundation.log(2.0)), Float(-e30), Float(-e100), 0], relative: 1e-5, absolute: Self.subnormalSteps)
        // σ(±100): e^−100 ≈ 3.7e-44 is a float32 subnormal, kept rather than flushed to NaN or 0.
        let sigmoid = x.sigmoid().scalars
        expectClose(sigmoid, [0, Float(e100), Float(e30), 0.5, 1, 1, 1], relative: 1e-5, absolute: Self.subnormalSteps)
        // Derivatives: softplus' = σ, logσ' = σ(−x) = 1 − σ, σ' = σ(1 − σ); all finite.
        for (name, f) in [("softplus", { (t: Tensor) in t.softplus() }), ("logSigmoid", { $0.logSigmoid() }), ("sigmoid", { $0.sigmoid() }),
                          ("tanh", { $0.tanh() })] {
            let g = gradientOfSum(x, f).scalars
            #expect(g.allSatisfy { $0.isFinite }, "\(name)' at extremes: \(g)")
        }
        expectClose(gradientOfSum(x, { $0.softplus() }).scalars, [0, Float(e100), Float(e30), 0.5, 1, 1, 1], relative: 1e-5, absolute: Self.subnormalSteps)
        expectClose(gradientOfSum(x, { $0.logSigmoid() }).scalars, [1, 1, 1, 0.5, Float(e30), Float(e100), 0], relative: 1e-5, absolute: Self.subnormalSteps)
        expectClose(gradientOfSum(x, { $0.tanh() }).scalars, [0, 0, 0, 1, 0, 0, 0], absolute: 1e-7)
    }
}
