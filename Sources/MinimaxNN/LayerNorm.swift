import MinimaxTensor

/// Normalises over the last `normalizedShape.count` dimensions of each sample
/// (`torch.nn.LayerNorm`, Ba et al. 2016):
///
///     y = (x − E[x]) / √(Var[x] + eps) · weight + bias      (biased variance)
///
/// Same computation in training and evaluation mode; weight starts at 1, bias at 0.
public final class LayerNorm: Module, UnaryLayer {
    public let normalizedShape: [Int]
    public let eps: Float
    public let weight: Parameter?
    public let bias: Parameter?

    public init(_ normalizedShape: [Int], eps: Float = 1e-5, elementwiseAffine: Bool = true) {
        precondition(!normalizedShape.isEmpty && normalizedShape.allSatisfy { $0 > 0 },
                     "LayerNorm: normalized shape \(normalizedShape) must be non-empty and positive")
        self.normalizedShape = normalizedShape
        self.eps = eps
        weight = elementwiseAffine ? Parameter(.ones(normalizedShape)) : nil
        bias = elementwiseAffine ? Parameter(.zeros(normalizedShape)) : nil
        super.init()
    }

    public convenience init(_ features: Int, eps: Float = 1e-5, elementwiseAffine: Bool = true) {
        self.init([features], eps: eps, elementwiseAffine: elementwiseAffine)
    }

    public override func resetParameters(_ stream: (String) -> RandomStream) {
        weight?.assign([Float](repeating: 1, count: normalizedShape.reduce(1, *)))
        bias?.assign([Float](repeating: 0, count: normalizedShape.reduce(1, *)))
    }

    public override var parameterRoles: [String: ParameterRole] {
        weight == nil ? [:] : ["weight": .normScale, "bias": .normShift]
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let k = normalizedShape.count
        precondition(input.rank >= k && Array(input.shape.suffix(k)) == normalizedShape,
                     "LayerNorm(\(normalizedShape)): input shape \(input.shape) does not end with \(normalizedShape)")
        let axes = Array((input.rank - k)..<input.rank)
        let centred = input - input.mean(axes: axes, keepDims: true)
        let variance = (centred * centred).mean(axes: axes, keepDims: true)
        let normalised = centred / (variance + eps).sqrt()
        guard let weight, let bias else { return normalised }
        return normalised * weight.value + bias.value
    }

    public override var layerDescription: String { "LayerNorm(\(normalizedShape))" }
}
