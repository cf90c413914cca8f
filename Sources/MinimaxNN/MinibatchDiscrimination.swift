import MinimaxTensor

/// Minibatch discrimination (Salimans et al. 2016, "Improved Techniques for Training GANs", §3.2):
/// lets the discriminator see how similar a sample is to the rest of its batch.
///
/// With features f(xᵢ) ∈ R^A and a learned tensor T ∈ R^{A×B×C}:
///
///     Mᵢ = f(xᵢ)·T ∈ R^{B×C}
///     c_b(xᵢ, xⱼ) = exp(−‖M_{i,b} − M_{j,b}‖_{L1})
///     o(xᵢ)_b = Σ_{j≠i} c_b(xᵢ, xⱼ)
///
/// and the output is concat(f(xᵢ), o(xᵢ)) ∈ R^{A+B}.
///
/// Where we depart: the paper's sum runs over all j; like the authors' code we exclude the
/// self-pair (which only adds the constant 1). Their code also weight-normalises T and adds a
/// learned bias to o; we do neither. T starts as N(0, 0.05²), the scale of their code's
/// initialiser. Memory and time grow as N²·B·C.
public final class MinibatchDiscrimination: Module, UnaryLayer {
    public let inputFeatures: Int
    public let kernels: Int
    public let kernelDimension: Int
    /// T, stored as an `[A, B·C]` matrix.
    public let weight: Parameter

    /// `inputFeatures` A, `kernels` B, `kernelDimension` C.
    public init(inputFeatures: Int, kernels: Int, kernelDimension: Int) {
        precondition(inputFeatures > 0 && kernels > 0 && kernelDimension > 0,
                     "MinibatchDiscrimination: sizes must be positive, got A \(inputFeatures), B \(kernels), C \(kernelDimension)")
        self.inputFeatures = inputFeatures
        self.kernels = kernels
        self.kernelDimension = kernelDimension
        weight = Parameter(.zeros([inputFeatures, kernels * kernelDimension]))
        super.init()
        initialize(seed: 0)
    }

    public override func resetParameters(_ stream: (String) -> RandomStream) {
        var w = stream("weight")
        weight.assign(w.normalArray(count: weight.value.count, std: 0.05))
    }

    public override var parameterRoles: [String: ParameterRole] {
        ["weight": .weight(fanIn: inputFeatures, fanOut: kernels * kernelDimension)]
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2 && input.shape[1] == inputFeatures,
                     "MinibatchDiscrimination(A \(inputFeatures)): input shape \(input.shape) is not [N, \(inputFeatures)]")
        let c = kernelDimension
        // Mᵀ as [B·C, N]: rows k·C ..< (k + 1)·C hold kernel k's C dimensions for every sample.
        let transposed = input.matmul(weight.value).transposed()
        let perKernel = (0..<kernels).map { kernel -> Tensor in
            // The L1 distances of kernel k between every pair of samples, [N, N], fused (see
            // `pairwiseL1Distances`): a broadcast [N, N, B, C] tensor cost about 10x as much.
            let distance = transposed.slice(axis: 0, kernel * c..<(kernel + 1) * c).pairwiseL1Distances()
            // The self-pair has distance exactly 0, so it adds exactly exp(0) = 1 (and no
            // gradient: the slope of |t| at t = 0 is taken as 0): subtracting 1 leaves j ≠ i.
            return (-distance).exp().sum(axis: 1, keepDims: true) - 1
        }
        return Tensor.concat([input] + perKernel, axis: 1)
    }

    public override var layerDescription: String {
        "MinibatchDiscrimination(A \(inputFeatures), B \(kernels), C \(kernelDimension))"
    }
}
