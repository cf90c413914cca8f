import MinimaxTensor

/// Zeroes each element with probability `p` in training mode and scales the survivors by
/// 1/(1−p) (inverted dropout, `torch.nn.Dropout`); the identity in evaluation mode.
///
/// The mask draws from `stream`, a named random stream given at construction, so dropout
/// never shifts any other random draw (data, noise, initialisation).
public final class Dropout: Module, UnaryLayer {
    public let p: Float
    /// The stream the masks draw from; advances by one uniform per element per training call.
    public var stream: RandomStream

    public init(_ p: Float = 0.5, stream: RandomStream) {
        precondition(p >= 0 && p < 1, "Dropout: p must be in [0, 1), got \(p)")
        self.p = p
        self.stream = stream
        super.init()
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard isTraining, p > 0 else { return input }
        var mask = [Float](repeating: 0, count: input.count)
        let keep = 1 - p, scale = 1 / (1 - p)
        mask.withUnsafeMutableBufferPointer { m in
            stream.fillUniform(m)
            for i in 0..<m.count { m[i] = m[i] < keep ? scale : 0 }
        }
        return input * Tensor(shape: input.shape, scalars: mask)
    }

    public override var layerDescription: String { "Dropout(p: \(p))" }
}
