import MinimaxTensor

/// A maxout layer (Goodfellow et al. 2013), the unit of PacGAN's maxout critic:
/// `Linear(inputFeatures, pieces·outputFeatures)`, then for each output unit the maximum
/// over its `pieces` consecutive linear outputs (`y.view(N, out, pieces).max(-1)`).
///
/// The gradient goes to the winning piece (shared equally on exact ties).
public final class Maxout: Module, UnaryLayer {
    public let outputFeatures: Int
    public let pieces: Int
    public let linear: Linear

    public init(_ inputFeatures: Int, _ outputFeatures: Int, pieces: Int) {
        precondition(pieces >= 1, "Maxout: pieces must be at least 1, got \(pieces)")
        self.outputFeatures = outputFeatures
        self.pieces = pieces
        linear = Linear(inputFeatures, outputFeatures * pieces)
        super.init()
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let y = linear(input)
        return y.reshaped(Array(y.shape.dropLast()) + [outputFeatures, pieces]).max(axis: y.rank)
    }

    public override var layerDescription: String { "Maxout(\(linear.inputFeatures) → \(outputFeatures), pieces: \(pieces))" }
}
