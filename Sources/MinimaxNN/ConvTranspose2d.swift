import MinimaxTensor

/// Transposed 2-D convolution (`torch.nn.ConvTranspose2d`, dilation 1, groups 1), the
/// generator's upsampling layer: weight `[inChannels, outChannels, kH, kW]` (PyTorch's layout),
/// bias `[outChannels]`, output size (H − 1)·stride − 2·padding + kernel + outputPadding.
///
/// Default initialisation as PyTorch, whose fan rule reads dimension 1 of this layout:
/// weight and bias U(±1/√fanIn) with fanIn = outChannels·kH·kW.
public final class ConvTranspose2d: Module, WeightedLayer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernelSize: Size2D
    public let stride: Size2D
    public let padding: Size2D
    public let outputPadding: Size2D
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Size2D, stride: Size2D = 1, padding: Size2D = 0,
                outputPadding: Size2D = 0, bias: Bool = true) {
        precondition(inChannels > 0 && outChannels > 0 && kernelSize.height > 0 && kernelSize.width > 0,
                     "ConvTranspose2d: channels and kernel size must be positive, got \(inChannels) → \(outChannels), kernel \(kernelSize)")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        weight = Parameter(.zeros([inChannels, outChannels, kernelSize.height, kernelSize.width]))
        self.bias = bias ? Parameter(.zeros([outChannels])) : nil
        super.init()
        initialize(seed: 0)
    }

    var fanIn: Int { outChannels * kernelSize.height * kernelSize.width }

    public override func resetParameters(_ stream: (String) -> RandomStream) {
        let bound = 1 / Float(fanIn).squareRoot()
        var w = stream("weight")
        weight.assign(w.uniformArray(count: weight.value.count, low: -bound, high: bound))
        if let bias {
            var b = stream("bias")
            bias.assign(b.uniformArray(count: outChannels, low: -bound, high: bound))
        }
    }

    public override var parameterRoles: [String: ParameterRole] {
        ["weight": .weight(fanIn: fanIn, fanOut: inChannels * kernelSize.height * kernelSize.width), "bias": .bias]
    }

    /// Output units are dimension 1 of the weight `[in, out, kH, kW]`.
    public var outputAxis: Int { 1 }

    public func callAsFunction(_ input: Tensor) -> Tensor { self(input, weight: weight.value) }

    /// The layer with `weight` in place of its own (`SpectralNorm` passes W/σ).
    public func callAsFunction(_ input: Tensor, weight: Tensor) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inChannels,
                     "\(layerDescription): input shape \(input.shape) is not [N, \(inChannels), H, W]")
        return input.convTranspose2d(weight: weight, bias: bias?.value, stride: stride, padding: padding,
                                     outputPadding: outputPadding)
    }

    public override var layerDescription: String {
        "ConvTranspose2d(\(inChannels) → \(outChannels), kernel \(kernelSize), stride \(stride), padding \(padding)\(bias == nil ? ", no bias" : ""))"
    }
}
