import MinimaxTensor

/// Reshapes each sample, keeping the batch dimension: `Reshape([128, 7, 7])` maps
/// `[N, 6272]` to `[N, 128, 7, 7]` (PyTorch's `x.view(-1, 128, 7, 7)`). One entry may be −1.
public final class Reshape: Module, UnaryLayer {
    public let sampleShape: [Int]
    public init(_ sampleShape: [Int]) {
        precondition(sampleShape.filter { $0 == -1 }.count <= 1 && sampleShape.allSatisfy { $0 > 0 || $0 == -1 },
                     "Reshape: sample shape \(sampleShape) must be positive with at most one −1")
        self.sampleShape = sampleShape
        super.init()
    }
    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank >= 1, "Reshape(\(sampleShape)): input is a scalar")
        return input.reshaped([input.shape[0]] + sampleShape)
    }
    public override var layerDescription: String { "Reshape(\(sampleShape))" }
}
