/// The layout kernels behind the convolutions: im2col, its adjoint col2im, and the
/// batch-major ↔ channel-major transposes, all on unsafe buffer pointers.
///
/// The column matrix of a batch is `[C·kH·kW, N·oH·oW]`: row `(c·kH + ki)·kW + kj` holds, for
/// every image n and window position (oy, ox), the padded input tap
/// `x[n, c, oy·sH − pH + ki, ox·sW − pW + kj]` (0 outside the image). With every image side by
/// side, a convolution of the whole batch is one GEMM `weight[O, C·kH·kW] · cols` of width
/// N·oH·oW instead of N thin ones, at the cost of transposing between [N, C, P] and [C, N, P].
/// Measured by `TensorBenchmarks` (Cooperlake kernel, 1 thread, loaded machine, five runs): for
/// DCGAN-MNIST's Conv2d(64, 128, 4, 2, 1), which carries 97% of the conv FLOPs, one
/// 128 × 3136 × 1024 GEMM ran at 66 – 114 GFLOP/s against 44 – 85 for 64 GEMMs of 128 × 49 × 1024;
/// for the first layer's thin k = 16 GEMM per image was faster (81 – 91 against 56 – 71), not worth
/// a second code path at 3% of the FLOPs.
enum Im2Col {
    /// The column matrix `[C·kH·kW, N·positions]` of `image` `[N, C, H, W]`.
    static func columns(of image: [Float], batch: Int, channels: Int, window w: Window2D) -> [Float] {
        let rows = channels * w.kernelArea, width = batch * w.positions
        let kH = w.kernel.height, kW = w.kernel.width, sH = w.stride.height, sW = w.stride.width
        let H = w.height, W = w.width, oH = w.outputHeight, oW = w.outputWidth
        return [Float](unsafeUninitializedCapacity: rows * width) { cols, initialized in
            initialized = rows * width
            guard rows * width > 0, let dst = cols.baseAddress else { return }
            image.withUnsafeBufferPointer { src in
                guard let x = src.baseAddress else { return }
                Parallel.forChunks(of: rows, work: rows * width) { range in
                    for r in range {
                        let c = r / (kH * kW), ki = (r / kW) % kH, kj = r % kW
                        let rowsInside = Window2D.inside(offset: ki - w.padding.height, stride: sH, size: H, count: oH)
                        let colsInside = Window2D.inside(offset: kj - w.padding.width, stride: sW, size: W, count: oW)
                        var out = dst + r * width
                        for n in 0..<batch {
                            let plane = x + (n * channels + c) * H * W
                            for oy in 0..<oH {
                                if rowsInside.contains(oy) {
                                    let base = (oy * sH + ki - w.padding.height) * W + kj - w.padding.width
                                    for ox in 0..<colsInside.lowerBound { out[ox] = 0 }
                                    // Pointer steps, not index arithmetic: no multiply or
                                    // overflow check per element in this, the hottest loop.
                                    var from = plane + base + colsInside.lowerBound * sW
                                    if sW == 1 {
                                        (out + colsInside.lowerBound).update(from: from, count: colsInside.count)
                                    } else {
                                        for ox in colsInside {
                                            out[ox] = from.pointee
                                            from += sW
                                        }
                                    }
                                    for ox in colsInside.upperBound..<oW { out[ox] = 0 }
                                } else {
                                    out.update(repeating: 0, count: oW)
                                }
                                out += oW
                            }
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `columns(of:)`: `[N, C, H, W]` where every tap of `cols` is added back to
    /// the pixel it was read from. Split by (channel, image) plane; each pixel receives its taps
    /// in (ki, kj) order starting from 0, whatever the thread count. Taps are added into a
    /// zero-padded plane (those landing in the padding are dropped with it), so the loops test
    /// no bounds; the plane's interior is then copied out.
    static func image(from cols: [Float], batch: Int, channels: Int, window w: Window2D) -> [Float] {
        let width = batch * w.positions
        let kH = w.kernel.height, kW = w.kernel.width, sH = w.stride.height, sW = w.stride.width
        let H = w.height, W = w.width, oH = w.outputHeight, oW = w.outputWidth
        let pH = w.padding.height, pW = w.padding.width
        let paddedWidth = W + 2 * pW, paddedPlane = (H + 2 * pH) * paddedWidth
        return [Float](unsafeUninitializedCapacity: batch * channels * H * W) { image, initialized in
            initialized = batch * channels * H * W
            guard initialized > 0, let img = image.baseAddress else { return }
            cols.withUnsafeBufferPointer { src in
                guard let col = src.baseAddress else {
                    img.initialize(repeating: 0, count: initialized)
                    return
                }
                // Planes in channel-major order (c, n): the 16-odd rows of cols that channel c
                // reads are then walked front to back, a few sequential streams the prefetcher
                // follows, instead of a jump between hundreds of rows for every image.
                Parallel.forChunks(of: batch * channels, work: cols.count) { planes in
                    let padded = UnsafeMutablePointer<Float>.allocate(capacity: paddedPlane)
                    defer { padded.deallocate() }
                    for plane in planes {
                        let c = plane / batch, n = plane % batch
                        padded.initialize(repeating: 0, count: paddedPlane)
                        for ki in 0..<kH {
                            for kj in 0..<kW {
                                var taps = col + ((c * kH + ki) * kW + kj) * width + n * w.positions
                                var to = padded + ki * paddedWidth + kj
                                for _ in 0..<oH {
                                    if sW == 1 {
                                        for ox in 0..<oW { to[ox] += taps[ox] }
                                    } else {
                                        for ox in 0..<oW { to[ox * sW] += taps[ox] }
                                    }
                                    taps += oW
                                    to += sH * paddedWidth
                                }
                            }
                        }
                        let out = img + (n * channels + c) * H * W
                        for y in 0..<H {
                            (out + y * W).update(from: padded + (y + pH) * paddedWidth + pW, count: W)
                        }
                    }
                }
            }
        }
    }

    /// `[N, C, P]` → `[C, N, P]` (the layout a batched GEMM reads or writes).
    static func channelMajor(_ x: [Float], batch: Int, channels: Int, planeSize: Int) -> [Float] {
        if batch == 1 { return x }
        return swapLeadingAxes(x, outer: batch, inner: channels, planeSize: planeSize, bias: nil)
    }

    /// `channelMajor`, and each channel's Σ over n, then p, in Double: the order (so the bits)
    /// of `sum(axes: [0, 2, 3])` on `[N, C, P]`, from the same pass over x (a convolution's
    /// pullback needs both: the transposed gradient for its GEMMs, the sums for the bias).
    static func channelMajorAndSums(_ x: [Float], batch: Int, channels: Int, planeSize: Int) -> (columns: [Float], sums: [Float]) {
        var sums = [Float](repeating: 0, count: channels)
        var columns: [Float] = []
        sums.withUnsafeMutableBufferPointer { ps in
            let sumsOut = ps.baseAddress!
            columns = [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
                initialized = x.count
                guard x.count > 0, let dst = out.baseAddress else { return }
                x.withUnsafeBufferPointer { src in
                    let s = src.baseAddress!
                    Parallel.forChunks(of: channels, work: x.count) { range in
                        let acc = UnsafeMutablePointer<Double>.allocate(capacity: range.count)
                        defer { acc.deallocate() }
                        acc.initialize(repeating: 0, count: range.count)
                        for n in 0..<batch {
                            let rows = s + (n * channels + range.lowerBound) * planeSize
                            RowSums.add(rows, rows: range.count, length: planeSize, into: acc)
                            for c in range {
                                (dst + (c * batch + n) * planeSize).update(from: s + (n * channels + c) * planeSize,
                                                                           count: planeSize)
                            }
                        }
                        for c in range { sumsOut[c] = Float(acc[c - range.lowerBound]) }
                    }
                }
            }
        }
        return (columns, sums)
    }

    /// `[C, N, P]` → `[N, C, P]`, adding `bias[c]` to plane c when given.
    static func batchMajor(_ x: [Float], batch: Int, channels: Int, planeSize: Int, bias: [Float]?) -> [Float] {
        if batch == 1 && bias == nil { return x }
        return swapLeadingAxes(x, outer: channels, inner: batch, planeSize: planeSize, bias: bias)
    }

    /// `[A, B, P]` → `[B, A, P]`, plus `bias[a]` when given.
    private static func swapLeadingAxes(_ x: [Float], outer: Int, inner: Int, planeSize: Int, bias: [Float]?) -> [Float] {
        [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
            initialized = x.count
            guard x.count > 0, let dst = out.baseAddress else { return }
            x.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress else { return }
                Parallel.forChunks(of: inner, work: x.count) { range in
                    for b in range {
                        for a in 0..<outer {
                            let from = s + (a * inner + b) * planeSize, to = dst + (b * outer + a) * planeSize
                            if let bias {
                                let v = bias[a]
                                for i in 0..<planeSize { to[i] = from[i] + v }
                            } else {
                                to.update(from: from, count: planeSize)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds `bias[c]` to every plane c of `x` `[N, C, P]`.
    static func addBias(_ x: inout [Float], _ bias: [Float], batch: Int, channels: Int, planeSize: Int) {
        let count = x.count
        x.withUnsafeMutableBufferPointer { out in
            guard let o = out.baseAddress else { return }
            bias.withUnsafeBufferPointer { b in
                Parallel.forChunks(of: batch * channels, work: count) { planes in
                    for plane in planes {
                        let to = o + plane * planeSize, v = b[plane % channels]
                        for i in 0..<planeSize { to[i] += v }
                    }
                }
            }
        }
    }

    /// `weight[O, K] · cols[K, N·P]` written batch-major, `[N, O, P]`, plus `bias[o]` when given:
    /// `batchMajor(product(…))` with the transpose done band by band as GEMM finishes each one,
    /// while it is in cache (the same values: each element is moved and the bias added once).
    static func productBatchMajor(_ weight: [Float], _ cols: [Float], outChannels: Int, batch: Int, planeSize: Int,
                                  k: Int, bias: [Float]?) -> [Float] {
        let width = batch * planeSize
        if k == 0 || (batch == 1 && bias == nil) {
            return batchMajor(product(weight, cols, m: outChannels, n: width, k: k, transposeA: false, transposeB: false),
                              batch: batch, channels: outChannels, planeSize: planeSize, bias: bias)
        }
        var product = [Float](unsafeUninitializedCapacity: outChannels * width) { _, initialized in
            initialized = outChannels * width
        }
        return [Float](unsafeUninitializedCapacity: outChannels * width) { out, initialized in
            initialized = outChannels * width
            guard initialized > 0, let dst = out.baseAddress else { return }
            product.withUnsafeMutableBufferPointer { pc in
                weight.withUnsafeBufferPointer { pa in
                    cols.withUnsafeBufferPointer { pb in
                        withOptionalBase(bias) { b in
                            let c = pc.baseAddress!
                            GEMM.multiply(pa.baseAddress!, pb.baseAddress!, into: c, m: outChannels, n: width, k: k,
                                          transposeA: false, transposeB: false) { rows, columns in
                                for o in rows {
                                    let v = b?[o] ?? 0, from = c + o * width
                                    var column = columns.lowerBound
                                    while column < columns.upperBound {
                                        // The run of this band's columns inside one image.
                                        let n = column / planeSize, p = column % planeSize
                                        let run = Swift.min(planeSize - p, columns.upperBound - column)
                                        let to = dst + (n * outChannels + o) * planeSize + p
                                        if b != nil {
                                            for i in 0..<run { to[i] = from[column + i] + v }
                                        } else {
                                            (to).update(from: from + column, count: run)
                                        }
                                        column += run
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// op(A)[m, k] · op(B)[k, n] as a new row-major array (threaded by `GEMM`).
    static func product(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool) -> [Float] {
        // An empty batch or channel axis (k == 0) sums nothing.
        guard m > 0 && n > 0 && k > 0 else { return [Float](repeating: 0, count: m * n) }
        return [Float](unsafeUninitializedCapacity: m * n) { c, initialized in
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    GEMM.multiply(pa.baseAddress!, pb.baseAddress!, into: c.baseAddress!, m: m, n: n, k: k,
                                  transposeA: transposeA, transposeB: transposeB)
                }
            }
            initialized = m * n
        }
    }
}
