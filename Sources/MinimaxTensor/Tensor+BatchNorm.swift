/// Training-mode batch normalisation as one op, fused for speed.
extension Tensor {
    /// `(x − mean) / √(var + eps) · weight + bias` with the batch statistics of every channel
    /// (axis 1) taken over all other axes (`var` biased), for input `[N, C, …]`, weight and bias
    /// `[C]` (both or neither). Returns the output and each channel's mean and biased variance
    /// (for running statistics).
    ///
    /// Fused for speed, not for accuracy: the values are bit-for-bit those of the composition
    /// `batchNormComposition` (the layer's textbook definition in tensor ops), and so is the
    /// gradient, computed in three passes over the data instead of some twenty tensor ops. Both
    /// follow the composition's floating-point operations one by one: Double accumulation in
    /// row-major order for every sum, and the tape's order of gradient accumulation (within the
    /// composition, x receives its centring term first, then the term through the mean). Caveat:
    /// when `x` also feeds other ops, the composition would add those ops' gradients to x before
    /// the two terms and this op adds the terms first, so the last bit of dx can differ.
    /// Under `createGraph` the pullback differentiates the composition itself, so gradients of
    /// gradients (R1 on a critic with batch norm) work as for the unfused layer.
    public static func batchNormTraining(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float)
        -> (output: Tensor, mean: [Float], variance: [Float]) {
        precondition(x.rank >= 2, "batchNorm: input must be [N, C, …], got shape \(x.shape)")
        precondition((weight == nil) == (bias == nil), "batchNorm: give both weight and bias or neither")
        let layout = BatchNormLayout(x.shape)
        if let weight, let bias {
            precondition(weight.shape == [layout.channels] && bias.shape == [layout.channels],
                         "batchNorm: weight \(weight.shape) and bias \(bias.shape) must be [\(layout.channels)] for input \(x.shape)")
        }
        precondition(layout.perChannel > 0, "batchNorm: no values per channel in input of shape \(x.shape)")
        var mean = [Float](repeating: 0, count: layout.channels)
        var variance = mean, std = mean
        let out = [Float](unsafeUninitializedCapacity: x.count) { buffer, initialized in
            initialized = x.count
            x.scalars.withUnsafeBufferPointer { px in
                mean.withUnsafeMutableBufferPointer { pm in
                    variance.withUnsafeMutableBufferPointer { pv in
                        std.withUnsafeMutableBufferPointer { ps in
                            let stats = BatchNormLayout.Statistics(mean: pm.baseAddress!, variance: pv.baseAddress!,
                                                                    std: ps.baseAddress!)
                            withOptionalPointers(weight?.scalars, bias?.scalars) { w, b in
                                Parallel.forChunks(of: layout.channels, work: 3 * x.count) { channels in
                                    layout.forward(x: px.baseAddress!, into: buffer.baseAddress!, channels: channels,
                                                   eps: eps, weight: w, bias: b, statistics: stats)
                                }
                            }
                        }
                    }
                }
            }
        }
        let statistics = (mean: mean, std: std)
        let output = record("batchNorm", x.shape, out, inputs: [x] + [weight, bias].compactMap { $0 }) { g, _ in
            if Autograd.isRecordingEnabled {
                return batchNormCompositionGradients(g, x: x, weight: weight, bias: bias, eps: eps)
            }
            let grads = layout.backward(g, x: x, weight: weight, mean: statistics.mean, std: statistics.std,
                                        needs: (x.needsGradient, weight?.needsGradient ?? false, bias?.needsGradient ?? false))
            return [grads.x] + (weight == nil ? [] : [grads.weight, grads.bias])
        }
        return (output, mean, variance)
    }

    /// Training-mode batch normalisation written in tensor ops: the definition that
    /// `batchNormTraining` computes bit for bit, and what its pullback differentiates under
    /// `createGraph`.
    public static func batchNormComposition(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) -> Tensor {
        let axes = [0] + Array(2..<x.rank)
        let statShape = [1, x.shape[1]] + [Int](repeating: 1, count: x.rank - 2)
        let mean = x.mean(axes: axes, keepDims: true)
        let centred = x - mean
        let variance = (centred * centred).mean(axes: axes, keepDims: true)
        let normalised = centred / (variance + eps).sqrt()
        guard let weight, let bias else { return normalised }
        return normalised * weight.reshaped(statShape) + bias.reshaped(statShape)
    }

    /// The gradients of the composition (recorded, for a second differentiation): nil for an
    /// input that needs none.
    private static func batchNormCompositionGradients(_ g: Tensor, x: Tensor, weight: Tensor?, bias: Tensor?,
                                                       eps: Float) -> [Tensor?] {
        let inputs = [x] + [weight, bias].compactMap { $0 }
        let wanted = inputs.filter(\.needsGradient)
        guard !wanted.isEmpty else { return inputs.map { _ in nil } }
        let y = batchNormComposition(x, weight: weight, bias: bias, eps: eps)
        let grads = gradients(of: y, wrt: wanted, seed: g, createGraph: true)
        var next = grads.makeIterator()
        return inputs.map { $0.needsGradient ? next.next() : nil }
    }
}

/// Calls `body` with base addresses of the arrays that are present.
private func withOptionalPointers<R>(_ a: [Float]?, _ b: [Float]?,
                                     _ body: (UnsafePointer<Float>?, UnsafePointer<Float>?) -> R) -> R {
    guard let a, let b else { return body(nil, nil) }
    return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in body(pa.baseAddress, pb.baseAddress) } }
}

/// Calls `body` with the base address of `a` when it is present.
private func withOptionalPointer<R>(_ a: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let a else { return body(nil) }
    return a.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// An input `[N, C, …]` seen as `[N, C, P]`, and the passes of batch norm over it.
///
/// Every per-channel sum is accumulated in Double over n, then p: the order in which the
/// engine's `sum` walks a row-major tensor, so each sum has the bits of the composition's.
/// Work is split by channel ranges, which never changes an order.
struct BatchNormLayout {
    let batch: Int, channels: Int, plane: Int
    /// Values per channel, n in the formulas (N·P).
    var perChannel: Int { batch * plane }

    init(_ shape: [Int]) {
        batch = shape[0]
        channels = shape[1]
        plane = shape.dropFirst(2).reduce(1, *)
    }

    struct Statistics: @unchecked Sendable {
        let mean: UnsafeMutablePointer<Float>
        let variance: UnsafeMutablePointer<Float>
        let std: UnsafeMutablePointer<Float>
    }

    /// Adds `value(c, n, row)` over every row of channels `range`, per channel, into Double
    /// accumulators (`sums[c − range.lowerBound]`), in the order n, then p.
    @inline(__always)
    private func accumulate(_ sums: UnsafeMutablePointer<Double>, channels range: Range<Int>,
                            _ rowSum: (_ c: Int, _ offset: Int, _ accumulator: Double) -> Double) {
        for n in 0..<batch {
            for c in range {
                let i = c - range.lowerBound
                sums[i] = rowSum(c, (n * channels + c) * plane, sums[i])
            }
        }
    }

    /// mean, variance and √(variance + eps) of channels `range`, then the normalised (and
    /// affine) output there.
    func forward(x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, channels range: Range<Int>, eps: Float,
                 weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?, statistics s: Statistics) {
        let count = Float(perChannel), plane = self.plane
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: range.count)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: range.count)
        accumulate(sums, channels: range) { _, offset, a in
            var a = a
            for p in 0..<plane { a = a + Double(x[offset + p]) }
            return a
        }
        for c in range { s.mean[c] = Float(sums[c - range.lowerBound]) / count }
        sums.update(repeating: 0, count: range.count)
        accumulate(sums, channels: range) { c, offset, a in
            var a = a
            let m = s.mean[c]
            for p in 0..<plane {
                let d = x[offset + p] - m
                a = a + Double(d * d)
            }
            return a
        }
        for c in range {
            s.variance[c] = Float(sums[c - range.lowerBound]) / count
            s.std[c] = (s.variance[c] + eps).squareRoot()
        }
        for n in 0..<batch {
            for c in range {
                let offset = (n * channels + c) * plane, m = s.mean[c], sd = s.std[c]
                let from = x + offset, to = y + offset
                if let weight, let bias {
                    let w = weight[c], b = bias[c]
                    for p in 0..<plane { to[p] = (from[p] - m) / sd * w + b }
                } else {
                    for p in 0..<plane { to[p] = (from[p] - m) / sd }
                }
            }
        }
    }

    /// The composition's gradients for output gradient `g` (derivation in the comments), for
    /// the inputs `needs` asks for.
    func backward(_ g: Tensor, x: Tensor, weight: Tensor?, mean: [Float], std: [Float],
                  needs: (x: Bool, weight: Bool, bias: Bool)) -> (x: Tensor?, weight: Tensor?, bias: Tensor?) {
        // With ĝ = g·w (g without affine), x̂ = (x − μ)/σ and n values per channel, the tape of
        // the composition computes, per channel c and element i:
        //   dbias = Σ g,  dweight = Σ g·x̂,  dσ = Σ (−(ĝ·(x − μ)) / (σ·σ)),
        //   dv = dσ·0.5/σ / n  (through √(var + eps) and the mean of squares),
        //   t = dv·(x − μ),  dc = (ĝ/σ + t) + t  (x − μ feeds both factors of its square),
        //   dμ = Σ −dc / n,  dx = dc + dμ.
        let count = Float(perChannel), plane = self.plane, channels = self.channels
        var dWeight = [Float](repeating: 0, count: needs.weight ? channels : 0)
        var dBias = [Float](repeating: 0, count: needs.bias ? channels : 0)
        var dx = [Float](repeating: 0, count: needs.x ? x.count : 0)
        let wantsX = needs.x, wantsWeight = needs.weight, wantsBias = needs.bias
        g.scalars.withUnsafeBufferPointer { pg in
            x.scalars.withUnsafeBufferPointer { px in
                mean.withUnsafeBufferPointer { pm in
                    std.withUnsafeBufferPointer { ps in
                        dWeight.withUnsafeMutableBufferPointer { pdw in
                            dBias.withUnsafeMutableBufferPointer { pdb in
                                dx.withUnsafeMutableBufferPointer { pdx in
                                    withOptionalPointer(weight?.scalars) { w in
                                        let (gp, xp, mp, sp) = (pg.baseAddress!, px.baseAddress!, pm.baseAddress!, ps.baseAddress!)
                                        // An empty array may still have a base address: pass nil for outputs not asked for.
                                        let out = BackwardOutputs(dx: wantsX ? pdx.baseAddress : nil,
                                                                  dWeight: wantsWeight ? pdw.baseAddress : nil,
                                                                  dBias: wantsBias ? pdb.baseAddress : nil)
                                        Parallel.forChunks(of: channels, work: 3 * x.count) { range in
                                            backward(g: gp, x: xp, weight: w, mean: mp, std: sp, channels: range,
                                                     count: count, plane: plane,
                                                     wants: (wantsX, wantsWeight, wantsBias), into: out)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (needs.x ? Tensor(shape: x.shape, scalars: dx) : nil,
                needs.weight ? Tensor(shape: [channels], scalars: dWeight) : nil,
                needs.bias ? Tensor(shape: [channels], scalars: dBias) : nil)
    }

    struct BackwardOutputs: @unchecked Sendable {
        let dx: UnsafeMutablePointer<Float>?
        let dWeight: UnsafeMutablePointer<Float>?
        let dBias: UnsafeMutablePointer<Float>?
    }

    private func backward(g: UnsafePointer<Float>, x: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
                          mean: UnsafePointer<Float>, std: UnsafePointer<Float>, channels range: Range<Int>,
                          count: Float, plane: Int, wants: (x: Bool, weight: Bool, bias: Bool), into out: BackwardOutputs) {
        let k = range.count, lower = range.lowerBound
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: 3 * k)
        defer { sums.deallocate() }
        sums.initialize(repeating: 0, count: 3 * k)
        let sumG = sums, sumGX = sums + k, sumStd = sums + 2 * k
        // Pass 1: Σ g, Σ g·x̂ and Σ −(ĝ·(x − μ))/(σ·σ).
        for n in 0..<batch {
            for c in range {
                let offset = (n * channels + c) * plane, i = c - lower
                let m = mean[c], sd = std[c], w = weight?[c] ?? 1, square = sd * sd
                let gr = g + offset, xr = x + offset
                if wants.bias {
                    var a = sumG[i]
                    for p in 0..<plane { a = a + Double(gr[p]) }
                    sumG[i] = a
                }
                if wants.weight {
                    var a = sumGX[i]
                    for p in 0..<plane { a = a + Double(gr[p] * ((xr[p] - m) / sd)) }
                    sumGX[i] = a
                }
                if wants.x {
                    var a = sumStd[i]
                    if weight != nil {
                        for p in 0..<plane { a = a + Double(-(gr[p] * w * (xr[p] - m)) / square) }
                    } else {
                        for p in 0..<plane { a = a + Double(-(gr[p] * (xr[p] - m)) / square) }
                    }
                    sumStd[i] = a
                }
            }
        }
        for c in range {
            if let dBias = out.dBias { dBias[c] = Float(sumG[c - lower]) }
            if let dWeight = out.dWeight { dWeight[c] = Float(sumGX[c - lower]) }
        }
        guard wants.x, let dx = out.dx else { return }
        // Pass 2: dc = (ĝ/σ + t) + t into dx, and Σ −dc.
        let dv = UnsafeMutablePointer<Float>.allocate(capacity: k)
        defer { dv.deallocate() }
        for c in range {
            dv[c - lower] = Float(sumStd[c - lower]) * 0.5 / std[c] / count
        }
        let sumMean = sums  // Σ g is no longer needed
        sumMean.update(repeating: 0, count: k)
        for n in 0..<batch {
            for c in range {
                let offset = (n * channels + c) * plane, i = c - lower
                let m = mean[c], sd = std[c], w = weight?[c] ?? 1, v = dv[i]
                let gr = g + offset, xr = x + offset, out = dx + offset
                var a = sumMean[i]
                for p in 0..<plane {
                    let gHat = weight != nil ? gr[p] * w : gr[p]
                    let t = v * (xr[p] - m)
                    let dc = (gHat / sd + t) + t
                    out[p] = dc
                    a = a + Double(-dc)
                }
                sumMean[i] = a
            }
        }
        // Pass 3: dx = dc + dμ.
        for n in 0..<batch {
            for c in range {
                let offset = (n * channels + c) * plane, dMean = Float(sumMean[c - lower]) / count
                let out = dx + offset
                for p in 0..<plane { out[p] = out[p] + dMean }
            }
        }
    }
}
