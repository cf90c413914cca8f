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
        let n = input.shape[0], c = kernelDimension
        // Mᵀ as [B·C, N], so each kernel's rows are one contiguous slice.
        let transposed = input.matmul(weight.value).transposed()
        // One kernel at a time: its pairwise tensors ([C, N, N], rows of N contiguous values)
        // stay in cache, where the [N, N, B, C] layout of one big tensor ran along rows of C
        // and cost several times as much.
        let perKernel = (0..<kernels).map { kernel -> Tensor in
            var distance: Tensor?
            for row in kernel * c..<(kernel + 1) * c {
                let x = transposed.slice(axis: 0, row..<row + 1)
                let d = (x.reshaped([n, 1]) - x).abs()
                distance = distance.map { $0 + d } ?? d
            }
            return ((-distance!).exp().sum(axis: 1, keepDims: true) - 1)
        }
        return Tensor.concat([input] + perKernel, axis: 1)
    }

    public override var layerDescription: String {
        "MinibatchDiscrimination(A \(inputFeatures), B \(kernels), C \(kernelDimension))"
    }
}
