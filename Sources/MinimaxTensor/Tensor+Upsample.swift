/// Nearest-neighbour upsampling (`torch.nn.Upsample(scale_factor=s, mode="nearest")`).
extension Tensor {
    /// `[N, C, H, W]` → `[N, C, H·sH, W·sW]`, each pixel repeated over an sH × sW block.
    /// It is `windowSumTranspose` with kernel = stride = scale, so its pullback is the sum over
    /// each block (average pooling times sH·sW), and that pullback's is upsampling again.
    public func upsample2d(scaleFactor: Size2D) -> Tensor {
        let window = Tensor.validated { () throws -> Window2D in
            try Tensor.requireNCHW(shape, op: "upsample2d", name: "input")
            guard scaleFactor.height > 0 && scaleFactor.width > 0 else {
                throw TensorShapeError(description: "upsample2d: scale factor must be positive, got \(scaleFactor) (input \(shape))")
            }
            return try Window2D.sliding(op: "upsample2d", height: shape[2] * scaleFactor.height,
                                        width: shape[3] * scaleFactor.width, kernel: scaleFactor, stride: scaleFactor,
                                        padding: 0, context: "input \(shape), scale factor \(scaleFactor)")
        }
        return windowSumTranspose(window, imageShape: [shape[0], shape[1], window.height, window.width])
    }
}
