import CKernels

/// `convTranspose2d` (and so conv2d's input gradient) without its column matrix, used only
/// where it gives the GEMM route's bits (`DirectConvolution`).
///
/// The GEMM route (`Im2Col.product` then `Im2Col.image`) writes and reads back a column matrix
/// of O·kH·kW × N·P floats (12.8 MB for DCGAN-MNIST). `minimax_transposed_conv_rows` keeps each
/// output tile in registers instead: for each output pixel, the taps that reach it in (ki, kj)
/// order, each tap's chain over input channels in OpenBLAS's k blocks, as col2im adds them.
enum DirectTransposedConvolution {
    /// Whether `convTranspose2d` can take the direct route for this shape: a multiple of 64
    /// output channels, every GEMM band it replaces past the small-matrix path, and the probes.
    static func applies(batch: Int, channels: Int, outChannels: Int, window w: Window2D) -> Bool {
        outChannels % 64 == 0 && channels > 0 && batch > 0
            && DirectConvolution.offSmallMatrixPath(m: outChannels * w.kernelArea, n: batch * w.positions, k: channels)
            && DirectConvolution.isUsable
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
    /// Needs the kernels (`minimax_direct_convolutions_supported`) and O a multiple of 64.
    static func output(_ x: [Float], weight: [Float], batch: Int, channels: Int, outChannels: Int,
                       window w: Window2D) -> [Float] {
        let kH = w.kernel.height, kW = w.kernel.width, sW = w.stride.width, pW = w.padding.width
        let inHeight = w.outputHeight, inWidth = w.outputWidth
        // Tap kj of pixel column x reads input column (x + pW − kj)/sW: from ⌈(pW − kW + 1)/sW⌉
        // (negative: a left margin) to ⌊(W − 1 + pW)/sW⌋, past the image on the right.
        let leftMargin = Swift.max(0, (kW - 1 - pW + sW - 1) / sW)
        let lastColumn = (w.width - 1 + pW) / sW
        let paddedWidth = leftMargin + Swift.max(inWidth, lastColumn + 1)
        let padded = PaddedPlanes(x, planes: batch * channels, height: inHeight, width: inWidth, top: 0,
                                  left: leftMargin, paddedHeight: inHeight, paddedWidth: paddedWidth).values
        // [C, O, taps] → [taps, C, O]: for each tap and input channel, the runs of output
        // channels the kernel loads.
        let tapMajor = DirectConvolution.transposed(weight, matrices: 1, rows: channels * outChannels, columns: kH * kW)
        let blocks = DirectConvolution.kBlocks(channels)
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
}

/// The routes a convolution can take (without bias or tape), for the tests and benchmarks that
/// compare them: through the column matrix, or direct (nil where the kernels cannot run: a CPU
/// without AVX-512F, or output channels not a multiple of 64). The ops pick between them.
public enum ConvolutionRoutes {
    /// `x.convTranspose2d(weight:…)`'s output.
    public static func convTranspose2d(_ x: Tensor, weight: Tensor, stride: Size2D = 1, padding: Size2D = 0,
                                       outputPadding: Size2D = 0, direct: Bool) -> Tensor? {
        let w = Tensor.validated {
            try Tensor.convTranspose2dWindow(input: x.shape, weight: weight.shape, bias: nil, stride: stride,
                                             padding: padding, outputPadding: outputPadding)
        }
        let (batch, channels, outChannels) = (x.shape[0], x.shape[1], weight.shape[1])
        let shape = [batch, outChannels, w.height, w.width]
        guard direct else {
            return Tensor(shape: shape, scalars: DirectTransposedConvolution.gemmRoute(
                x.scalars, weight: weight.scalars, batch: batch, channels: channels, outChannels: outChannels, window: w))
        }
        guard canRun(outChannels: outChannels, channels: channels) else { return nil }
        return Tensor(shape: shape, scalars: DirectTransposedConvolution.output(
            x.scalars, weight: weight.scalars, batch: batch, channels: channels, outChannels: outChannels, window: w))
    }

    /// `x.conv2d(weight:…)`'s output.
    public static func conv2d(_ x: Tensor, weight: Tensor, stride: Size2D = 1, padding: Size2D = 0,
                              direct: Bool) -> Tensor? {
        let w = Tensor.validated {
            try Tensor.conv2dWindow(input: x.shape, weight: weight.shape, bias: nil, stride: stride, padding: padding)
        }
        let (batch, channels, outChannels) = (x.shape[0], x.shape[1], weight.shape[0])
        let shape = [batch, outChannels, w.outputHeight, w.outputWidth]
        guard direct else {
            let cols = Im2Col.columns(of: x.scalars, batch: batch, channels: channels, window: w)
            return Tensor(shape: shape, scalars: Im2Col.productBatchMajor(
                weight.scalars, cols, outChannels: outChannels, batch: batch, planeSize: w.positions,
                k: channels * w.kernelArea, bias: nil))
        }
        guard canRun(outChannels: outChannels, channels: channels) else { return nil }
        return Tensor(shape: shape, scalars: DirectConvolution.forward(
            x.scalars, weight: weight.scalars, bias: nil, batch: batch, channels: channels, outChannels: outChannels,
            window: w))
    }

    /// `Tensor.conv2dWeightGradient(input:gradOutput:…)`'s output.
    public static func conv2dWeightGradient(input: Tensor, gradOutput: Tensor, kernelSize: Size2D, stride: Size2D = 1,
                                            padding: Size2D = 0, direct: Bool) -> Tensor? {
        let w = Tensor.validated {
            try Window2D.sliding(op: "conv2dWeightGradient", height: input.shape[2], width: input.shape[3],
                                 kernel: kernelSize, stride: stride, padding: padding, context: "ConvolutionRoutes")
        }
        let (batch, channels, outChannels) = (input.shape[0], input.shape[1], gradOutput.shape[1])
        let shape = [outChannels, channels, kernelSize.height, kernelSize.width]
        guard direct else {
            return Tensor(shape: shape, scalars: DirectConvolution.weightGradientGEMMRoute(
                input: input.scalars, gradOutput: gradOutput.scalars, batch: batch, channels: channels,
                outChannels: outChannels, window: w))
        }
        guard canRun(outChannels: outChannels, channels: channels) else { return nil }
        return Tensor(shape: shape, scalars: DirectConvolution.weightGradient(
            input: input.scalars, gradOutput: gradOutput.scalars, batch: batch, channels: channels,
            outChannels: outChannels, window: w))
    }

    private static func canRun(outChannels: Int, channels: Int) -> Bool {
        minimax_direct_convolutions_supported() != 0 && outChannels % 64 == 0 && channels > 0
    }
}
