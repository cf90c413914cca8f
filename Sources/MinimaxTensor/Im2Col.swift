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
    ///
    /// Plane by plane, in (n, c) order (the input is read front to back): each input plane is
    /// copied once into a zero-padded scratch plane split into its `sW` column phases
    /// (`PhasedPlane`), where every row of every tap is a contiguous run: the kH·kW taps are
    /// then plain copies with no bounds tests and no strided loads. Only copies, so the bits
    /// cannot depend on the order or the split.
    static func columns(of image: [Float], batch: Int, channels: Int, window w: Window2D) -> [Float] {
        let rows = channels * w.kernelArea, width = batch * w.positions, positions = w.positions
        let kH = w.kernel.height, kW = w.kernel.width, sH = w.stride.height
        let oH = w.outputHeight, oW = w.outputWidth
        let layout = PhasedPlane(w)
        return [Float](unsafeUninitializedCapacity: rows * width) { cols, initialized in
            initialized = rows * width
            guard rows * width > 0, let dst = cols.baseAddress else { return }
            image.withUnsafeBufferPointer { src in
                guard let x = src.baseAddress else { return }
                Parallel.forChunks(of: channels * batch, work: rows * width) { planes in
                    let scratch = UnsafeMutablePointer<Float>.allocate(capacity: layout.count)
                    defer { scratch.deallocate() }
                    scratch.initialize(repeating: 0, count: layout.count)  // the padding stays 0
                    for plane in planes {
                        let n = plane / channels, c = plane % channels
                        layout.scatter(x + (n * channels + c) * w.height * w.width, into: scratch)
                        var row = dst + c * kH * kW * width + n * positions
                        for ki in 0..<kH {
                            for kj in 0..<kW {
                                var from = UnsafePointer(scratch + layout.offset(row: ki, column: kj)), to = row
                                for _ in 0..<oH {
                                    Runs.copy(from, to, count: oW)
                                    from += sH * layout.phaseWidth
                                    to += oW
                                }
                                row += width
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
    /// zero-padded plane split into column phases (`PhasedPlane`; those landing in the padding
    /// are dropped with it), so every tap row is one contiguous run of additions with no bounds
    /// tests; the plane's interior is then copied out.
    static func image(from cols: [Float], batch: Int, channels: Int, window w: Window2D) -> [Float] {
        let width = batch * w.positions
        let kH = w.kernel.height, kW = w.kernel.width, sH = w.stride.height
        let oH = w.outputHeight, oW = w.outputWidth
        let layout = PhasedPlane(w)
        return [Float](unsafeUninitializedCapacity: batch * channels * w.height * w.width) { image, initialized in
            initialized = batch * channels * w.height * w.width
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
                    let scratch = UnsafeMutablePointer<Float>.allocate(capacity: layout.count)
                    defer { scratch.deallocate() }
                    for plane in planes {
                        let c = plane / batch, n = plane % batch
                        scratch.initialize(repeating: 0, count: layout.count)
                        for ki in 0..<kH {
                            for kj in 0..<kW {
                                var taps = col + ((c * kH + ki) * kW + kj) * width + n * w.positions
                                var to = scratch + layout.offset(row: ki, column: kj)
                                for _ in 0..<oH {
                                    Runs.add(taps, into: to, count: oW)
                                    taps += oW
                                    to += sH * layout.phaseWidth
                                }
                            }
                        }
                        layout.gather(scratch, into: img + (n * channels + c) * w.height * w.width)
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

    /// The sums of `channelMajorAndSums` alone, for a pullback whose products do not read x
    /// channel-major (the direct convolutions): the bits of `sum(axes: [0, 2, 3])`, faster.
    static func channelSums(_ x: [Float], batch: Int, channels: Int, planeSize: Int) -> [Float] {
        var sums = [Float](repeating: 0, count: channels)
        sums.withUnsafeMutableBufferPointer { ps in
            x.withUnsafeBufferPointer { src in
                guard let sumsOut = ps.baseAddress, let s = src.baseAddress else { return }
                Parallel.forChunks(of: channels, work: x.count) { range in
                    let acc = UnsafeMutablePointer<Double>.allocate(capacity: range.count)
                    defer { acc.deallocate() }
                    acc.initialize(repeating: 0, count: range.count)
                    for n in 0..<batch {
                        RowSums.add(s + (n * channels + range.lowerBound) * planeSize, rows: range.count,
                                    length: planeSize, into: acc)
                    }
                    for c in range { sumsOut[c] = Float(acc[c - range.lowerBound]) }
                }
            }
        }
        return sums
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

/// A zero-padded `[H + 2pH, W + 2pW]` plane stored as its `sW` column phases: phase r holds the
/// padded columns r, r + sW, r + 2sW, … side by side, so padded pixel (py, px) lives at
/// `(px mod sW)·phaseCount + py·phaseWidth + px / sW`. A window tap (ki, kj) then reads (or adds
/// into) padded columns kj, kj + sW, …: one contiguous run per output row, starting at
/// `offset(row:column:)`, the next output row `sH·phaseWidth` further on. With sW = 1 it is the
/// plain padded plane.
struct PhasedPlane {
    let height: Int, width: Int, padHeight: Int, padWidth: Int, stride: Int
    /// Columns per phase row, ⌈(W + 2pW) / sW⌉, and values per phase.
    let phaseWidth: Int, phaseCount: Int
    /// Floats of scratch the plane needs.
    var count: Int { stride * phaseCount }

    init(_ w: Window2D) {
        height = w.height
        width = w.width
        padHeight = w.padding.height
        padWidth = w.padding.width
        stride = w.stride.width
        phaseWidth = (width + 2 * padWidth + stride - 1) / stride
        phaseCount = (height + 2 * padHeight) * phaseWidth
    }

    /// Where padded pixel (row, column) lives.
    @inline(__always)
    func offset(row: Int, column: Int) -> Int {
        (column % stride) * phaseCount + row * phaseWidth + column / stride
    }

    /// Copies an unpadded `[H, W]` plane into the interior of `plane` (the padding is left alone).
    @inline(__always)
    func scatter(_ image: UnsafePointer<Float>, into plane: UnsafeMutablePointer<Float>) {
        for r in 0..<stride {
            // The image columns x with (x + pW) mod sW = r, and where the first of them goes.
            let first = ((r - padWidth) % stride + stride) % stride
            guard first < width else { continue }
            let runs = (width - first + stride - 1) / stride
            var to = plane + offset(row: padHeight, column: first + padWidth)
            var from = image + first
            for _ in 0..<height {
                for j in 0..<runs { to[j] = from[j * stride] }
                to += phaseWidth
                from += width
            }
        }
    }

    /// Copies the interior of `plane` out as an unpadded `[H, W]` plane: `scatter` run backwards.
    /// The two share their loop structure on purpose rather than a helper taking the inner copy
    /// as a closure, which measured 10–15% slower col2im (`minimax bench kernels`, SkylakeX).
    @inline(__always)
    func gather(_ plane: UnsafePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        for r in 0..<stride {
            let first = ((r - padWidth) % stride + stride) % stride
            guard first < width else { continue }
            let runs = (width - first + stride - 1) / stride
            var from = plane + offset(row: padHeight, column: first + padWidth)
            var to = image + first
            for _ in 0..<height {
                for j in 0..<runs { to[j * stride] = from[j] }
                from += phaseWidth
                to += width
            }
        }
    }
}

/// Short contiguous runs (a window row is often 7 or 14 values) moved with SIMD loads and
/// stores: eight lanes, then four, then one at a time. The same values and additions as the
/// scalar loop, never a value outside the run read or written.
enum Runs {
    @inline(__always)
    static func copy(_ from: UnsafePointer<Float>, _ to: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            UnsafeMutableRawPointer(to + i).storeBytes(of: UnsafeRawPointer(from + i).loadUnaligned(as: SIMD8<Float>.self),
                                                       as: SIMD8<Float>.self)
            i += 8
        }
        if i + 4 <= count {
            UnsafeMutableRawPointer(to + i).storeBytes(of: UnsafeRawPointer(from + i).loadUnaligned(as: SIMD4<Float>.self),
                                                       as: SIMD4<Float>.self)
            i += 4
        }
        while i < count {
            to[i] = from[i]
            i += 1
        }
    }

    /// `to[i] += terms[i]` for i in 0..<count.
    @inline(__always)
    static func add(_ terms: UnsafePointer<Float>, into to: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let sum = UnsafeRawPointer(to + i).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(terms + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(to + i).storeBytes(of: sum, as: SIMD8<Float>.self)
            i += 8
        }
        if i + 4 <= count {
            let sum = UnsafeRawPointer(to + i).loadUnaligned(as: SIMD4<Float>.self)
                + UnsafeRawPointer(terms + i).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(to + i).storeBytes(of: sum, as: SIMD4<Float>.self)
            i += 4
        }
        while i < count {
            to[i] += terms[i]
            i += 1
        }
    }
}
