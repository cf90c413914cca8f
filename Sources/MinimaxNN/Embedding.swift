import MinimaxTensor

/// A lookup table of `count` vectors of size `dimension` (`torch.nn.Embedding`), e.g. a
/// conditional GAN's label embedding. Default initialisation as PyTorch: N(0, 1).
public final class Embedding: Module, UnaryLayer {
    public let count: Int
    public let dimension: Int
    public let weight: Parameter

    public init(_ count: Int, _ dimension: Int) {
        precondition(count > 0 && dimension > 0, "Embedding: count and dimension must be positive, got \(count), \(dimension)")
        self.count = count
        self.dimension = dimension
        weight = Parameter(.zeros([count, dimension]))
        super.init()
        initialize(seed: 0)
    }

    public override func resetParameters(_ stream: (String) -> RandomStream) {
        var w = stream("weight")
        weight.assign(w.normalArray(count: weight.value.count))
    }

    public override var parameterRoles: [String: ParameterRole] {
        // PyTorch's fan rule for a [count, dimension] matrix: fan-in = dimension, fan-out = count.
        ["weight": .weight(fanIn: dimension, fanOut: count)]
    }

    /// The rows for `indices`: shape `[indices.count, dimension]`.
    public func callAsFunction(_ indices: [Int]) -> Tensor {
        for i in indices where i < 0 || i >= count {
            preconditionFailure("Embedding(\(count), \(dimension)): index \(i) is out of range 0..<\(count)")
        }
        return weight.value.gather(rows: indices)
    }

    /// The rows for a tensor of whole-number indices of any shape: shape `input.shape + [dimension]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let indices = input.scalars.map { value -> Int in
            precondition(value == value.rounded() && value >= 0 && value < Float(count),
                         "Embedding(\(count), \(dimension)): index \(value) is not a whole number in 0..<\(count)")
            return Int(value)
        }
        return self(indices).reshaped(input.shape + [dimension])
    }

    public override var layerDescription: String { "Embedding(\(count), \(dimension))" }
}
