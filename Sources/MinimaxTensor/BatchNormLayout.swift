import CKernels

/// An input `[N, C, …]` seen as `[N, C, P]`, and the passes of `Tensor.batchNormTraining` over it.
///
/// Every per-channel sum is accumulated in Double over n, then p: the order in which the
/// engine's `sum` walks a row-major tensor, so each sum has the bits of the composition's. The
/// order fixes one dependency chain of additions per channel; the passes keep eight channels'
/// chains in flight at once (`RowSums`) and compute the terms of a row in a separate loop, in C
/// (CKernels' `minimax_bn_*`, vectorised for the CPU: Swift's own vectors are SSE2's four lanes).
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

    /// Pointers shared by the channel-range workers (each writes its own channels only).
    struct Buffers: @unchecked Sendable {
        var x: UnsafePointer<Float>
        var g: UnsafePointer<Float>?
        var weight: UnsafePointer<Float>?
        var bias: UnsafePointer<Float>?
        var out: UnsafeMutablePointer<Float>?
        var mean: UnsafeMutablePointer<Float>
        var variance: UnsafeMutablePointer<Float>?
        var std: UnsafeMutablePointer<Float>
        var dWeight: UnsafeMutablePointer<Float>?
        var dBias: UnsafeMutablePointer<Float>?
    }

    /// The normalised (and affine) output, each channel's mean and biased variance, and
    /// √(variance + eps).
    func forward(_ x: [Float], weight: [Float]?, bias: [Float]?, eps: Float)
        -> (output: [Float], mean: [Float], variance: [Float], std: [Float]) {
        var mean = [Float](repeating: 0, count: channels)
        var variance = mean, std = mean
        let output = [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
            initialized = x.count
            x.withUnsafeBufferPointer { px in
                mean.withUnsafeMutableBufferPointer { pm in
                    variance.withUnsafeMutableBufferPointer { pv in
                        std.withUnsafeMutableBufferPointer { ps in
                            withOptionalPointers(weight, bias) { w, b in
                                let buffers = Buffers(x: px.baseAddress!, g: nil, weight: w, bias: b, out: out.baseAddress!,
                                                      mean: pm.baseAddress!, variance: pv.baseAddress!, std: ps.baseAddress!,
                                                      dWeight: nil, dBias: nil)
                                Parallel.forChunks(of: channels, work: 3 * x.count) { range in
                                    forward(buffers, channels: range, eps: eps)
                                }
                            }
                        }
                    }
                }
            }
        }
        return (output, mean, variance, std)
    }

    private func forward(_ s: Buffers, channels range: Range<Int>, eps: Float) {
        let count = Float(perChannel), k = range.count, lower = range.lowerBound
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: k)
        let terms = UnsafeMutablePointer<Float>.allocate(capacity: k * plane)
        defer { sums.deallocate(); terms.deallocate() }
        sums.initialize(repeating: 0, count: k)
        for n in 0..<batch { RowSums.add(s.x + (n * channels + lower) * plane, rows: k, length: plane, into: sums) }
        for c in range { s.mean[c] = Float(sums[c - lower]) / count }
        sums.update(repeating: 0, count: k)
        for n in 0..<batch {
            if plane == 1 {
                // [N, C]: a row runs over channels, each element with its own statistics.
                minimax_bn_squares(s.x + n * channels + lower, s.mean + lower, 1, terms, k)
            } else {
                for c in range {
                    minimax_bn_squares(s.x + (n * channels + c) * plane, s.mean + c, 0, terms + (c - lower) * plane, plane)
                }
            }
            RowSums.add(terms, rows: k, length: plane, into: sums)
        }
        for c in range {
            s.variance![c] = Float(sums[c - lower]) / count
            s.std[c] = (s.variance![c] + eps).squareRoot()
        }
        let out = s.out!
        for n in 0..<batch {
            if plane == 1 {
                let offset = n * channels + lower
                minimax_bn_normalize(s.x + offset, s.mean + lower, s.std + lower, s.weight.map { $0 + lower },
                                     s.bias.map { $0 + lower }, 1, out + offset, k)
                continue
            }
            for c in range {
                let offset = (n * channels + c) * plane
                minimax_bn_normalize(s.x + offset, s.mean + c, s.std + c, s.weight.map { $0 + c }, s.bias.map { $0 + c },
                                     0, out + offset, plane)
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
        var dWeight = [Float](repeating: 0, count: needs.weight ? channels : 0)
        var dBias = [Float](repeating: 0, count: needs.bias ? channels : 0)
        var dx = [Float](unsafeUninitializedCapacity: needs.x ? x.count : 0) { _, initialized in  // every element written
            initialized = needs.x ? x.count : 0
        }
        var mean = mean, std = std
        g.scalars.withUnsafeBufferPointer { pg in
            x.scalars.withUnsafeBufferPointer { px in
                mean.withUnsafeMutableBufferPointer { pm in
                    std.withUnsafeMutableBufferPointer { ps in
                        dWeight.withUnsafeMutableBufferPointer { pdw in
                            dBias.withUnsafeMutableBufferPointer { pdb in
                                dx.withUnsafeMutableBufferPointer { pdx in
                                    withOptionalPointers(weight?.scalars, weight?.scalars) { w, _ in
                                        // An empty array may still have a base address: nil marks an output not asked for.
                                        let buffers = Buffers(x: px.baseAddress!, g: pg.baseAddress!, weight: w, bias: nil,
                                                              out: needs.x ? pdx.baseAddress : nil, mean: pm.baseAddress!,
                                                              variance: nil, std: ps.baseAddress!,
                                                              dWeight: needs.weight ? pdw.baseAddress : nil,
                                                              dBias: needs.bias ? pdb.baseAddress : nil)
                                        Parallel.forChunks(of: channels, work: 3 * x.count) { range in
                                            backward(buffers, channels: range)
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

    private func backward(_ s: Buffers, channels range: Range<Int>) {
        let count = Float(perChannel), k = range.count, lower = range.lowerBound, plane = self.plane
        let g = s.g!
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: 3 * k)
        let terms = UnsafeMutablePointer<Float>.allocate(capacity: k * plane)
        defer { sums.deallocate(); terms.deallocate() }
        sums.initialize(repeating: 0, count: 3 * k)
        let sumG = sums, sumGX = sums + k, sumStd = sums + 2 * k
        // Pass 1: Σ g, Σ g·x̂ and Σ −(ĝ·(x − μ))/(σ·σ).
        for n in 0..<batch {
            let rows = (n * channels + lower) * plane
            if s.dBias != nil { RowSums.add(g + rows, rows: k, length: plane, into: sumG) }
            if s.dWeight != nil {
                if plane == 1 {
                    minimax_bn_normalized_product(g + rows, s.x + rows, s.mean + lower, s.std + lower, 1, terms, k)
                } else {
                    for c in range {
                        let offset = (n * channels + c) * plane
                        minimax_bn_normalized_product(g + offset, s.x + offset, s.mean + c, s.std + c, 0,
                                                      terms + (c - lower) * plane, plane)
                    }
                }
                RowSums.add(terms, rows: k, length: plane, into: sumGX)
            }
            if s.out != nil {
                if plane == 1 {
                    minimax_bn_deviation_terms(g + rows, s.x + rows, s.mean + lower, s.std + lower,
                                               s.weight.map { $0 + lower }, 1, terms, k)
                } else {
                    for c in range {
                        let offset = (n * channels + c) * plane
                        minimax_bn_deviation_terms(g + offset, s.x + offset, s.mean + c, s.std + c, s.weight.map { $0 + c },
                                                   0, terms + (c - lower) * plane, plane)
                    }
                }
                RowSums.add(terms, rows: k, length: plane, into: sumStd)
            }
        }
        for c in range {
            if let dBias = s.dBias { dBias[c] = Float(sumG[c - lower]) }
            if let dWeight = s.dWeight { dWeight[c] = Float(sumGX[c - lower]) }
        }
        guard let dx = s.out else { return }
        // Pass 2: dc = (ĝ/σ + t) + t into dx, and Σ −dc (a − d, the same as a + (−d)).
        let dv = UnsafeMutablePointer<Float>.allocate(capacity: k)
        defer { dv.deallocate() }
        for c in range { dv[c - lower] = Float(sumStd[c - lower]) * 0.5 / s.std[c] / count }
        let sumMean = sums  // Σ g is no longer needed
        sumMean.update(repeating: 0, count: k)
        for n in 0..<batch {
            if plane == 1 {
                let offset = n * channels + lower
                minimax_bn_centred_gradient(g + offset, s.x + offset, s.mean + lower, s.std + lower, dv,
                                            s.weight.map { $0 + lower }, 1, dx + offset, k)
                RowSums.add(dx + offset, rows: k, length: 1, into: sumMean, subtracting: true)
                continue
            }
            for c in range {
                let offset = (n * channels + c) * plane
                minimax_bn_centred_gradient(g + offset, s.x + offset, s.mean + c, s.std + c, dv + (c - lower),
                                            s.weight.map { $0 + c }, 0, dx + offset, plane)
            }
            RowSums.add(dx + (n * channels + lower) * plane, rows: k, length: plane, into: sumMean, subtracting: true)
        }
        // Pass 3: dx = dc + dμ.
        for c in range { dv[c - lower] = Float(sumMean[c - lower]) / count }  // dv now holds dμ
        for n in 0..<batch {
            if plane == 1 {
                let out = dx + n * channels + lower
                for i in 0..<k { out[i] = out[i] + dv[i] }
                continue
            }
            for c in range {
                let dMean = dv[c - lower], out = dx + (n * channels + c) * plane
                for p in 0..<plane { out[p] = out[p] + dMean }
            }
        }
    }
}

/// Calls `body` with base addresses of the arrays that are present.
private func withOptionalPointers<R>(_ a: [Float]?, _ b: [Float]?,
                                     _ body: (UnsafePointer<Float>?, UnsafePointer<Float>?) -> R) -> R {
    guard let a, let b else { return body(nil, nil) }
    return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in body(pa.baseAddress, pb.baseAddress) } }
}
