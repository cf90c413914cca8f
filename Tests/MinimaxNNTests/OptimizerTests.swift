import Foundation
import MinimaxNN
import MinimaxTensor
import Testing

@Suite struct OptimizerTests {
    private func setGradient(_ p: Parameter, _ g: [Float]) {
        p.value.setGrad(Tensor(shape: p.shape, scalars: g))
    }

    private func expectValues(_ p: Parameter, _ expected: [Float], tolerance: Float = 1e-6,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        for (a, e) in zip(p.value.scalars, expected) {
            #expect(abs(a - e) <= tolerance * max(1, abs(e)), "\(a) vs \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test func sgdMomentumAndNesterov() {
        // Constant gradient 1, lr 0.1, μ 0.9. Heavy ball: b = 1 then 1.9. Nesterov: steps of 1 + 0.9·b.
        let heavy = Parameter(Tensor([0])), nesterov = Parameter(Tensor([0]))
        let a = SGD([heavy], learningRate: 0.1, momentum: 0.9)
        let b = SGD([nesterov], learningRate: 0.1, momentum: 0.9, nesterov: true)
        for _ in 0..<2 {
            setGradient(heavy, [1]); setGradient(nesterov, [1])
            a.step(); b.step()
        }
        expectValues(heavy, [-(0.1 + 0.19)])
        expectValues(nesterov, [-(0.19 + 0.271)])
        // Weight decay adds λθ: θ = 2, g = 0, λ = 0.5 → θ − 0.1·1 = 1.9.
        let decayed = Parameter(Tensor([2]))
        let c = SGD([decayed], learningRate: 0.1, weightDecay: 0.5)
        setGradient(decayed, [0])
        c.step()
        expectValues(decayed, [1.9])
    }

    @Test func rmsPropPlainAndCentered() {
        // g = 2, α = 0.99: v = 0.04, d = 0.2 → Δ = 0.01·2/0.2 = 0.1. Centred: ḡ = 0.02, d = √0.0396.
        let plain = Parameter(Tensor([1])), centered = Parameter(Tensor([1]))
        let a = RMSProp([plain], learningRate: 0.01)
        let b = RMSProp([centered], learningRate: 0.01, centered: true)
        setGradient(plain, [2]); setGradient(centered, [2])
        a.step(); b.step()
        expectValues(plain, [0.9])
        expectValues(centered, [1 - 0.02 / (Float(0.0396).squareRoot() + 1e-8)])
    }

    /// The vectorised, threaded update of a large parameter gives exactly the scalar formula's
    /// Float results on 1 and 2 threads, and writes a new array (a tensor still holding the old
    /// values, as the tape does, keeps them).
    @Test func adamUpdateOfALargeParameterIsTheScalarFormulaOnAnyThreadCount() {
        let n = 70_001  // above the threading threshold, not a multiple of any vector width
        let start = (0..<n).map { Float(($0 * 37) % 101) / 50 - 1 }
        let gradient = (0..<n).map { Float(($0 * 11) % 23) / 7 - 1.5 }
        var expected = start, m = [Float](repeating: 0, count: n), v = m
        let (beta1, beta2, lr, eps): (Float, Float, Float, Float) = (0.5, 0.999, 1e-3, 1e-8)
        for step in 1...2 {
            let stepSize = lr / (1 - Float(pow(Double(beta1), Double(step))))
            let sqrtCorrection2 = (1 - Float(pow(Double(beta2), Double(step)))).squareRoot()
            for j in 0..<n {
                m[j] = beta1 * m[j] + (1 - beta1) * gradient[j]
                v[j] = beta2 * v[j] + (1 - beta2) * gradient[j] * gradient[j]
                expected[j] = expected[j] - stepSize * m[j] / (v[j].squareRoot() / sqrtCorrection2 + eps)
            }
        }
        for threads in [1, 2] {
            let saved = Engine.threads
            Engine.threads = threads
            defer { Engine.threads = saved }
            let p = Parameter(Tensor(start))
            let held = p.value
            let adam = Adam([p], learningRate: lr, betas: (beta1, beta2), eps: eps)
            for _ in 0..<2 {
                setGradient(p, gradient)
                adam.step()
            }
            // Exact by construction: the same Float operations in the same order.
            #expect(p.value.scalars.map(\.bitPattern) == expected.map(\.bitPattern), "\(threads) thread(s)")
            #expect(held.scalars == start)
        }
    }

    @Test func adamWDecouplesWeightDecay() {
        // θ(1 − lr·λ) − lr·m̂/(√v̂ + eps) = 1·(1 − 0.05) − 0.1·(3/(3 + 1e-8)).
        let p = Parameter(Tensor([1]))
        let opt = AdamW([p], learningRate: 0.1, weightDecay: 0.5)
        setGradient(p, [3])
        opt.step()
        expectValues(p, [0.85])
    }

    @Test func amsgradUsesTheLargestSecondMoment() {
        let p = Parameter(Tensor([0]))
        let opt = Adam([p], learningRate: 0.1, amsgrad: true)
        let grads: [Double] = [2, 0.1]
        var m = 0.0, v = 0.0, vMax = 0.0, theta = 0.0
        for (t, g) in grads.enumerated() {
            setGradient(p, [Float(g)])
            opt.step()
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            vMax = max(vMax, v)
            let step = Double(t + 1)
            theta -= 0.1 * (m / (1 - pow(0.9, step))) / ((vMax / (1 - pow(0.999, step))).squareRoot() + 1e-8)
        }
        expectValues(p, [Float(theta)], tolerance: 1e-5)
    }

    @Test func savedStateGivesTheSameNextStep() throws {
        func makeOptimizers(_ ps: [Parameter]) -> [any Optimizer] {
            [Adam([ps[0]], learningRate: 0.01, amsgrad: true),
             SGD([ps[1]], learningRate: 0.1, momentum: 0.9, nesterov: true),
             RMSProp([ps[2]], learningRate: 0.01, momentum: 0.5, centered: true)]
        }
        let original = (0..<3).map { _ in Parameter(Tensor([1, -2, 0.5])) }
        let optimizers = makeOptimizers(original)
        for step in 0..<3 {
            for (p, opt) in zip(original, optimizers) {
                setGradient(p, [Float(step) + 0.5, -1, 2])
                opt.step()
            }
        }
        let restored = original.map { Parameter($0.value.detached()) }
        let restoredOptimizers = makeOptimizers(restored)
        for (a, b) in zip(optimizers, restoredOptimizers) {
            try b.load(state: a.stateTensors())
            #expect(b.stepCount == 3)
        }
        for (ps, opts) in [(original, optimizers), (restored, restoredOptimizers)] {
            for (p, opt) in zip(ps, opts) {
                setGradient(p, [0.3, 0.7, -1.1])
                opt.step()
            }
        }
        // Same state and same arithmetic: identical bits.
        #expect(original.map(\.value.scalars) == restored.map(\.value.scalars))
    }

    /// Four steps of each optimizer on one 7-element parameter with the gradients PyTorch was
    /// given: the parameter after every step, and the final state under PyTorch's slot names
    /// (`exp_avg`, `momentum_buffer`, `square_avg`, `grad_avg`, …; `step` except for SGD,
    /// which PyTorch does not count). The same float32 rule in both, up to operation order:
    /// tolerance 1e-5·|torch| + 1e-6.
    @Test func trajectoriesAndStateMatchPyTorch() throws {
        let fixture = try PyTorchFixture(named: "optimizers")
        let initial = try fixture.tensor("initial"), gradients = try fixture.tensor("gradients")
        let steps = gradients.shape[0], size = initial.count
        let optimizers: [(name: String, make: (Parameter) -> any Optimizer)] = [
            ("sgdNesterov", { SGD([$0], learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01) }),
            ("sgdDampening", { SGD([$0], learningRate: 0.1, momentum: 0.9, dampening: 0.5) }),
            ("adam", { Adam([$0], learningRate: 1e-2, betas: (0.5, 0.999), weightDecay: 0.1) }),
            ("adamAmsgrad", { Adam([$0], learningRate: 1e-2, amsgrad: true) }),
            ("adamW", { AdamW([$0], learningRate: 1e-2, weightDecay: 0.1) }),
            ("rmspropMomentum", { RMSProp([$0], learningRate: 1e-2, alpha: 0.9, momentum: 0.5) }),
            ("rmspropCentered", { RMSProp([$0], learningRate: 1e-2, momentum: 0.9, centered: true, weightDecay: 0.01) }),
        ]
        for (name, make) in optimizers {
            let p = Parameter(initial)
            let optimizer = make(p)
            for t in 0..<steps {
                setGradient(p, Array(gradients.scalars[(t * size)..<((t + 1) * size)]))
                optimizer.step()
                try fixture.expectClose(p.value, "\(name).after.\(t)", relative: 1e-5, absolute: 1e-6)
            }
            let state = optimizer.stateTensors()
            let prefix = "\(name).state."
            let torchSlots = fixture.tensors.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            #expect(Set(state.keys) == Set(torchSlots.map { $0 == "step" ? "step" : "\($0).0" }).union(["step"]),
                    "\(name): state \(state.keys.sorted()) vs PyTorch's \(torchSlots.sorted())")
            for slot in torchSlots {
                let value = try #require(state[slot == "step" ? "step" : "\(slot).0"], "\(name) has no state \(slot)")
                try fixture.expectClose(value, prefix + slot, relative: 1e-5, absolute: 1e-6)
            }
        }
    }

    @Test func loadingMismatchedStateSaysWhat() {
        let p = Parameter(Tensor([1, 2]))
        let opt = Adam([p], parameterNames: ["layers.0.weight"])
        var state = opt.stateTensors()
        state["exp_avg.layers.0.weight"] = Tensor([1, 2, 3])
        state["exp_avg_sq.layers.0.weight"] = nil
        state["momentum_buffer.layers.0.weight"] = Tensor([0, 0])
        #expect(throws: StateDictError.self) { try opt.load(state: state) }
        do {
            try opt.load(state: state)
        } catch {
            #expect("\(error)" == "Adam state does not match: missing keys: exp_avg_sq.layers.0.weight; "
                + "unexpected keys: momentum_buffer.layers.0.weight; shape mismatch for exp_avg.layers.0.weight: expected [2], found [3]")
        }
        #expect(opt.stepCount == 0)
    }

    @Test func clipping() {
        let a = Parameter(Tensor([0, 0])), b = Parameter(Tensor([0]))
        setGradient(a, [3, 4]); setGradient(b, [12])
        // Total norm √(9 + 16 + 144) = 13; factor 6.5/(13 + 1e-6) ≈ 0.5.
        let total = clipGradientNorm([a, b], maxNorm: 6.5)
        #expect(abs(total - 13) < 1e-5)
        for (g, e) in zip((a.grad?.scalars ?? []) + (b.grad?.scalars ?? []), [1.5, 2, 6] as [Float]) { #expect(abs(g - e) < 1e-5) }
        // Below the limit: unchanged.
        #expect(abs(clipGradientNorm([a, b], maxNorm: 100) - 6.5) < 1e-4)
        #expect(abs((b.grad?.scalars.first ?? 0) - 6) < 1e-5)

        let w = Parameter(Tensor([-0.5, 0.005, 0.2]))
        clipWeights([w], to: 0.01)
        #expect(w.value.scalars == [-0.01, 0.005, 0.01])
    }
}
