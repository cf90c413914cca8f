import CKernels

/// `convTranspose2d` (and so conv2d's input gradient) without its column matrix, used only
/// where it gives the GEMM route's bits.
///
/// The GEMM route (`Im2Col.product` then `Im2Col.image`) writes and reads back a column matrix
/// of O·kH·kW × N·P floats (12.8 MB for DCGAN-MNIST), through L3. `minimax_transposed_conv_rows`
/// keeps each output tile in registers instead and makes the same additions in the same order
/// as long as OpenBLAS sums every element of a product as one fused multiply-add chain per k
/// block, in k order, the blocks cut by its level-3 driver's rule (`kBlocks`) and added in turn.
/// OpenBLAS 0.3.21's SkylakeX sgemm does (no mismatch on any large product of a DCGAN-MNIST
/// iteration, `Benchmarks/direct-conv/sgemm_order_shim.c`); its Haswell sgemm, the default pin,
/// does not (its sums depend on where a tile falls). Rather than trust the core's name,
/// `isUsable` compares the two routes' bits on probe products once per process: the direct route
/// runs only where it has been seen to agree, so no run's results change with it.
enum DirectTransposedConvolution {
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

    /// Whether `convTranspose2d` can take the direct route for this shape: a CPU that runs the
    /// kernel, a multiple of 64 output channels, every GEMM band it replaces above the
    /// small-matrix path, and agreement on the probes.
    static func applies(batch: Int, channels: Int, outChannels: Int, window w: Window2D) -> Bool {
        outChannels % 64 == 0 && channels > 0 && batch > 0
            && GEMM.smallestBandWork(m: outChannels * w.kernelArea, n: batch * w.positions, k: channels) > smallMatrixWork
            && isUsable
    }

    /// The CPU runs the kernel and both routes give the same bits on two probes whose channel
    /// counts (576: 288 + 288; 1000: 448 + 288 + 264) pin GEMM_Q and the rounding of the halves.
    static let isUsable: Bool = {
        guard minimax_transposed_conv_supported() != 0 else { return false }
        return probeAgrees(batch: 2, channels: 576, outChannels: 64, side: 5)
            && probeAgrees(batch: 1, channels: 1000, outChannels: 64, side: 4)
    }()

    private static func probeAgrees(batch: Int, channels: Int, outChannels: Int, side: Int) -> Bool {
        let x = (0..<(batch * channels * side * side)).map { Float(($0 * 7919) % 2003) / 1001 - 1 }
        let weight = (0..<(channels * outChannels * 16)).map { Float(($0 * 104_729) % 1999) / 999 - 1 }
        let stride = Size2D(height: 2, width: 2), padding = Size2D(height: 1, width: 1)
        let window = Tensor.validated {
            try Tensor.convTranspose2dWindow(input: [batch, channels, side, side], weight: [channels, outChannels, 4, 4],
                                             bias: nil, stride: stride, padding: padding, outputPadding: 0)
        }
        guard GEMM.smallestBandWork(m: outChannels * 16, n: batch * side * side, k: channels) > smallMatrixWork else {
            return false
        }
        let gemm = gemmRoute(x, weight: weight, batch: batch, channels: channels, outChannels: outChannels, window: window)
        let direct = output(x, weight: weight, batch: batch, channels: channels, outChannels: outChannels, window: window)
        return gemm.elementsEqual(direct) { $0.bitPattern == $1.bitPattern }
    }

    /// The GEMM route, as `convTranspose2d` takes it: `[N, O, H, W]`.
    static func gemmRoute(_ x: [Float], weight: [Float], batch: Int, channels: Int, outChannels: Int,
                          window: Window2D) -> [Float] {
        let inputs = Im2Col.channelMajor(x, batch: batch, channels: channels, planeSize: window.positions)
        let cols = Im2Col.product(weight, inputs, m: outChannels * window.kernelArea, n: batch * window.positions,
                                  k: channels, transposeA: true, transposeB: false)
        return Im2Col.image(from: cols, batch: batch, channels: outChannels, window: window)
    }

    /// The direct route: `[N, O, H, W]` from x `[N, C, oH, oW]` and weight `[C, O, kH, kW]`.
    /// Needs `minimax_transposed_conv_supported()` and O a multiple of 64.
    static func output(_ x: [Float], weight: [Float], batch: Int, channels: Int, outChannels: Int,
                       window w: Window2D) -> [Float] {
        let kH = w.kernel.height, kW = w.kernel.width, sW = w.stride.width, pW = w.padding.width
        let inHeight = w.outputHeight, inWidth = w.outputWidth
        // Tap kj of pixel column x reads input column (x + pW − kj)/sW: from ⌈(pW − kW + 1)/sW⌉
        // (negative: a left margin) to ⌊(W − 1 + pW)/sW⌋, past the image on the right.
        let leftMargin = Swift.max(0, (kW - 1 - pW + sW - 1) / sW)
        let lastColumn = (w.width - 1 + pW) / sW
        let paddedWidth = leftMargin + Swift.max(inWidth, lastColumn + 1)
        let padded = paddedRows(x, planes: batch * channels, height: inHeight, width: inWidth,
                                paddedWidth: paddedWidth, leftMargin: leftMargin)
        let tapMajor = tapMajorWeight(weight, channels: channels, outChannels: outChannels, taps: kH * kW)
        let blocks = kBlocks(channels)
        let rows = batch * w.height
        return [Float](unsafeUninitializedCapacity: batch * outChannels * w.imageSize) { out, initialized in
            initialized = batch * outChannels * w.imageSize
            guard let o = out.baseAddress else { return }
            padded.withUnsafeBufferPointer { xp in
                tapMajor.withUnsafeBufferPointer { wt in
                    blocks.withUnsafeBufferPointer { bl in
                        guard let xp = xp.baseAddress, let wt = wt.baseAddress, let bl = bl.baseAddress else { return }
                        Parallel.forChunks(of: rows, work: initialized * channels) { chunk in
                            minimax_transposed_conv_rows(xp, wt, o, channels, outChannels, inHeight, paddedWidth,
                                                         leftMargin, w.height, w.width, kH, kW, w.stride.height, sW,
                                                         w.padding.height, pW, bl, blocks.count,
                                                         chunk.lowerBound, chunk.upperBound)
                        }
                    }
                }
            }
        }
    }

    /// Each `[height, width]` plane with its rows widened to `paddedWidth`, zeros either side.
    private static func paddedRows(_ x: [Float], planes: Int, height: Int, width: Int, paddedWidth: Int,
                                   leftMargin: Int) -> [Float] {
        var padded = [Float](repeating: 0, count: planes * height * paddedWidth)
        padded.withUnsafeMutableBufferPointer { dst in
            x.withUnsafeBufferPointer { src in
                guard let d = dst.baseAddress, let s = src.baseAddress else { return }
                Parallel.forChunks(of: planes * height, work: planes * height * paddedWidth) { rows in
                    for row in rows {
                        (d + row * paddedWidth + leftMargin).update(from: s + row * width, count: width)
                    }
                }
            }
        }
        return padded
    }

    /// `[C, O, taps]` → `[taps, C, O]`: for each tap and input channel, the 64-wide runs of
    /// output channels the kernel loads.
    private static func tapMajorWeight(_ weight: [Float], channels: Int, outChannels: Int, taps: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: weight.count) { out, initialized in
            initialized = weight.count
            weight.withUnsafeBufferPointer { src in
                guard let o = out.baseAddress, let s = src.baseAddress else { return }
                // Sixteen output channels at a time: their taps are 16 neighbouring source rows,
                // and each tap's 16 values one 64-byte run of the result. Wrapping arithmetic:
                // every index is below weight.count.
                for c in 0..<channels {
                    var j0 = 0
                    while j0 < outChannels {
                        let width = Swift.min(16, outChannels &- j0)
                        let from = s + ((c &* outChannels &+ j0) &* taps)
                        var to = o + (c &* outChannels &+ j0)
                        for t in 0..<taps {
                            var jj = 0
                            while jj < width {
                                (to + jj).initialize(to: from[jj &* taps &+ t])
                                jj &+= 1
                            }
                            to += channels &* outChannels
                        }
                        j0 &+= 16
                    }
                }
            }
        }
    }
}

extension Engine {
    /// Whether large enough `convTranspose2d`s (and conv2d input gradients) run without their
    /// column matrix in this process: where that has been seen to give the same bits
    /// (`DirectTransposedConvolution.isUsable`).
    public static var transposedConvolutionIsDirect: Bool { DirectTransposedConvolution.isUsable }
}

/// The two ways `convTranspose2d` can compute its output (without bias or tape), for the tests
/// and benchmarks that compare them; `convTranspose2d` itself picks between them.
public enum TransposedConvolutionRoutes {
    /// Through the column matrix: one GEMM wᵀ·x over the batch, then col2im.
    public static func columns(_ x: Tensor, weight: Tensor, stride: Size2D = 1, padding: Size2D = 0,
                               outputPadding: Size2D = 0) -> Tensor {
        let w = window(x, weight: weight, stride: stride, padding: padding, outputPadding: outputPadding)
        let out = DirectTransposedConvolution.gemmRoute(x.scalars, weight: weight.scalars, batch: x.shape[0],
                                                        channels: x.shape[1], outChannels: weight.shape[1], window: w)
        return Tensor(shape: [x.shape[0], weight.shape[1], w.height, w.width], scalars: out)
    }

    /// Without the column matrix, whatever this process's BLAS does; nil where the kernel cannot
    /// run (a CPU without AVX-512F, or output channels not a multiple of 64).
    public static func direct(_ x: Tensor, weight: Tensor, stride: Size2D = 1, padding: Size2D = 0,
                              outputPadding: Size2D = 0) -> Tensor? {
        let w = window(x, weight: weight, stride: stride, padding: padding, outputPadding: outputPadding)
        let outChannels = weight.shape[1]
        guard minimax_transposed_conv_supported() != 0 && outChannels % 64 == 0 && x.shape[1] > 0 else { return nil }
        let out = DirectTransposedConvolution.output(x.scalars, weight: weight.scalars, batch: x.shape[0],
                                                     channels: x.shape[1], outChannels: outChannels, window: w)
        return Tensor(shape: [x.shape[0], outChannels, w.height, w.width], scalars: out)
    }

    private static func window(_ x: Tensor, weight: Tensor, stride: Size2D, padding: Size2D,
                               outputPadding: Size2D) -> Window2D {
        Tensor.validated {
            try Tensor.convTranspose2dWindow(input: x.shape, weight: weight.shape, bias: nil, stride: stride,
                                             padding: padding, outputPadding: outputPadding)
        }
    }
}
