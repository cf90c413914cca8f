import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Runs `GradientCheck.check` (tolerances in its doc) and reports a failure at the caller's line.
func expectGradient(_ inputs: [Tensor], seed: UInt64 = 7, _ label: String = "",
                    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
    let result = GradientCheck.check(inputs, seed: seed, f)
    #expect(result.passed, "\(label) \(result)", sourceLocation: sourceLocation)
}

/// Runs `GradientCheck.checkSecondOrder` (a Hessian-vector product against finite differences).
func expectSecondOrder(_ inputs: [Tensor], seed: UInt64 = 11, _ label: String = "",
                       sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
    let result = GradientCheck.checkSecondOrder(inputs, seed: seed, f)
    #expect(result.passed, "\(label) \(result)", sourceLocation: sourceLocation)
}

/// Elementwise |actual − expected| ≤ relative·|expected| + absolute, with equal shapes.
/// (Not symmetric: `expected` is the reference.)
func expectClose(_ actual: Tensor, _ expected: Tensor, relative: Float = 1e-5, absolute: Float = 1e-6,
                 _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "\(label) shape \(actual.shape) ≠ \(expected.shape)", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    expectClose(actual.scalars, expected.scalars, relative: relative, absolute: absolute, label, sourceLocation: sourceLocation)
}

/// The same check on plain arrays; reports the first few mismatching indices.
func expectClose(_ actual: [Float], _ expected: [Float], relative: Float = 1e-5, absolute: Float = 1e-6,
                 _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(label) \(actual.count) values ≠ \(expected.count)", sourceLocation: sourceLocation)
    var bad: [String] = []
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let ok = a == e || Swift.abs(a - e) <= relative * Swift.abs(e) + absolute
        if !ok { bad.append("[\(i)] \(a) vs \(e)") }
    }
    #expect(bad.isEmpty, "\(label) \(bad.count) mismatches: \(bad.prefix(4).joined(separator: ", "))", sourceLocation: sourceLocation)
}

/// d(sum(f(x)))/dx for one input (for hand-computed gradient expectations).
func gradientOfSum(_ x: Tensor, _ f: (Tensor) -> Tensor) -> Tensor {
    let leaf = x.requiringGrad()
    return gradients(of: f(leaf).sum(), wrt: [leaf])[0]
}

/// Every element of d(Σ w·f)/d(input) against its own central difference (a full Jacobian-
/// vector check, for tiny shapes): catches a wrong entry that a single random direction
/// could average away. f is evaluated in Float32 and differenced in Double with ε = 1e-2,
/// tolerance |a − n| ≤ 1e-2·max(|a|, |n|) + 1e-3 per element.
func expectElementwiseGradient(_ inputs: [Tensor], _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation,
                               _ f: ([Tensor]) -> Tensor) {
    let epsilon: Float = 1e-2
    let leaves = inputs.map { $0.requiringGrad() }
    let output = f(leaves)
    let w = GradientCheck.tensor(output.shape, seed: 99)
    let grads = gradients(of: (output * w).sum(), wrt: leaves)
    func loss(_ xs: [Tensor]) -> Double {
        zip(f(xs).scalars, w.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    var bad: [String] = []
    for (i, x) in inputs.enumerated() {
        for j in 0..<x.count {
            func moved(_ sign: Float) -> [Tensor] {
                var xs = inputs
                var scalars = x.scalars
                scalars[j] += sign * epsilon
                xs[i] = Tensor(shape: x.shape, scalars: scalars)
                return xs
            }
            let numeric = (loss(moved(1)) - loss(moved(-1))) / (2 * Double(epsilon))
            let analytic = Double(grads[i].scalars[j])
            if Swift.abs(analytic - numeric) > 1e-2 * Swift.max(Swift.abs(analytic), Swift.abs(numeric)) + 1e-3 {
                bad.append("input \(i)[\(j)]: analytic \(analytic), numeric \(numeric)")
            }
        }
    }
    #expect(bad.isEmpty, "\(label) \(bad.count) wrong entries: \(bad.prefix(4).joined(separator: "; "))", sourceLocation: sourceLocation)
}
