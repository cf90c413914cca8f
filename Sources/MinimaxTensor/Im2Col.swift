/// The layout kernels behind the convolutions: im2col, its adjoint col2im, and the
/// batch-major ↔ channel-major transposes, all on unsafe buffer pointers.
///
/// The column matrix of a batch is `[C·kH·kW, N·oH·oW]`: row `(c·kH + ki)·kW + kj` holds, for
/// every image n and window position (oy, ox), the padded input tap
/// `x[n, c, oy·sH − pH + ki, ox·sW − pW + kj]` (0 outside the image). With every image side by
/// side, a convolution of the whole batch is one GEMM `weight[O, C·kH·kW] · cols` of width
/// N·oH·oW instead of N thin ones (for DCGAN-MNIST's first layer N thin GEMMs are 64 × 196 × 16
/// each; see `TensorBenchmarks` for the measured difference).
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
                                    if sW == 1 {
                                        for ox in colsInside { out[ox] = plane[base + ox] }
                                    } else {
                                        for ox in colsInside { out[ox] = plane[base + ox * sW] }
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
    /// the pixel it was read from. Split by (image, channel) plane, each pixel summed in the same
    /// (ki, kj, oy, ox) order whatever the thread count.
    static func image(from cols: [Float], batch: Int, channels: Int, window w: Window2D) -> [Float] {
        let width = batch * w.positions
        let kH = w.kernel.height, kW = w.kernel.width, sH = w.stride.height, sW = w.stride.width
        let H = w.height, W = w.width, oH = w.outputHeight, oW = w.outputWidth
        var image = [Float](repeating: 0, count: batch * channels * H * W)
        image.withUnsafeMutableBufferPointer { dst in
            cols.withUnsafeBufferPointer { src in
                guard let img = dst.baseAddress, let col = src.baseAddress else { return }
                Parallel.forChunks(of: batch * channels, work: cols.count) { planes in
                    for plane in planes {
                        let n = plane / channels, c = plane % channels
                        let out = img + plane * H * W
                        for ki in 0..<kH {
                            let rowsInside = Window2D.inside(offset: ki - w.padding.height, stride: sH, size: H, count: oH)
                            for kj in 0..<kW {
                                let colsInside = Window2D.inside(offset: kj - w.padding.width, stride: sW, size: W, count: oW)
                                let row = col + ((c * kH + ki) * kW + kj) * width + n * w.positions
                                for oy in rowsInside {
                                    let base = (oy * sH + ki - w.padding.height) * W + kj - w.padding.width
                                    let taps = row + oy * oW
                                    for ox in colsInside { out[base + ox * sW] += taps[ox] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return image
    }

    /// `[N, C, P]` → `[C, N, P]` (the layout a batched GEMM reads or writes).
    static func channelMajor(_ x: [Float], batch: Int, channels: Int, planeSize: Int) -> [Float] {
        if batch == 1 { return x }
        return swapLeadingAxes(x, outer: batch, inner: channels, planeSize: planeSize, bias: nil)
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
        x.withUnsafeMutableBufferPointer { out in
            guard let o = out.baseAddress else { return }
            for n in 0..<batch {
                for c in 0..<channels {
                    let plane = o + (n * channels + c) * planeSize, v = bias[c]
                    for i in 0..<planeSize { plane[i] += v }
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
