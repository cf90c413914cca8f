import MinimaxTensor

/// Batch normalisation over `[N, C, H, W]` inputs (`torch.nn.BatchNorm2d`); see `BatchNorm`.
public final class BatchNorm2d: BatchNorm {
    public init(_ features: Int, eps: Float = 1e-5, momentum: Float = 0.1, affine: Bool = true) {
        super.init(features: features, eps: eps, momentum: momentum, affine: affine)
    }
    override var acceptedRanks: [Int] { [4] }
}
