import MinimaxTensor

/// y = x·Wᵀ + b (`torch.nn.Linear`): weight [outputFeatures, inputFeatures], bias [outputFeatures].
///
/// Default initialisation as PyTorch: W and b ~ U(−1/√in, 1/√in) (Kaiming-uniform with a = √5).
public final class Linear: Module, WeightedLayer {
    public let inputFeatures: Int
    public let outputFeatures: Int
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ inputFeatures: Int, _ outputFeatures: Int, bias: Bool = true) {
        precondition(inputFeatures > 0 && outputFeatures > 0,
                     "Linear: features must be positive, got \(inputFeatures) → \(outputFeatures)")
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        weight = Parameter(.zeros([outputFeatures, inputFeatures]))
        self.bias = bias ? Parameter(.zeros([outputFeatures])) : nil
        super.init()
        initialize(seed: 0)
    }

    public override func resetParameters(_ stream: (String) -> RandomStream) {
        let bound = 1 / Float(inputFeatures).squareRoot()
        var w = stream("weight")
        weight.assign(w.uniformArray(count: weight.value.count, low: -bound, high: bound))
        if let bias {
            var b = stream("bias")
            bias.assign(b.uniformArray(count: bias.value.count, low: -bound, high: bound))
        }
    }

    public override var parameterRoles: [String: ParameterRole] {
        ["weight": .weight(fanIn: inputFeatures, fanOut: outputFeatures), "bias": .bias]
    }

    public func callAsFunction(_ input: Tensor) -> Tensor { self(input, weight: weight.value) }

    /// The layer with `weight` in place of its own (`SpectralNorm` passes W/σ).
    public func callAsFunction(_ input: Tensor, weight: Tensor) -> Tensor { self(input, weight: weight, activation: nil) }

    /// The layer followed by `activation` as one fused op when given (`Sequential` fuses a
    /// Linear followed by ReLU or LeakyReLU this way): the same values and gradients as the two layers.
    public func callAsFunction(_ input: Tensor, weight: Tensor, activation: LinearActivation?) -> Tensor {
        precondition(input.shape.last == inputFeatures,
                     "Linear(\(inputFeatures) → \(outputFeatures)): input shape \(input.shape) has last dimension \(input.shape.last ?? 0)")
        return Tensor.linear(input, weight: weight, bias: bias?.value, activation: activation)
    }

    public override var layerDescription: String { "Linear(\(inputFeatures) → \(outputFeatures)\(bias == nil ? ", no bias" : ""))" }
}
