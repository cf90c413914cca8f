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
