import CKernels
import Synchronization

/// The convolutions without their column matrix (conv2d's forward pass and weight gradient
/// here, `convTranspose2d` and so conv2d's input gradient in `DirectTransposedConvolution`),
/// used only where they give the GEMM route's bits.
///
/// The GEMM route builds the im2col matrix (12.8 MB for DCGAN-MNIST's Conv2d(64, 128, 4, 2, 1))
/// and multiplies it with OpenBLAS; the direct kernels (CKernels' conv.c, transposed_conv.c)
/// read a zero-padded copy of the input instead and keep their tiles in registers. They make
/// the same additions in the same order as long as OpenBLAS sums every element of a product as
/// one fused multiply-add chain per k block, in k order, the blocks cut by its level-3 driver's
/// rule (`kBlocks`) and added in turn. OpenBLAS 0.3.21's SkylakeX sgemm does (no mismatch on any
/// convolution GEMM of a DCGAN-MNIST iteration, `Benchmarks/direct-conv/sgemm_order_shim.c`);
/// its Haswell sgemm, the default pin, and its Cooperlake one do not. Rather than trust the
/// core's name, `isUsable` compares both routes' bits on probes once per process: the direct
/// routes run only where they have been seen to agree, so taking them changes no result.
enum DirectConvolution {
    /// OpenBLAS's k blocking for its SkylakeX sgemm: GEMM_Q = 448, and a remainder between Q and
    /// 2Q halved, rounded up to GEMM_UNROLL_M = 16 (driver/level3/level3.c).
    static func kBlocks(_ k: Int) -> [Int] {
        let q = 448, unroll = 16
        var blocks: [Int] = [], done = 0
        while done < k {
            let left = k - done
            let block = left >= 2 * q ? q : left > q ? (left / 2 + unroll - 1) / unroll * unroll : left
            blocks.append(block)
            done += block
        }
        return blocks
    }

    /// OpenBLAS runs products of at most 100³ multiply-adds through its small-matrix kernels,
    /// which sum in another order (kernel/x86_64/sgemm_small_kernel_permit_skylakex.c).
    static let smallMatrixWork = 100 * 100 * 100

    /// Whether every `cblas_sgemm` call `GEMM.multiply` makes for this product is past the
    /// small-matrix path.
    static func offSmallMatrixPath(m: Int, n: Int, k: Int) -> Bool {
        GEMM.smallestBandWork(m: m, n: n, k: k) > smallMatrixWork
    }

    /// The CPU runs the kernels and each direct route gives its GEMM route's bits on probes whose
    /// sums cross k blocks (576 = 288 + 288; 1000 = 448 + 288 + 264; 1008 = 448 + 288 + 272),
    /// pinning GEMM_Q and the rounding of the halves.
    static let isUsable: Bool = {
        guard minimax_direct_convolutions_supported() != 0 else { return false }
        probing.store(true, ordering: .sequentiallyConsistent)
        defer { probing.store(false, ordering: .sequentiallyConsistent) }
        func probe(_ shape: [Int], _ seed: Int) -> [Float] {
            (0..<shape.reduce(1, *)).map { Float((($0 + seed) * 7919) % 2003) / 1001 - 1 }
        }
        let stride = Size2D(height: 2, width: 2), padding = Size2D(height: 1, width: 1)
        for (batch, channels, outChannels, side) in [(2, 576, 64, 5), (1, 1000, 64, 4)] {
            let w = window(transposedInput: [batch, channels, side, side], kernel: 4, stride: stride, padding: padding)
            let x = probe([batch, channels, side, side], 1), weight = probe([channels, outChannels, 4, 4], 2)
            guard offSmallMatrixPath(m: outChannels * 16, n: batch * w.positions, k: channels),
                  sameBits(DirectTransposedConvolution.gemmRoute(x, weight: weight, batch: batch, channels: channels,
                                                                 outChannels: outChannels, window: w),
                           DirectTransposedConvolution.output(x, weight: weight, batch: batch, channels: channels,
                                                              outChannels: outChannels, window: w))
            else { return false }
        }
        // Forward: k = 63·16 = 1008. Weight gradient: 10 images of 10×10 outputs, k = 1000.
        for (batch, channels, outChannels, side) in [(4, 63, 64, 8), (10, 8, 64, 20)] {
            let w = window(input: [batch, channels, side, side], kernel: 4, stride: stride, padding: padding)
            let x = probe([batch, channels, side, side], 3), weight = probe([outChannels, channels, 4, 4], 4)
            let g = probe([batch, outChannels, w.outputHeight, w.outputWidth], 5)
            let k = channels * 16, width = batch * w.positions
            if offSmallMatrixPath(m: outChannels, n: width, k: k) {
                let cols = Im2Col.columns(of: x, batch: batch, channels: channels, window: w)
                let gemm = Im2Col.productBatchMajor(weight, cols, outChannels: outChannels, batch: batch,
                                                    planeSize: w.positions, k: k, bias: nil)
                guard sameBits(gemm, forward(x, weight: weight, bias: nil, batch: batch, channels: channels,
                                             outChannels: outChannels, window: w)) else { return false }
            }
            if offSmallMatrixPath(m: outChannels, n: k, k: width) {
                guard sameBits(weightGradientGEMMRoute(input: x, gradOutput: g, batch: batch, channels: channels,
                                                        outChannels: outChannels, window: w),
                               weightGradient(input: x, gradOutput: g, batch: batch, channels: channels,
                                              outChannels: outChannels, window: w)) else { return false }
            }
        }
        return true
    }()

    /// True while `isUsable` runs its probes, whose GEMMs must not ask for `isUsable` themselves.
    private static let probing = Atomic<Bool>(false)

    /// Whether OpenBLAS's sums in this process are known not to depend on where a product is cut
    /// into bands: `isUsable` (each element one chain per k block in k order, wherever it lies),
    /// false while the probes run. Evaluates the probes on first use.
    static var cutFreeSums: Bool {
        !probing.load(ordering: .sequentiallyConsistent) && isUsable
    }

    /// `matrices` row-major `[rows, columns]` matrices side by side, each replaced by its
    /// `[columns, rows]` transpose (a copy; x is left alone), matrix m's landing in slot
    /// `placement(m)` of the result. The threads split the rows, so one matrix uses them all.
    static func transposed(_ x: [Float], matrices: Int, rows: Int, columns: Int,
                           placement: (Int) -> Int = { $0 }) -> [Float] {
        [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
            initialized = x.count
            x.withUnsafeBufferPointer { src in
                guard let o = out.baseAddress, let s = src.baseAddress else { return }
                Parallel.forChunks(of: matrices * rows, work: x.count) { chunk in
                    var row = chunk.lowerBound
                    while row < chunk.upperBound {
                        let m = row / rows, i = row % rows, band = Swift.min(rows - i, chunk.upperBound - row)
                        minimax_transpose(s + (m * rows + i) * columns, o + placement(m) * rows * columns + i,
                                          band, columns, rows)
                        row += band
                    }
                }
            }
        }
    }

    private static func sameBits(_ a: [Float], _ b: [Float]) -> Bool {
        a.elementsEqual(b) { $0.bitPattern == $1.bitPattern }
    }

    static func window(input: [Int], kernel: Size2D, stride: Size2D, padding: Size2D) -> Window2D {
        Tensor.validated {
            try Window2D.sliding(op: "probe", height: input[2], width: input[3], kernel: kernel, stride: stride,
                                 padding: padding, context: "probe")
        }
    }

    static func window(transposedInput: [Int], kernel: Size2D, stride: Size2D, padding: Size2D) -> Window2D {
        Tensor.validated {
            try Tensor.convTranspose2dWindow(input: transposedInput,
                                             weight: [transposedInput[1], 64, kernel.height, kernel.width], bias: nil,
                                             stride: stride, padding: padding, outputPadding: 0)
        }
    }

    /// Whether conv2d's forward pass can take the direct route: a multiple of 64 output
    /// channels, every band of the GEMM it replaces past the small-matrix path, and the probes.
    static func forwardApplies(batch: Int, channels: Int, outChannels: Int, window w: Window2D) -> Bool {
        outChannels % 64 == 0 && batch > 0 && channels > 0
            && offSmallMatrixPath(m: outChannels, n: batch * w.positions, k: channels * w.kernelArea) && isUsable
    }

    /// Whether conv2d's weight gradient can take the direct route (the same conditions).
    static func weightGradientApplies(batch: Int, channels: Int, outChannels: Int, window w: Window2D) -> Bool {
        outChannels % 64 == 0 && batch > 0 && channels > 0
            && offSmallMatrixPath(m: outChannels, n: channels * w.kernelArea, k: batch * w.positions) && isUsable
    }

    /// conv2d by the direct route: `[N, O, oH, oW]` from x `[N, C, H, W]`, weight `[O, C, kH, kW]`
    /// and an optional bias `[O]`. Needs the kernels and O a multiple of 64.
    static func forward(_ x: [Float], weight: [Float], bias: [Float]?, batch: Int, channels: Int, outChannels: Int,
                        window w: Window2D) -> [Float] {
        forward(PaddedPlanes(x, batch: batch, channels: channels, window: w), weight: weight, bias: bias, batch: batch,
                channels: channels, outChannels: outChannels, window: w)
    }

    /// `forward` of an input already padded for the window (`PaddedPlanes(_:batch:channels:window:)`).
    static func forward(_ padded: PaddedPlanes, weight: [Float], bias: [Float]?, batch: Int, channels: Int,
                        outChannels: Int, window w: Window2D) -> [Float] {
        let k = channels * w.kernelArea
        let panels = transposed(weight, matrices: outChannels / 32, rows: 32, columns: k)  // [O/32][k][32]
        var tapOffsets = [Int](repeating: 0, count: k)
        for c in 0..<channels {
            for ki in 0..<w.kernel.height {
                for kj in 0..<w.kernel.width {
                    tapOffsets[(c * w.kernel.height + ki) * w.kernel.width + kj] = (c * padded.height + ki) * padded.width + kj
                }
            }
        }
        let blocks = kBlocks(k)
        let rows = batch * w.outputHeight, count = batch * outChannels * w.positions
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            initialized = count
            guard let o = out.baseAddress else { return }
            padded.values.withUnsafeBufferPointer { xp in
                panels.withUnsafeBufferPointer { wt in
                    tapOffsets.withUnsafeBufferPointer { offsets in
                        blocks.withUnsafeBufferPointer { bl in
                            withOptionalBase(bias) { b in
                                guard let xp = xp.baseAddress, let wt = wt.baseAddress, let offsets = offsets.baseAddress,
                                      let bl = bl.baseAddress else { return }
                                Parallel.forChunks(of: rows, work: count * k) { chunk in
                                    minimax_conv2d_rows(xp, wt, b, o, channels, outChannels, padded.height, padded.width,
                                                        w.outputHeight, w.outputWidth, w.stride.height, w.stride.width,
                                                        offsets, bl, blocks.count, chunk.lowerBound, chunk.upperBound)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// conv2d's weight gradient by the direct route: `[O, C, kH, kW]` from x `[N, C, H, W]` and
    /// gradOutput `[N, O, oH, oW]`. Needs the kernels and O a multiple of 64.
    static func weightGradient(input x: [Float], gradOutput g: [Float], batch: Int, channels: Int, outChannels: Int,
                               window w: Window2D) -> [Float] {
        weightGradient(input: PaddedPlanes(x, batch: batch, channels: channels, window: w), gradOutput: g, batch: batch,
                       channels: channels, outChannels: outChannels, window: w)
    }

    /// `weightGradient` of an input already padded for the window.
    static func weightGradient(input padded: PaddedPlanes, gradOutput g: [Float], batch: Int, channels: Int,
                               outChannels: Int, window w: Window2D) -> [Float] {
        // [O/64][N·P][64]: image n's 64-channel group j, a [64, P] matrix, lands in slot j·N + n.
        let groups = outChannels / 64
        let pixelMajor = transposed(g, matrices: batch * groups, rows: 64, columns: w.positions) { m in
            m % groups * batch + m / groups
        }
        var pixelOffsets = [Int](repeating: 0, count: batch * w.positions)
        for n in 0..<batch {
            for oy in 0..<w.outputHeight {
                for ox in 0..<w.outputWidth {
                    pixelOffsets[(n * w.outputHeight + oy) * w.outputWidth + ox] =
                        (n * channels * padded.height + oy * w.stride.height) * padded.width + ox * w.stride.width
                }
            }
        }
        let taps = w.kernelArea, blocks = kBlocks(batch * w.positions)
        // Every element is written before it is read (the first block's sums are stored).
        var scratch = [Float](unsafeUninitializedCapacity: taps * channels * outChannels) { _, initialized in
            initialized = taps * channels * outChannels
        }
        return [Float](unsafeUninitializedCapacity: outChannels * channels * taps) { out, initialized in
            initialized = outChannels * channels * taps
            guard let o = out.baseAddress else { return }
            padded.values.withUnsafeBufferPointer { xp in
                pixelMajor.withUnsafeBufferPointer { gp in
                    pixelOffsets.withUnsafeBufferPointer { offsets in
                        blocks.withUnsafeBufferPointer { bl in
                            scratch.withUnsafeMutableBufferPointer { sp in
                                guard let xp = xp.baseAddress, let gp = gp.baseAddress, let offsets = offsets.baseAddress,
                                      let bl = bl.baseAddress, let sp = sp.baseAddress else { return }
                                Parallel.forChunks(of: taps, work: initialized * batch * w.positions) { chunk in
                                    minimax_conv2d_weight_gradient_taps(xp, gp, o, sp, channels, outChannels, padded.height,
                                                                        padded.width, w.kernel.width, taps, offsets, bl,
                                                                        blocks.count, chunk.lowerBound, chunk.upperBound)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The weight gradient's GEMM route: gradOutput[O, N·P] · colsᵀ.
    static func weightGradientGEMMRoute(input x: [Float], gradOutput g: [Float], batch: Int, channels: Int,
                                        outChannels: Int, window w: Window2D) -> [Float] {
        let cols = Im2Col.columns(of: x, batch: batch, channels: channels, window: w)
        let gc = Im2Col.channelMajor(g, batch: batch, channels: outChannels, planeSize: w.positions)
        return Im2Col.product(gc, cols, m: outChannels, n: channels * w.kernelArea, k: batch * w.positions,
                              transposeA: false, transposeB: true)
    }
}

/// Planes copied at (top, left) into larger zero planes `[height, width]`, so that every tap a
/// direct kernel reads lies inside. Each value is written once (`minimax_pad_planes`).
struct PaddedPlanes {
    let values: [Float]
    let height: Int, width: Int

    init(_ x: [Float], planes: Int, height inHeight: Int, width inWidth: Int, top: Int, left: Int,
         paddedHeight height: Int, paddedWidth width: Int) {
        self.height = height
        self.width = width
        values = [Float](unsafeUninitializedCapacity: planes * height * width) { out, initialized in
            initialized = planes * height * width
            x.withUnsafeBufferPointer { src in
                guard let d = out.baseAddress, let s = src.baseAddress else { return }
                Parallel.forChunks(of: planes, work: initialized) { chunk in
                    minimax_pad_planes(s, d, chunk.lowerBound, chunk.upperBound, inHeight, inWidth, top, left,
                                       height, width)
                }
            }
        }
    }

    /// An `[N, C, H, W]` batch padded by the window's padding on every side.
    init(_ x: [Float], batch: Int, channels: Int, window w: Window2D) {
        self.init(x, planes: batch * channels, height: w.height, width: w.width, top: w.padding.height,
                  left: w.padding.width, paddedHeight: w.height + 2 * w.padding.height,
                  paddedWidth: w.width + 2 * w.padding.width)
    }
}

extension Engine {
    /// Whether large enough convolutions (conv2d forward, weight and input gradients, and
    /// convTranspose2d) run without their column matrix in this process: where that has been
    /// seen to give the same bits (`DirectConvolution.isUsable`).
    public static var convolutionsAreDirect: Bool { DirectConvolution.isUsable }
}
