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
    ///
    /// Dimensions that are reduced (or kept) together are merged first (`Shape.collapsed`), so
    /// the inner loop runs over long rows: a column sum of `[N, C]` adds whole rows into the C
    /// accumulators, a per-channel sum of `[N, C, H, W]` runs over planes of H·W. The order of
    /// the additions is the same as element by element.
    static func reduce<K: ReduceKernel>(_: K.Type, _ x: Tensor, axes: [Int]) -> (shape: [Int], scalars: [Float]) {
        let keepShape = reducedShape(x.shape, axes: axes, keepDims: true)
        let outCount = keepShape.reduce(1, *)
        let total = x.count
        return (keepShape, [Float](unsafeUninitializedCapacity: outCount) { result, initialized in
            initialized = outCount
            guard outCount > 0 else { return }
            let acc = UnsafeMutablePointer<Double>.allocate(capacity: outCount)
            defer { acc.deallocate() }
            acc.initialize(repeating: K.initial, count: outCount)
            if total > 0 {
                // Output strides seen from the input's index space (0 along reduced axes).
                let (dims, strides) = Shape.collapsed(x.shape, [Shape.broadcastStrides(keepShape, to: x.shape)])
                let inner = dims[dims.count - 1], innerStride = strides[0][dims.count - 1]
                x.scalars.withUnsafeBufferPointer { px in
                    let src = px.baseAddress!
                    // Each worker owns a range of outputs and adds into them in the same row order
                    // as one thread would: the split changes which thread adds, never the order.
                    func accumulate(into outputs: Range<Int>) {
                        Kernels.walkRows(dims, strides) { i, offsets in
                            let row = src + i, o = offsets[0]
                            if innerStride == 0 {
                                guard outputs.contains(o) else { return }
                                var a = acc[o]
                                for j in 0..<inner { a = K.combine(a, row[j]) }
                                acc[o] = a
                            } else if innerStride == 1 {
                                let from = Swift.max(0, outputs.lowerBound - o), to = Swift.min(inner, outputs.upperBound - o)
                                let into = acc + o
                                if from < to { for j in from..<to { into[j] = K.combine(into[j], row[j]) } }
                            } else {
                                let into = acc + o
                                for j in 0..<inner { into[j * innerStride] = K.combine(into[j * innerStride], row[j]) }
                            }
                        }
                    }
                    let parts = total >= Kernels.parallelElements && innerStride <= 1 ? Swift.min(Engine.threads, outCount) : 1
                    if parts > 1 {
                        Parallel.run(parts: parts) { p in
                            accumulate(into: Parallel.chunk(p, of: parts, count: outCount))
                        }
                    } else {
                        accumulate(into: 0..<outCount)
                    }
                }
            }
            for i in 0..<outCount { result[i] = Float(acc[i]) }
        })
    }

    /// Sum over `axes` (nil: all). Pullback: broadcast the gradient back.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        sum(axes: axes, keepDims: keepDims, precomputed: nil)
    }

    /// `sum` whose values a fused kernel has already computed in the same order (`precomputed`,
    /// in the keepDims shape's order), recorded as the same op.
    func sum(axes: [Int]?, keepDims: Bool = false, precomputed: [Float]?) -> Tensor {
        let axes = Shape.axes(axes, of: shape, op: "sum")
        let keepShape: [Int], out: [Float]
        if let precomputed {
            keepShape = Tensor.reducedShape(shape, axes: axes, keepDims: true)
            out = precomputed
        } else {
            (keepShape, out) = Tensor.reduce(SumReduce.self, self, axes: axes)
        }
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
