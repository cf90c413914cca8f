import CKernels
import Foundation

/// Activations and selections. The kinks of relu, leakyReLU, clamp and abs use a constant
/// mask as their derivative, so second derivatives are zero there, as in PyTorch.
extension Tensor {
    /// max(x, 0), NaN kept. Gradient: g where x > 0, else g·0 (`scaledBySlope`).
    public func relu() -> Tensor {
        let x = self
        let out = scalars.withUnsafeBufferPointer { src in
            Kernels.mapped(count: count) { dst, r in minimax_relu(src.baseAddress! + r.lowerBound, dst + r.lowerBound, r.count) }
        }
        return Tensor.record("relu", shape, out, inputs: [self]) { g, _ in
            [g.scaledBySlope(of: x, negativeSlope: 0)]
        }
    }

    /// x for x > 0, slope·x otherwise. Gradient: g where x > 0, else g·slope (`scaledBySlope`).
    public func leakyReLU(_ slope: Float = 0.01) -> Tensor {
        let x = self
        let out = scalars.withUnsafeBufferPointer { src in
            Kernels.mapped(count: count) { dst, r in
                minimax_leaky_relu(src.baseAddress! + r.lowerBound, dst + r.lowerBound, r.count, slope)
            }
        }
        return Tensor.record("leakyReLU", shape, out, inputs: [self]) { g, _ in
            [g.scaledBySlope(of: x, negativeSlope: slope)]
        }
    }

    /// `self · (x > 0 ? 1 : negativeSlope)` elementwise: the pullback of relu (slope 0) and
    /// leakyReLU, a product with a constant mask of x (no gradient flows to x), so its own
    /// pullback is itself. Fused for speed: the mask is read off x in the same pass instead of
    /// being stored by the forward op, bit for bit `self * mask` (a multiplication even by 0,
    /// so a NaN or infinite gradient and the sign of zero behave as in that product).
    func scaledBySlope(of x: Tensor, negativeSlope: Float) -> Tensor {
        precondition(x.shape == shape, "scaledBySlope: gradient \(shape) and input \(x.shape) differ")
        return scaledBySlope(of: x, negativeSlope: negativeSlope,
                             precomputed: scalars.withUnsafeBufferPointer { g in
                                 x.scalars.withUnsafeBufferPointer { m in
                                     Kernels.mapped(count: count) { dst, r in
                                         minimax_slope_mask(g.baseAddress! + r.lowerBound, m.baseAddress! + r.lowerBound,
                                                            dst + r.lowerBound, r.count, negativeSlope)
                                     }
                                 }
                             })
    }

    private func scaledBySlope(of x: Tensor, negativeSlope: Float, precomputed out: [Float]) -> Tensor {
        Tensor.record("scaledBySlope", shape, out, inputs: [self]) { gg, _ in
            [gg.scaledBySlope(of: x, negativeSlope: negativeSlope)]
        }
    }

    /// `scaledBySlope` of a `[rows, columns]` gradient, and the column sums of the result
    /// (Σ over rows in Double, rows in order: the bits of `sum(axes: [0])`) from the same pass,
    /// for a fused linear layer's bias gradient.
    func scaledBySlopeAndColumnSums(of x: Tensor, negativeSlope: Float) -> (scaled: Tensor, columnSums: [Float]) {
        precondition(rank == 2 && x.shape == shape, "scaledBySlope: gradient \(shape) and input \(x.shape) differ")
        let rows = shape[0], columns = shape[1]
        var sums = [Float](repeating: 0, count: columns)
        let out = [Float](unsafeUninitializedCapacity: count) { out, initialized in
            initialized = count
            guard count > 0, let dst = out.baseAddress else { return }
            scalars.withUnsafeBufferPointer { pg in
                x.scalars.withUnsafeBufferPointer { px in
                    sums.withUnsafeMutableBufferPointer { ps in
                        let (g, mask, total) = (pg.baseAddress!, px.baseAddress!, ps.baseAddress!)
                        Parallel.forChunks(of: columns, work: 2 * count) { range in
                            let acc = UnsafeMutablePointer<Double>.allocate(capacity: range.count)
                            defer { acc.deallocate() }
                            acc.initialize(repeating: 0, count: range.count)
                            for r in 0..<rows {
                                let offset = r * columns + range.lowerBound
                                // minimax_slope_mask's product, and acc[j] + Double(product), in one pass.
                                minimax_slope_mask_row_sums(g + offset, mask + offset, dst + offset, acc, range.count,
                                                            negativeSlope)
                            }
                            for j in 0..<range.count { total[range.lowerBound + j] = Float(acc[j]) }
                        }
                    }
                }
            }
        }
        return (scaledBySlope(of: x, negativeSlope: negativeSlope, precomputed: out), sums)
    }

    /// σ(x) = 1/(1+e⁻ˣ), stable for large |x|; d/dx = σ(1−σ).
    public func sigmoid() -> Tensor {
        Tensor.record("sigmoid", shape, Kernels.unary(SigmoidKernel.self, scalars), inputs: [self]) { g, y in
            [g * y * (1 - y)]
        }
    }

    /// tanh(x); d/dx = 1 − tanh².
    public func tanh() -> Tensor {
        Tensor.record("tanh", shape, Kernels.unary(TanhKernel.self, scalars), inputs: [self]) { g, y in
            [g * (1 - y * y)]
        }
    }

    /// log(1+eˣ), fused for stability (no overflow for large x); d/dx = σ(x).
    public func softplus() -> Tensor {
        let x = self
        return Tensor.record("softplus", shape, Kernels.unary(SoftplusKernel.self, scalars), inputs: [self]) { g, _ in
            [g * x.sigmoid()]
        }
    }

    /// log σ(x) = −softplus(−x), stable for large |x| (a composition).
    public func logSigmoid() -> Tensor { -(-self).softplus() }

    /// Values limited to [min, max]; gradient 1 inside, 0 outside.
    public func clamp(min low: Float, max high: Float) -> Tensor {
        precondition(low <= high, "clamp: min \(low) is greater than max \(high)")
        var out = scalars
        var inside = [Float](repeating: 1, count: count)
        out.withUnsafeMutableBufferPointer { o in
            inside.withUnsafeMutableBufferPointer { m in
                for i in 0..<o.count {
                    if o[i] < low { o[i] = low; m[i] = 0 } else if o[i] > high { o[i] = high; m[i] = 0 }
                }
            }
        }
        let mask = Tensor(shape: shape, scalars: inside)
        return Tensor.record("clamp", shape, out, inputs: [self]) { g, _ in [g * mask] }
    }

    /// Elementwise choice: `a` where `mask` is nonzero, `b` elsewhere (all three broadcast).
    /// Unlike `a·m + b·(1−m)`, a NaN or Inf in the branch not taken does not leak through.
    public static func `where`(_ mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Shape.broadcast(Shape.broadcast(mask.shape, a.shape, op: "where"), b.shape, op: "where")
        let m = mask.shape == shape ? mask : mask.detached().broadcast(to: shape)
        let a = a.shape == shape ? a : a.broadcast(to: shape)
        let b = b.shape == shape ? b : b.broadcast(to: shape)
        var out = b.scalars
        var keep = [Float](repeating: 0, count: out.count)
        out.withUnsafeMutableBufferPointer { o in
            keep.withUnsafeMutableBufferPointer { k in
                m.scalars.withUnsafeBufferPointer { pm in
                    a.scalars.withUnsafeBufferPointer { pa in
                        for i in 0..<o.count where pm[i] != 0 { o[i] = pa[i]; k[i] = 1 }
                    }
                }
            }
        }
        let keepMask = Tensor(shape: shape, scalars: keep)
        return record("where", shape, out, inputs: [a, b]) { g, _ in
            [g * keepMask, g * (1 - keepMask)]
        }
    }

    /// Elementwise maximum of two tensors (`torch.maximum`): a NaN in either wins, and a tie
    /// sends half the gradient to each operand, as PyTorch does.
    public func maximum(_ other: Tensor) -> Tensor {
        let shape = Shape.broadcast(self.shape, other.shape, op: "maximum")
        let a = self.shape == shape ? self : broadcast(to: shape)
        let b = other.shape == shape ? other : other.broadcast(to: shape)
        let (_, out) = Kernels.binary(MaximumKernel.self, a, b, op: "maximum")
        let share = a.greater(b) + a.equal(b) * 0.5
        return Tensor.record("maximum", shape, out, inputs: [a, b]) { g, _ in [g * share, g * (1 - share)] }
    }
}
