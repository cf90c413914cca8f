/// Training-mode batch normalisation as one op, fused for speed.
extension Tensor {
    /// `(x − mean) / √(var + eps) · weight + bias` with the batch statistics of every channel
    /// (axis 1) taken over all other axes (`var` biased), for input `[N, C, …]`, weight and bias
    /// `[C]` (both or neither). Returns the output and each channel's mean and biased variance
    /// (for running statistics).
    ///
    /// Fused for speed, not for accuracy: the values are bit-for-bit those of the composition
    /// `batchNormComposition` (the layer's textbook definition in tensor ops), and so is the
    /// gradient, computed in three passes over the data instead of some twenty tensor ops. Both
    /// follow the composition's floating-point operations one by one: Double accumulation in
    /// row-major order for every sum, and the tape's order of gradient accumulation (within the
    /// composition, x receives its centring term first, then the term through the mean). Caveat:
    /// when `x` also feeds other ops, the composition would add those ops' gradients to x before
    /// the two terms and this op adds the terms first, so the last bit of dx can differ.
    /// Under `createGraph` the pullback differentiates the composition itself, so gradients of
    /// gradients (R1 on a critic with batch norm) work as for the unfused layer.
    public static func batchNormTraining(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float)
        -> (output: Tensor, mean: [Float], variance: [Float]) {
        precondition(x.rank >= 2, "batchNorm: input must be [N, C, …], got shape \(x.shape)")
        precondition((weight == nil) == (bias == nil), "batchNorm: give both weight and bias or neither")
        let layout = BatchNormLayout(x.shape)
        if let weight, let bias {
            precondition(weight.shape == [layout.channels] && bias.shape == [layout.channels],
                         "batchNorm: weight \(weight.shape) and bias \(bias.shape) must be [\(layout.channels)] for input \(x.shape)")
        }
        precondition(layout.perChannel > 0, "batchNorm: no values per channel in input of shape \(x.shape)")
        let (out, mean, variance, std) = layout.forward(x.scalars, weight: weight?.scalars, bias: bias?.scalars, eps: eps)
        let output = record("batchNorm", x.shape, out, inputs: [x] + [weight, bias].compactMap { $0 }) { g, _ in
            if Autograd.isRecordingEnabled {
                return batchNormCompositionGradients(g, x: x, weight: weight, bias: bias, eps: eps)
            }
            let grads = layout.backward(g, x: x, weight: weight, mean: mean, std: std,
                                        needs: (x.needsGradient, weight?.needsGradient ?? false, bias?.needsGradient ?? false))
            return [grads.x] + (weight == nil ? [] : [grads.weight, grads.bias])
        }
        return (output, mean, variance)
    }

    /// Training-mode batch normalisation written in tensor ops: the definition that
    /// `batchNormTraining` computes bit for bit, and what its pullback differentiates under
    /// `createGraph`.
    public static func batchNormComposition(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float) -> Tensor {
        let axes = [0] + Array(2..<x.rank)
        let statShape = [1, x.shape[1]] + [Int](repeating: 1, count: x.rank - 2)
        let mean = x.mean(axes: axes, keepDims: true)
        let centred = x - mean
        let variance = (centred * centred).mean(axes: axes, keepDims: true)
        let normalised = centred / (variance + eps).sqrt()
        guard let weight, let bias else { return normalised }
        return normalised * weight.reshaped(statShape) + bias.reshaped(statShape)
    }

    /// The gradients of the composition (recorded, for a second differentiation): nil for an
    /// input that needs none.
    private static func batchNormCompositionGradients(_ g: Tensor, x: Tensor, weight: Tensor?, bias: Tensor?,
                                                       eps: Float) -> [Tensor?] {
        let inputs = [x] + [weight, bias].compactMap { $0 }
        let wanted = inputs.filter(\.needsGradient)
        guard !wanted.isEmpty else { return inputs.map { _ in nil } }
        let y = batchNormComposition(x, weight: weight, bias: bias, eps: eps)
        let grads = gradients(of: y, wrt: wanted, seed: g, createGraph: true)
        var next = grads.makeIterator()
        return inputs.map { $0.needsGradient ? next.next() : nil }
    }
}
