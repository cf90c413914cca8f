/// Reductions over axes. `sum` and `max` are primitives; `mean`, `logsumexp` and
/// `variance` are compositions of them.
protocol ReduceKernel {
    static var initial: Double { get }
    static func combine(_ accumulator: Double, _ x: Float) -> Double
}
enum SumReduce: ReduceKernel {
    static var initial: Double { 0 }
    @inline(__always) static func combine(_ a: Double, _ x: Float) -> Double { a + Double(x) }
}
enum MaxReduce: ReduceKernel {
    static var initial: Double { -.infinity }
    @inline(__always) static func combine(_ a: Double, _ x: Float) -> Double { Swift.max(a, Double(x)) }
}

extension Tensor {
    /// The shape after reducing `axes`: size 1 there (`keepDims`) or removed.
    static func reducedShape(_ shape: [Int], axes: [Int], keepDims: Bool) -> [Int] {
        var out: [Int] = []
        for (i, d) in shape.enumerated() {
            if axes.contains(i) { if keepDims { out.append(1) } } else { out.append(d) }
        }
        return out
    }

    /// Reduces `axes` (sorted, normalised) with kernel K, accumulating in Double, in row-major
    /// order of the input so the result never depends on thread count. Returns the keepDims shape.
    static func reduce<K: ReduceKernel>(_: K.Type, _ x: Tensor, axes: [Int]) -> (shape: [Int], scalars: [Float]) {
        let keepShape = reducedShape(x.shape, axes: axes, keepDims: true)
        let outCount = keepShape.reduce(1, *)
        var acc = [Double](repeating: K.initial, count: outCount)
        let total = x.count
        let rank = x.rank
        if total > 0 {
            // Output strides seen from the input's index space (0 along reduced axes).
            let outStrides = Shape.broadcastStrides(keepShape, to: x.shape)
            let inner = rank > 0 ? x.shape[rank - 1] : 1
            let innerStride = rank > 0 ? outStrides[rank - 1] : 0
            x.scalars.withUnsafeBufferPointer { px in
                acc.withUnsafeMutableBufferPointer { pa in
                    var index = [Int](repeating: 0, count: Swift.max(rank - 1, 0))
                    var offset = 0, i = 0
                    while i < total {
                        if innerStride == 0 {
                            var a = pa[offset]
                            for j in 0..<inner { a = K.combine(a, px[i + j]) }
                            pa[offset] = a
                        } else {
                            for j in 0..<inner { pa[offset + j] = K.combine(pa[offset + j], px[i + j]) }
                        }
                        i += inner
                        var d = rank - 2
                        while d >= 0 {
                            index[d] += 1
                            offset += outStrides[d]
                            if index[d] < x.shape[d] { break }
                            offset -= outStrides[d] * x.shape[d]
                            index[d] = 0
                            d -= 1
                        }
                    }
                }
            }
        }
        return (keepShape, acc.map { Float($0) })
    }

    /// Sum over `axes` (nil: all). Pullback: broadcast the gradient back.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = Shape.axes(axes, of: shape, op: "sum")
        let (keepShape, out) = Tensor.reduce(SumReduce.self, self, axes: axes)
        let shape = keepDims ? keepShape : Tensor.reducedShape(self.shape, axes: axes, keepDims: false)
        let inputShape = self.shape
        return Tensor.record("sum", shape, out, inputs: [self]) { g, _ in
            [g.reshaped(keepShape).broadcast(to: inputShape)]
        }
    }

    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// Mean over `axes` (nil: all).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let normalised = Shape.axes(axes, of: shape, op: "mean")
        let n = normalised.reduce(1) { $0 * shape[$1] }
        precondition(n > 0, "mean: reducing axes \(normalised) of shape \(shape) with no elements")
        return sum(axes: normalised, keepDims: keepDims) / Float(n)
    }

    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// Maximum over `axes` (nil: all). The gradient is shared equally among ties (like `torch.amax`).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = Shape.axes(axes, of: shape, op: "max")
        precondition(count > 0, "max: empty tensor of shape \(shape)")
        let (keepShape, out) = Tensor.reduce(MaxReduce.self, self, axes: axes)
        let shape = keepDims ? keepShape : Tensor.reducedShape(self.shape, axes: axes, keepDims: false)
        let x = self
        return Tensor.record("max", shape, out, inputs: [self]) { g, y in
            let isMax = x.equal(y.detached().reshaped(keepShape))
            let ties = isMax.sum(axes: axes, keepDims: true)
            return [g.reshaped(keepShape) * isMax / ties]
        }
    }

    public func max(axis: Int, keepDims: Bool = false) -> Tensor { max(axes: [axis], keepDims: keepDims) }

    /// log Σ exp(x) over `axes`, shifted by the (constant) maximum for stability.
    public func logsumexp(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let normalised = Shape.axes(axes, of: shape, op: "logsumexp")
        let m = detached().max(axes: normalised, keepDims: true)
        let safeM = Tensor(shape: m.shape, scalars: m.scalars.map { $0.isFinite ? $0 : 0 })
        let y = (self - safeM).exp().sum(axes: normalised, keepDims: true).log() + safeM
        return keepDims ? y : y.reshaped(Tensor.reducedShape(shape, axes: normalised, keepDims: false))
    }

    /// Population variance (divisor n, like `torch.var(unbiased=False)`) over `axes`;
    /// `unbiased: true` divides by n − 1.
    public func variance(axes: [Int]? = nil, keepDims: Bool = false, unbiased: Bool = false) -> Tensor {
        let normalised = Shape.axes(axes, of: shape, op: "variance")
        let n = normalised.reduce(1) { $0 * shape[$1] }
        precondition(n > (unbiased ? 1 : 0), "variance: \(n) elements over axes \(normalised) of shape \(shape)")
        let centred = self - mean(axes: normalised, keepDims: true)
        return (centred * centred).sum(axes: normalised, keepDims: keepDims) / Float(unbiased ? n - 1 : n)
    }
}
