import MinimaxTensor

/// Flattens the dimensions from `startDimension` on (`torch.nn.Flatten`, default 1):
/// `[N, C, H, W]` → `[N, C·H·W]`.
public final class Flatten: Module, UnaryLayer {
    public let startDimension: Int
    public init(startDimension: Int = 1) {
        precondition(startDimension >= 0, "Flatten: startDimension must be non-negative, got \(startDimension)")
        self.startDimension = startDimension
        super.init()
    }
    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank > startDimension, "Flatten(from \(startDimension)): input shape \(input.shape) has too few dimensions")
        return input.flattened(from: startDimension)
    }
}
