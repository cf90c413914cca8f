/// Layout ops: reshape, broadcast and its adjoint, permute, slice/pad, concat, row gather.
/// Every result is contiguous: an op that changes layout copies.
extension Tensor {
    /// The same elements with a new shape (one dimension may be -1: inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var newShape = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().reduce(1) { $1.offset == inferred ? $0 : $0 * $1.element }
            precondition(known > 0 && count % known == 0,
                         "reshape: cannot infer -1 in \(newShape) for \(count) elements of shape \(shape)")
            newShape[inferred] = count / known
        }
        Tensor.checkShape(newShape, op: "reshape")
        precondition(newShape.reduce(1, *) == count, "reshape: shape \(shape) (\(count) elements) cannot become \(newShape)")
        if newShape == shape { return self }
        let oldShape = shape
        return Tensor.record("reshape", newShape, scalars, inputs: [self]) { g, _ in [g.reshaped(oldShape)] }
    }

    /// Flattens all dimensions from `startAxis` on into one.
    public func flattened(from startAxis: Int = 1) -> Tensor {
        let a = Shape.axis(startAxis, of: shape, op: "flatten")
        return reshaped(Array(shape[..<a]) + [shape[a...].reduce(1, *)])
    }

    /// Repeats size-1 (or missing leading) dimensions to `target` (NumPy rules). Adjoint: `sum(toShape:)`.
    public func broadcast(to target: [Int]) -> Tensor {
        if target == shape { return self }
        precondition(Shape.broadcast(shape, target, op: "broadcast") == target,
                     "broadcast: shape \(shape) cannot be broadcast to \(target)")
        let out = Kernels.broadcast(self, to: target)
        let source = shape
        return Tensor.record("broadcast", target, out, inputs: [self]) { g, _ in [g.sum(toShape: source)] }
    }

    /// Sums a broadcast result back to `target`, the shape it was broadcast from. Adjoint: `broadcast(to:)`.
    public func sum(toShape target: [Int]) -> Tensor {
        if target == shape { return self }
        precondition(Shape.broadcast(target, shape, op: "sum(toShape:)") == shape,
                     "sum(toShape:): shape \(shape) is not a broadcast of \(target)")
        let offset = rank - target.count
        var axes = Array(0..<offset)
        for (i, d) in target.enumerated() where d == 1 && shape[i + offset] != 1 { axes.append(i + offset) }
        return sum(axes: axes, keepDims: true).reshaped(target)
    }

    /// Dimensions reordered: result dimension i is input dimension `order[i]` (`torch.permute`).
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.count == rank && Set(order) == Set(0..<rank),
                     "permute: \(order) is not a permutation of the \(rank) axes of shape \(shape)")
        if order == Array(0..<rank) { return self }
        let outShape = order.map { shape[$0] }
        let inStrides = Shape.strides(shape)
        let walk = order.map { inStrides[$0] }
        let total = count
        let out = [Float](unsafeUninitializedCapacity: total) { out, n in
            n = total
            guard total > 0 else { return }
            scalars.withUnsafeBufferPointer { src in
                let r = outShape.count
                let inner = outShape[r - 1], innerStride = walk[r - 1]
                var index = [Int](repeating: 0, count: r - 1)
                var offset = 0, o = 0
                while o < total {
                    for j in 0..<inner { out[o + j] = src[offset + j * innerStride] }
                    o += inner
                    var d = r - 2
                    while d >= 0 {
                        index[d] += 1
                        offset += walk[d]
                        if index[d] < outShape[d] { break }
                        offset -= walk[d] * outShape[d]
                        index[d] = 0
                        d -= 1
                    }
                }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, o) in order.enumerated() { inverse[o] = i }
        return Tensor.record("permute", outShape, out, inputs: [self]) { g, _ in [g.permuted(inverse)] }
    }

    /// Swaps the last two dimensions (a matrix transpose for rank 2).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transpose: needs rank ≥ 2, got shape \(shape)")
        var order = Array(0..<rank)
        order.swapAt(rank - 1, rank - 2)
        return permuted(order)
    }

    /// Elements `range` along `axis`. Adjoint: zero padding.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let a = Shape.axis(axis, of: shape, op: "slice")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[a],
                     "slice: range \(range) is out of bounds for axis \(a) of size \(shape[a]) (shape \(shape))")
        if range == 0..<shape[a] { return self }
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        var outShape = shape
        outShape[a] = range.count
        let block = range.count * inner, stride = shape[a] * inner, start = range.lowerBound * inner
        var out = [Float](repeating: 0, count: outer * block)
        out.withUnsafeMutableBufferPointer { o in
            scalars.withUnsafeBufferPointer { s in
                for i in 0..<outer {
                    (o.baseAddress! + i * block).update(from: s.baseAddress! + i * stride + start, count: block)
                }
            }
        }
        let size = shape[a]
        return Tensor.record("slice", outShape, out, inputs: [self]) { g, _ in
            [g.padded(axis: a, before: range.lowerBound, after: size - range.upperBound)]
        }
    }

    /// Zeros added before and after along `axis`. Adjoint: slice.
    public func padded(axis: Int, before: Int, after: Int, value: Float = 0) -> Tensor {
        let a = Shape.axis(axis, of: shape, op: "pad")
        precondition(before >= 0 && after >= 0, "pad: negative padding (\(before), \(after)) on axis \(a) of shape \(shape)")
        if before == 0 && after == 0 { return self }
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        var outShape = shape
        outShape[a] += before + after
        let block = shape[a] * inner, outStride = outShape[a] * inner
        var out = [Float](repeating: value, count: outer * outStride)
        out.withUnsafeMutableBufferPointer { o in
            scalars.withUnsafeBufferPointer { s in
                for i in 0..<outer where block > 0 {
                    (o.baseAddress! + i * outStride + before * inner).update(from: s.baseAddress! + i * block, count: block)
                }
            }
        }
        let size = shape[a]
        return Tensor.record("pad", outShape, out, inputs: [self]) { g, _ in
            [g.slice(axis: a, before..<(before + size))]
        }
    }

    /// Constant padding of the last two (spatial) dimensions of an NCHW tensor.
    public func pad2d(top: Int, bottom: Int, left: Int, right: Int, value: Float = 0) -> Tensor {
        precondition(rank >= 2, "pad2d: needs rank ≥ 2, got shape \(shape)")
        return padded(axis: rank - 2, before: top, after: bottom, value: value)
            .padded(axis: rank - 1, before: left, after: right, value: value)
    }

    /// Tensors joined along `axis`; all other dimensions must agree. Adjoint: slices.
    public static func concat(_ tensors: [Tensor], axis: Int) -> Tensor {
        precondition(!tensors.isEmpty, "concat: no tensors")
        let first = tensors[0]
        let a = Shape.axis(axis, of: first.shape, op: "concat")
        for t in tensors {
            precondition(t.rank == first.rank && (0..<t.rank).allSatisfy { $0 == a || t.shape[$0] == first.shape[$0] },
                         "concat: shapes \(tensors.map(\.shape)) differ outside axis \(a)")
        }
        let outer = first.shape[..<a].reduce(1, *), inner = first.shape[(a + 1)...].reduce(1, *)
        var outShape = first.shape
        outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        let outStride = outShape[a] * inner
        var out = [Float](repeating: 0, count: outer * outStride)
        var start = 0
        var ranges: [Range<Int>] = []
        out.withUnsafeMutableBufferPointer { o in
            for t in tensors {
                let block = t.shape[a] * inner
                t.scalars.withUnsafeBufferPointer { s in
                    for i in 0..<outer where block > 0 {
                        (o.baseAddress! + i * outStride + start * inner).update(from: s.baseAddress! + i * block, count: block)
                    }
                }
                ranges.append(start..<(start + t.shape[a]))
                start += t.shape[a]
            }
        }
        return record("concat", outShape, out, inputs: tensors) { g, _ in ranges.map { g.slice(axis: a, $0) } }
    }

    /// Rows (entries along axis 0) picked by `indices`, repeats allowed (`torch.index_select(x, 0, i)`).
    /// Adjoint: `indexAdd`.
    public func gather(rows indices: [Int]) -> Tensor {
        precondition(rank >= 1, "gather: needs rank ≥ 1, got shape \(shape)")
        let n = shape[0], row = count / Swift.max(n, 1)
        for i in indices where i < 0 || i >= n {
            preconditionFailure("gather: index \(i) is out of range for \(n) rows (shape \(shape))")
        }
        var out = [Float](repeating: 0, count: indices.count * row)
        out.withUnsafeMutableBufferPointer { o in
            scalars.withUnsafeBufferPointer { s in
                for (k, i) in indices.enumerated() where row > 0 {
                    (o.baseAddress! + k * row).update(from: s.baseAddress! + i * row, count: row)
                }
            }
        }
        let outShape = [indices.count] + shape.dropFirst()
        return Tensor.record("gather", outShape, out, inputs: [self]) { g, _ in [g.indexAdd(rows: indices, count: n)] }
    }

    /// A tensor of `count` rows, zero except that row `indices[k]` accumulates row k of self.
    /// Adjoint: `gather(rows:)`.
    public func indexAdd(rows indices: [Int], count n: Int) -> Tensor {
        precondition(rank >= 1 && shape[0] == indices.count,
                     "indexAdd: \(indices.count) indices for shape \(shape)")
        precondition(n >= 0, "indexAdd: negative row count \(n) for shape \(shape)")
        let row = self.count / Swift.max(shape[0], 1)
        var out = [Float](repeating: 0, count: n * row)
        out.withUnsafeMutableBufferPointer { o in
            scalars.withUnsafeBufferPointer { s in
                for (k, i) in indices.enumerated() {
                    precondition(i >= 0 && i < n, "indexAdd: index \(i) is out of range for \(n) rows (shape \(shape))")
                    for j in 0..<row { o[i * row + j] += s[k * row + j] }
                }
            }
        }
        let outShape = [n] + shape.dropFirst()
        return Tensor.record("indexAdd", outShape, out, inputs: [self]) { g, _ in [g.gather(rows: indices)] }
    }
}
