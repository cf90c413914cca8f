/// Broadcasting arithmetic. Each pullback reduces the incoming gradient back to its
/// operand's shape with `sum(toShape:)`, the adjoint of broadcasting.
extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = Kernels.binary(AddKernel.self, a, b, op: "add")
        return record("add", shape, out, inputs: [a, b]) { g, _ in
            [a.needsGradient ? g.sum(toShape: a.shape) : nil, b.needsGradient ? g.sum(toShape: b.shape) : nil]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = Kernels.binary(SubKernel.self, a, b, op: "subtract")
        return record("subtract", shape, out, inputs: [a, b]) { g, _ in
            [a.needsGradient ? g.sum(toShape: a.shape) : nil, b.needsGradient ? (-g).sum(toShape: b.shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = Kernels.binary(MulKernel.self, a, b, op: "multiply")
        return record("multiply", shape, out, inputs: [a, b]) { g, _ in
            [a.needsGradient ? (g * b).sum(toShape: a.shape) : nil,
             b.needsGradient ? (g * a).sum(toShape: b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = Kernels.binary(DivKernel.self, a, b, op: "divide")
        return record("divide", shape, out, inputs: [a, b]) { g, _ in
            [a.needsGradient ? (g / b).sum(toShape: a.shape) : nil,
             b.needsGradient ? (-(g * a) / (b * b)).sum(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        record("negate", x.shape, Kernels.unary(NegKernel.self, x.scalars), inputs: [x]) { g, _ in [-g] }
    }

    public static func + (a: Tensor, b: Float) -> Tensor { a + Tensor(b) }
    public static func + (a: Float, b: Tensor) -> Tensor { Tensor(a) + b }
    public static func - (a: Tensor, b: Float) -> Tensor { a - Tensor(b) }
    public static func - (a: Float, b: Tensor) -> Tensor { Tensor(a) - b }
    public static func * (a: Tensor, b: Float) -> Tensor { a * Tensor(b) }
    public static func * (a: Float, b: Tensor) -> Tensor { Tensor(a) * b }
    public static func / (a: Tensor, b: Float) -> Tensor { a / Tensor(b) }
    public static func / (a: Float, b: Tensor) -> Tensor { Tensor(a) / b }

    public static func += (a: inout Tensor, b: Tensor) { a = a + b }
    public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
    public static func *= (a: inout Tensor, b: Tensor) { a = a * b }

    /// 1 where `self > other`, else 0 (a constant: comparisons have no gradient).
    public func greater(_ other: Tensor) -> Tensor {
        let (shape, out) = Kernels.binary(GreaterKernel.self, self, other, op: "greater")
        return Tensor(shape: shape, scalars: out)
    }

    /// 1 where `self == other`, else 0 (a constant).
    public func equal(_ other: Tensor) -> Tensor {
        let (shape, out) = Kernels.binary(EqualKernel.self, self, other, op: "equal")
        return Tensor(shape: shape, scalars: out)
    }
}
