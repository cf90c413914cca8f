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
