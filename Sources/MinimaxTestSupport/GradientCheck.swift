import MinimaxTensor

/// Finite-difference gradient checks for tests (JAX's `check_vjp` idea).
///
/// For f: inputs → output, picks a fixed random cotangent w (so L = Σ w·f is a scalar)
/// and a fixed random direction v per input, then compares the directional derivative
/// ⟨∇L, v⟩ from autograd with the central difference (L(x+εv) − L(x−εv)) / 2ε computed
/// in Double from Float32 evaluations. Float32 rounding limits the agreement: with
/// ε = 1e-2 and inputs of order 1, the default tolerance |a − n| ≤ 2e-2·max(|a|, |n|) + 2e-3
/// catches wrong pullbacks (which are off by O(1)) without flaking. Keep inputs away from
/// kinks (relu at 0, abs at 0, max ties) or test the kink separately.
public enum GradientCheck {
    /// A deterministic pseudo-random array in [-1, 1) (a small LCG: tests need no RNG stream).
    public static func values(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2_000_000) / 1_000_000 - 1
        }
    }

    /// A tensor of `shape` with values from `values(_:seed:)`, scaled and shifted.
    public static func tensor(_ shape: [Int], seed: UInt64, scale: Float = 1, offset: Float = 0) -> Tensor {
        Tensor(shape: shape, scalars: values(shape.reduce(1, *), seed: seed).map { $0 * scale + offset })
    }

    /// The result of one check: autograd's and the numerical directional derivatives.
    public struct Result: CustomStringConvertible {
        public let analytic: Double
        public let numeric: Double
        public let tolerance: Double
        public var passed: Bool { Swift.abs(analytic - numeric) <= tolerance && analytic.isFinite && numeric.isFinite }
        public var description: String { "analytic \(analytic), numeric \(numeric), tolerance \(tolerance)" }
    }

    /// Checks the gradient of `f` at `inputs` (all differentiated).
    public static func check(_ inputs: [Tensor], epsilon: Float = 1e-2, relative: Double = 2e-2, absolute: Double = 2e-3,
                             seed: UInt64 = 7, _ f: ([Tensor]) -> Tensor) -> Result {
        let leaves = inputs.map { $0.requiringGrad() }
        let output = f(leaves)
        let cotangent = tensor(output.shape, seed: seed &+ 1000)
        let loss = (output * cotangent).sum()
        let grads = gradients(of: loss, wrt: leaves)
        let directions = inputs.enumerated().map { tensor($0.element.shape, seed: seed &+ UInt64($0.offset) &+ 1) }
        var analytic = 0.0
        for (g, v) in zip(grads, directions) {
            for (a, b) in zip(g.scalars, v.scalars) { analytic += Double(a) * Double(b) }
        }
        func lossAt(_ sign: Float) -> Double {
            let moved = zip(inputs, directions).map { x, v in
                Tensor(shape: x.shape, scalars: zip(x.scalars, v.scalars).map { $0 + sign * epsilon * $1 })
            }
            // Inputs require gradients so that an f which itself differentiates works.
            let y = f(moved.map { $0.requiringGrad() })
            return zip(y.scalars, cotangent.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let numeric = (lossAt(1) - lossAt(-1)) / (2 * Double(epsilon))
        let tolerance = relative * Swift.max(Swift.abs(analytic), Swift.abs(numeric)) + absolute
        return Result(analytic: analytic, numeric: numeric, tolerance: tolerance)
    }

    /// Second order: checks the gradient of x ↦ ⟨∇ₓ L(x), u⟩ (a gradient built with
    /// `createGraph: true`), i.e. a Hessian-vector product, against finite differences.
    public static func checkSecondOrder(_ inputs: [Tensor], epsilon: Float = 1e-2, relative: Double = 3e-2,
                                        absolute: Double = 3e-3, seed: UInt64 = 11, _ f: ([Tensor]) -> Tensor) -> Result {
        check(inputs, epsilon: epsilon, relative: relative, absolute: absolute, seed: seed) { xs in
            let y = f(xs)
            let w = tensor(y.shape, seed: seed &+ 2000)
            let gs = gradients(of: (y * w).sum(), wrt: xs, createGraph: true)
            var total = Tensor(0)
            for (i, g) in gs.enumerated() {
                total = total + (g * tensor(g.shape, seed: seed &+ 3000 &+ UInt64(i))).sum()
            }
            return total
        }
    }
}
