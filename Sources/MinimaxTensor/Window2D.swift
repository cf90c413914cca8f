/// The geometry shared by convolutions and pools: windows of `kernel` sliding with `stride`
/// over an image of `height × width` zero-padded by `padding` on each side, giving
/// `outputHeight × outputWidth` window positions, with
/// `output = ⌊(size + 2·padding − kernel) / stride⌋ + 1` (PyTorch's formula, dilation 1).
///
/// The "image" is always the large side: the input of `conv2d` and of the pools, the output
/// of `convTranspose2d` and of `upsample2d`.
struct Window2D: Equatable {
    let height: Int
    let width: Int
    let kernel: Size2D
    let stride: Size2D
    let padding: Size2D
    let outputHeight: Int
    let outputWidth: Int

    var imageSize: Int { height * width }
    var positions: Int { outputHeight * outputWidth }
    var kernelArea: Int { kernel.height * kernel.width }

    /// The `outputPadding` a transposed convolution needs to give back exactly `height × width`
    /// from `outputHeight × outputWidth`: the rows and columns the forward windows skipped.
    var transposedOutputPadding: Size2D {
        Size2D(height: (height + 2 * padding.height - kernel.height) % stride.height,
               width: (width + 2 * padding.width - kernel.width) % stride.width)
    }

    /// Positive kernel and stride, non-negative padding.
    static func checkParameters(op: String, kernel: Size2D, stride: Size2D, padding: Size2D, context: String) throws {
        guard kernel.height > 0 && kernel.width > 0 else {
            throw TensorShapeError(description: "\(op): kernel size must be positive, got \(kernel) (\(context))")
        }
        guard stride.height > 0 && stride.width > 0 else {
            throw TensorShapeError(description: "\(op): stride must be positive, got \(stride) (\(context))")
        }
        guard padding.height >= 0 && padding.width >= 0 else {
            throw TensorShapeError(description: "\(op): padding must be non-negative, got \(padding) (\(context))")
        }
    }

    /// Validates the window parameters against an image; `op` and `context` name the call in errors.
    static func sliding(op: String, height: Int, width: Int, kernel: Size2D, stride: Size2D, padding: Size2D,
                        context: String) throws -> Window2D {
        try checkParameters(op: op, kernel: kernel, stride: stride, padding: padding, context: context)
        let paddedHeight = height + 2 * padding.height, paddedWidth = width + 2 * padding.width
        guard kernel.height <= paddedHeight && kernel.width <= paddedWidth else {
            throw TensorShapeError(description:
                "\(op): kernel \(kernel) is larger than the padded input \(paddedHeight)×\(paddedWidth) (\(context))")
        }
        return Window2D(height: height, width: width, kernel: kernel, stride: stride, padding: padding,
                        outputHeight: (paddedHeight - kernel.height) / stride.height + 1,
                        outputWidth: (paddedWidth - kernel.width) / stride.width + 1)
    }

    /// The window positions `o` in 0..<count along one axis whose tap `o·stride + offset`
    /// lands inside 0..<size (offset = kernel tap − padding).
    @inline(__always)
    static func inside(offset: Int, stride: Int, size: Int, count: Int) -> Range<Int> {
        let low = offset >= 0 ? 0 : (stride - 1 - offset) / stride
        let last = size - 1 - offset
        let high = last < 0 ? 0 : Swift.min(count, last / stride + 1)
        return Swift.min(low, high)..<high
    }
}

/// Throwing shape validators: the ops call them and stop with their message; layers and
/// tools call them to compute output shapes or report a bad configuration as an error.
extension Tensor {
    static func requireNCHW(_ shape: [Int], op: String, name: String) throws {
        guard shape.count == 4 else {
            throw TensorShapeError(description: "\(op): \(name) must be 4-D [N, C, H, W], got shape \(shape)")
        }
    }

    static func conv2dWindow(input: [Int], weight: [Int], bias: [Int]?, stride: Size2D,
                             padding: Size2D) throws -> Window2D {
        let op = "conv2d"
        try requireNCHW(input, op: op, name: "input")
        guard weight.count == 4 else {
            throw TensorShapeError(description: "\(op): weight must be 4-D [outChannels, inChannels, kH, kW], got shape \(weight)")
        }
        guard input[1] == weight[1] else {
            throw TensorShapeError(description:
                "\(op): input \(input) has \(input[1]) channels but weight \(weight) expects \(weight[1]) (weight is [outChannels, inChannels, kH, kW])")
        }
        if let bias, bias != [weight[0]] {
            throw TensorShapeError(description: "\(op): bias of shape \(bias) does not match the \(weight[0]) output channels of weight \(weight)")
        }
        return try Window2D.sliding(op: op, height: input[2], width: input[3],
                                    kernel: Size2D(height: weight[2], width: weight[3]), stride: stride, padding: padding,
                                    context: "input \(input), weight \(weight), stride \(stride), padding \(padding)")
    }

    /// The window of a transposed convolution: its image is the (large) output.
    static func convTranspose2dWindow(input: [Int], weight: [Int], bias: [Int]?, stride: Size2D, padding: Size2D,
                                      outputPadding: Size2D) throws -> Window2D {
        let op = "convTranspose2d"
        try requireNCHW(input, op: op, name: "input")
        guard weight.count == 4 else {
            throw TensorShapeError(description: "\(op): weight must be 4-D [inChannels, outChannels, kH, kW], got shape \(weight)")
        }
        guard input[1] == weight[0] else {
            throw TensorShapeError(description:
                "\(op): input \(input) has \(input[1]) channels but weight \(weight) expects \(weight[0]) (weight is [inChannels, outChannels, kH, kW])")
        }
        if let bias, bias != [weight[1]] {
            throw TensorShapeError(description: "\(op): bias of shape \(bias) does not match the \(weight[1]) output channels of weight \(weight)")
        }
        let kernel = Size2D(height: weight[2], width: weight[3])
        let context = "input \(input), weight \(weight), stride \(stride), padding \(padding), outputPadding \(outputPadding)"
        try Window2D.checkParameters(op: op, kernel: kernel, stride: stride, padding: padding, context: context)
        guard outputPadding.height >= 0 && outputPadding.width >= 0
              && outputPadding.height < stride.height && outputPadding.width < stride.width else {
            throw TensorShapeError(description: "\(op): outputPadding must be in 0..<stride, got \(outputPadding) (\(context))")
        }
        let height = (input[2] - 1) * stride.height - 2 * padding.height + kernel.height + outputPadding.height
        let width = (input[3] - 1) * stride.width - 2 * padding.width + kernel.width + outputPadding.width
        guard height > 0 && width > 0 else {
            throw TensorShapeError(description: "\(op): output would be \(height)×\(width), not positive (\(context))")
        }
        let window = try Window2D.sliding(op: op, height: height, width: width, kernel: kernel, stride: stride,
                                          padding: padding, context: context)
        // With 0 ≤ outputPadding < stride the forward windows of the output are exactly the input positions.
        precondition(window.outputHeight == input[2] && window.outputWidth == input[3],
                     "\(op): internal window mismatch (\(context))")
        return window
    }

    static func pool2dWindow(op: String, input: [Int], kernelSize: Size2D, stride: Size2D,
                             padding: Size2D) throws -> Window2D {
        try requireNCHW(input, op: op, name: "input")
        let context = "input \(input), kernelSize \(kernelSize), stride \(stride), padding \(padding)"
        guard 2 * padding.height <= kernelSize.height && 2 * padding.width <= kernelSize.width else {
            throw TensorShapeError(description: "\(op): padding must be at most half the kernel size (\(context))")
        }
        return try Window2D.sliding(op: op, height: input[2], width: input[3], kernel: kernelSize, stride: stride,
                                    padding: padding, context: context)
    }

    /// The shape of `input.conv2d(weight:bias:stride:padding:)`, or the error that call would stop with.
    public static func conv2dOutputShape(input: [Int], weight: [Int], bias: [Int]? = nil, stride: Size2D = 1,
                                         padding: Size2D = 0) throws -> [Int] {
        let w = try conv2dWindow(input: input, weight: weight, bias: bias, stride: stride, padding: padding)
        return [input[0], weight[0], w.outputHeight, w.outputWidth]
    }

    /// The shape of `input.convTranspose2d(weight:bias:stride:padding:outputPadding:)`, or the error that call would stop with.
    public static func convTranspose2dOutputShape(input: [Int], weight: [Int], bias: [Int]? = nil, stride: Size2D = 1,
                                                  padding: Size2D = 0, outputPadding: Size2D = 0) throws -> [Int] {
        let w = try convTranspose2dWindow(input: input, weight: weight, bias: bias, stride: stride, padding: padding,
                                          outputPadding: outputPadding)
        return [input[0], weight[1], w.height, w.width]
    }

    /// The shape of `avgPool2d`/`maxPool2d` (stride nil: the kernel size, as in PyTorch), or the error.
    public static func pool2dOutputShape(input: [Int], kernelSize: Size2D, stride: Size2D? = nil,
                                         padding: Size2D = 0) throws -> [Int] {
        let w = try pool2dWindow(op: "pool2d", input: input, kernelSize: kernelSize, stride: stride ?? kernelSize,
                                 padding: padding)
        return [input[0], input[1], w.outputHeight, w.outputWidth]
    }

    /// Runs a validator; a thrown error stops the op with its message.
    static func validated<T>(_ body: () throws -> T) -> T {
        do { return try body() } catch { preconditionFailure("\(error)") }
    }
}
