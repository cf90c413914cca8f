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
