import MinimaxTensor

/// Minibatch standard deviation (Karras et al. 2018, "Progressive Growing of GANs", §3):
/// the standard deviation of each feature (and spatial location) over the batch, averaged
/// into one number, appended to every sample as one more feature (`[N, F]` → `[N, F+1]`)
/// or one more constant channel (`[N, C, H, W]` → `[N, C+1, H, W]`).
///
///     s = mean over features of √(Var_batch[x] + 1e-8)      (biased variance)
///
/// Where we depart: the authors' code computes s per group of 4 samples; we use the whole
/// batch, as the paper's text describes.
public final class MinibatchStdDev: Module, UnaryLayer {
    public let eps: Float
    public init(eps: Float = 1e-8) {
        self.eps = eps
        super.init()
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2 || input.rank == 4, "MinibatchStdDev: input shape \(input.shape) is not [N, F] or [N, C, H, W]")
        let std = (input.variance(axes: [0]) + eps).sqrt()
        var extraShape = input.shape
        extraShape[1] = 1
        let s = std.mean().reshaped([Int](repeating: 1, count: input.rank)).broadcast(to: extraShape)
        return Tensor.concat([input, s], axis: 1)
    }
}
