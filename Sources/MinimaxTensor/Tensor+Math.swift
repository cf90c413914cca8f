import Foundation

/// Elementwise math: exp, log, sqrt, pow, abs.
extension Tensor {
    /// eˣ; d/dx = eˣ, the output itself.
    public func exp() -> Tensor {
        Tensor.record("exp", shape, Kernels.unary(ExpKernel.self, scalars), inputs: [self]) { g, y in [g * y] }
    }

    /// Natural logarithm; d/dx = 1/x.
    public func log() -> Tensor {
        let x = self
        return Tensor.record("log", shape, Kernels.unary(LogKernel.self, scalars), inputs: [self]) { g, _ in [g / x] }
    }

    /// √x; d/dx = 1/(2√x). Infinite slope at 0, as in PyTorch.
    public func sqrt() -> Tensor {
        Tensor.record("sqrt", shape, Kernels.unary(SqrtKernel.self, scalars), inputs: [self]) { g, y in [g * 0.5 / y] }
    }

    /// xᵖ for a constant exponent; d/dx = p·xᵖ⁻¹ (exactly 0 for p = 0, as in PyTorch, not 0·x⁻¹ = NaN at 0).
    public func pow(_ exponent: Float) -> Tensor {
        let x = self
        if exponent == 2 { return x * x }
        let out = [Float](unsafeUninitializedCapacity: count) { buffer, n in
            scalars.withUnsafeBufferPointer { src in
                for i in 0..<src.count { buffer[i] = Foundation.pow(src[i], exponent) }
            }
            n = count
        }
        return Tensor.record("pow", shape, out, inputs: [self]) { g, _ in
            [exponent == 0 ? nil : g * exponent * x.pow(exponent - 1)]
        }
    }

    /// |x|; the gradient is sign(x), 0 at the kink (as in PyTorch).
    public func abs() -> Tensor {
        let sign = Tensor(shape: shape, scalars: Kernels.unary(SignKernel.self, scalars))
        return Tensor.record("abs", shape, Kernels.unary(AbsKernel.self, scalars), inputs: [self]) { g, _ in [g * sign] }
    }

    /// The square, x·x (a composition).
    public func squared() -> Tensor { self * self }
}
