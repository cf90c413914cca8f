/// 2-D convolutions on NCHW tensors with PyTorch's semantics (cross-correlation, dilation 1,
/// groups 1), fused for speed as im2col + one GEMM per batch (see `Im2Col`), or, where that
/// gives the same bits, without the column matrix (`DirectConvolution`).
///
/// Three primitives close under differentiation, so gradients of gradients (WGAN-GP, R1 on a
/// convolutional critic) work to any order:
/// - `conv2d(x, w)`: pullback dx = `convTranspose2d(g, w)`, dw = `conv2dWeightGradient(x, g)`;
/// - `convTranspose2d(x, w)`, the adjoint of conv2d in x: dx = `conv2d(g, w)`,
///   dw = `conv2dWeightGradient(g, x)`;
/// - `conv2dWeightGradient(x, g)`, bilinear: dx = `convTranspose2d(g, G)`, dg = `conv2d(x, G)`.
/// Biases add per output channel; their gradient is `g.sum(axes: [0, 2, 3])`.
extension Tensor {
    /// `torch.nn.functional.conv2d(input, weight, bias, stride, padding)`: input `[N, C, H, W]`,
    /// weight `[O, C, kH, kW]`, bias `[O]`, result `[N, O, ⌊(H + 2pH − kH)/sH⌋ + 1, ⌊(W + 2pW − kW)/sW⌋ + 1]`.
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: Size2D = 1, padding: Size2D = 0) -> Tensor {
        conv2d(weight: weight, bias: bias, stride: stride, padding: padding, columns: nil, padded: nil)
    }

    /// `conv2d` reusing what the caller already has for this input and window (a pullback that
    /// needs it twice): `columns`, its im2col matrix, or `padded`, its zero-padded copy for the
    /// direct route. The same op, one im2col or padding pass fewer; the pullback hands the same
    /// to the weight gradient.
    func conv2d(weight: Tensor, bias: Tensor?, stride: Size2D, padding: Size2D, columns: [Float]?,
                padded: PaddedPlanes?) -> Tensor {
        let window = Tensor.validated {
            try Tensor.conv2dWindow(input: shape, weight: weight.shape, bias: bias?.shape, stride: stride, padding: padding)
        }
        let batch = shape[0], channels = shape[1], outChannels = weight.shape[0]
        let cols: [Float]?, out: [Float], paddedInput: PaddedPlanes?
        if columns == nil
            && DirectConvolution.forwardApplies(batch: batch, channels: channels, outChannels: outChannels, window: window) {
            cols = nil
            let input = padded ?? PaddedPlanes(scalars, batch: batch, channels: channels, window: window)
            out = DirectConvolution.forward(input, weight: weight.scalars, bias: bias?.scalars, batch: batch,
                                            channels: channels, outChannels: outChannels, window: window)
            paddedInput = weight.requiresGrad ? input : nil
        } else {
            paddedInput = nil
            let columns = columns ?? Im2Col.columns(of: scalars, batch: batch, channels: channels, window: window)
            cols = columns
            out = Im2Col.productBatchMajor(weight.scalars, columns, outChannels: outChannels, batch: batch,
                                           planeSize: window.positions, k: channels * window.kernelArea, bias: bias?.scalars)
        }
        let x = self
        return Tensor.record("conv2d", [batch, outChannels, window.outputHeight, window.outputWidth], out,
                             inputs: [x, weight] + (bias.map { [$0] } ?? [])) { g, _ in
            // The GEMM routes read g channel-major, and the bias sums come from the same pass over
            // g; with both gradients direct, a sums-only pass.
            let needX = x.needsGradient, needW = weight.needsGradient, needBias = bias?.needsGradient ?? false
            let dxReadsChannelMajor = needX && !DirectTransposedConvolution.applies(
                batch: batch, channels: outChannels, outChannels: channels, window: window)
            let dwReadsChannelMajor = needW && !DirectConvolution.weightGradientApplies(
                batch: batch, channels: channels, outChannels: outChannels, window: window)
            var gChannelMajor: [Float]?, biasSums: [Float]?
            if dxReadsChannelMajor || dwReadsChannelMajor {
                if needBias {
                    (gChannelMajor, biasSums) = Im2Col.channelMajorAndSums(g.scalars, batch: batch, channels: outChannels,
                                                                           planeSize: window.positions)
                } else {
                    gChannelMajor = Im2Col.channelMajor(g.scalars, batch: batch, channels: outChannels,
                                                        planeSize: window.positions)
                }
            } else if needBias {
                biasSums = Im2Col.channelSums(g.scalars, batch: batch, channels: outChannels, planeSize: window.positions)
            }
            var grads: [Tensor?] = [
                needX
                    ? g.convTranspose2d(weight: weight, bias: nil, stride: stride, padding: padding,
                                        outputPadding: window.transposedOutputPadding, inputChannelMajor: gChannelMajor) : nil,
                needW
                    ? Tensor.conv2dWeightGradient(input: x, gradOutput: g, kernelSize: window.kernel, stride: stride,
                                                  padding: padding, inputColumns: cols, paddedInput: paddedInput,
                                                  gradOutputChannelMajor: gChannelMajor) : nil,
            ]
            if bias != nil { grads.append(needBias ? g.sum(axes: [0, 2, 3], precomputed: biasSums) : nil) }
            return grads
        }
    }

    /// `torch.nn.functional.conv_transpose2d(input, weight, bias, stride, padding, output_padding)`:
    /// input `[N, C, H, W]`, weight `[C, O, kH, kW]` (PyTorch's layout), bias `[O]`, result
    /// `[N, O, (H − 1)·sH − 2pH + kH + opH, (W − 1)·sW − 2pW + kW + opW]` with 0 ≤ op < stride.
    /// It is the adjoint (in x) of `conv2d` with the same weight: ⟨conv2d(y, w), x⟩ = ⟨y, convTranspose2d(x, w)⟩.
    /// Computed as one GEMM `wᵀ · x` over the batch, then col2im, or where that gives the same
    /// bits without the column matrix (`DirectTransposedConvolution`).
    public func convTranspose2d(weight: Tensor, bias: Tensor? = nil, stride: Size2D = 1, padding: Size2D = 0,
                                outputPadding: Size2D = 0) -> Tensor {
        convTranspose2d(weight: weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding,
                        inputChannelMajor: nil)
    }

    /// `convTranspose2d` reusing `inputChannelMajor`, this input in `[C, N, P]` layout, when the
    /// caller already has it (conv2d's pullback, whose weight gradient reads it too).
    func convTranspose2d(weight: Tensor, bias: Tensor?, stride: Size2D, padding: Size2D, outputPadding: Size2D,
                         inputChannelMajor: [Float]?) -> Tensor {
        let window = Tensor.validated {
            try Tensor.convTranspose2dWindow(input: shape, weight: weight.shape, bias: bias?.shape, stride: stride,
                                             padding: padding, outputPadding: outputPadding)
        }
        let batch = shape[0], channels = shape[1], outChannels = weight.shape[1]
        var inputs = inputChannelMajor
        var out: [Float]
        if DirectTransposedConvolution.applies(batch: batch, channels: channels, outChannels: outChannels, window: window) {
            out = DirectTransposedConvolution.output(scalars, weight: weight.scalars, batch: batch, channels: channels,
                                                     outChannels: outChannels, window: window)
        } else {
            let channelMajor = inputs
                ?? Im2Col.channelMajor(scalars, batch: batch, channels: channels, planeSize: window.positions)
            let cols = Im2Col.product(weight.scalars, channelMajor, m: outChannels * window.kernelArea,
                                      n: batch * window.positions, k: channels, transposeA: true, transposeB: false)
            out = Im2Col.image(from: cols, batch: batch, channels: outChannels, window: window)
            inputs = channelMajor
        }
        if let bias { Im2Col.addBias(&out, bias.scalars, batch: batch, channels: outChannels, planeSize: window.imageSize) }
        let x = self
        return Tensor.record("convTranspose2d", [batch, outChannels, window.height, window.width], out,
                             inputs: [x, weight] + (bias.map { [$0] } ?? [])) { g, _ in
            // Both gradients read the im2col matrix of g on their GEMM routes: build it once.
            let needX = x.needsGradient, needW = weight.needsGradient
            let bothDirect = DirectConvolution.forwardApplies(batch: batch, channels: outChannels, outChannels: channels,
                                                              window: window)
                && DirectConvolution.weightGradientApplies(batch: batch, channels: outChannels, outChannels: channels,
                                                           window: window)
            let gColumns = needX && needW && !bothDirect
                ? Im2Col.columns(of: g.scalars, batch: batch, channels: outChannels, window: window) : nil
            let gPadded = needX && needW && bothDirect
                ? PaddedPlanes(g.scalars, batch: batch, channels: outChannels, window: window) : nil
            var grads: [Tensor?] = [
                needX
                    ? g.conv2d(weight: weight, bias: nil, stride: stride, padding: padding, columns: gColumns,
                               padded: gPadded) : nil,
                needW
                    ? Tensor.conv2dWeightGradient(input: g, gradOutput: x, kernelSize: window.kernel, stride: stride,
                                                  padding: padding, inputColumns: gColumns, paddedInput: gPadded,
                                                  gradOutputChannelMajor: inputs) : nil,
            ]
            if let bias {
                grads.append(bias.needsGradient
                    ? g.sum(axes: [0, 2, 3], precomputed: Im2Col.channelSums(g.scalars, batch: batch, channels: outChannels,
                                                                             planeSize: window.imageSize))
                    : nil)
            }
            return grads
        }
    }

    /// The gradient of `conv2d` with respect to its weight (`torch.nn.grad.conv2d_weight`):
    /// dw[o, c, ki, kj] = Σ_{n, oy, ox} gradOutput[n, o, oy, ox] · x_padded[n, c, oy·sH + ki, ox·sW + kj],
    /// shape `[O, C, kH, kW]`, computed as one GEMM `gradOutput[O, N·P] · colsᵀ`. Bilinear in
    /// (input, gradOutput), and differentiable in both, which second-order gradients need.
    public static func conv2dWeightGradient(input: Tensor, gradOutput: Tensor, kernelSize: Size2D, stride: Size2D = 1,
                                            padding: Size2D = 0) -> Tensor {
        conv2dWeightGradient(input: input, gradOutput: gradOutput, kernelSize: kernelSize, stride: stride, padding: padding,
                             inputColumns: nil, paddedInput: nil, gradOutputChannelMajor: nil)
    }

    /// `conv2dWeightGradient` reusing what the caller has already computed: `inputColumns`, the
    /// im2col matrix of `input` for this window (conv2d's forward pass did the same im2col), or
    /// `paddedInput`, its padded copy for the direct route, and `gradOutputChannelMajor`,
    /// gradOutput in `[O, N, P]` layout.
    static func conv2dWeightGradient(input: Tensor, gradOutput: Tensor, kernelSize: Size2D, stride: Size2D,
                                     padding: Size2D, inputColumns: [Float]?, paddedInput: PaddedPlanes?,
                                     gradOutputChannelMajor: [Float]?) -> Tensor {
        let op = "conv2dWeightGradient"
        let window = validated { () throws -> Window2D in
            try requireNCHW(input.shape, op: op, name: "input")
            try requireNCHW(gradOutput.shape, op: op, name: "gradOutput")
            let window = try Window2D.sliding(op: op, height: input.shape[2], width: input.shape[3], kernel: kernelSize,
                                              stride: stride, padding: padding,
                                              context: "input \(input.shape), stride \(stride), padding \(padding)")
            guard gradOutput.shape[0] == input.shape[0] && gradOutput.shape[2] == window.outputHeight
                  && gradOutput.shape[3] == window.outputWidth else {
                throw TensorShapeError(description:
                    "\(op): gradOutput \(gradOutput.shape) does not match input \(input.shape) with kernel \(kernelSize), stride \(stride), padding \(padding) (expected [\(input.shape[0]), O, \(window.outputHeight), \(window.outputWidth)])")
            }
            return window
        }
        let batch = input.shape[0], channels = input.shape[1], outChannels = gradOutput.shape[1]
        let dw: [Float]
        if DirectConvolution.weightGradientApplies(batch: batch, channels: channels, outChannels: outChannels,
                                                   window: window) {
            dw = DirectConvolution.weightGradient(
                input: paddedInput ?? PaddedPlanes(input.scalars, batch: batch, channels: channels, window: window),
                gradOutput: gradOutput.scalars, batch: batch, channels: channels, outChannels: outChannels, window: window)
        } else {
            let cols = inputColumns ?? Im2Col.columns(of: input.scalars, batch: batch, channels: channels, window: window)
            let g = gradOutputChannelMajor
                ?? Im2Col.channelMajor(gradOutput.scalars, batch: batch, channels: outChannels, planeSize: window.positions)
            dw = Im2Col.product(g, cols, m: outChannels, n: channels * window.kernelArea, k: batch * window.positions,
                                transposeA: false, transposeB: true)
        }
        return record(op, [outChannels, channels, kernelSize.height, kernelSize.width], dw,
                      inputs: [input, gradOutput]) { gw, _ in
            [input.needsGradient
                ? gradOutput.convTranspose2d(weight: gw, stride: stride, padding: padding,
                                             outputPadding: window.transposedOutputPadding) : nil,
             gradOutput.needsGradient ? input.conv2d(weight: gw, stride: stride, padding: padding) : nil]
        }
    }
}
