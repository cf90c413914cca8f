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
        let n = input.shape[0], b = kernels, c = kernelDimension
        let m = input.matmul(weight.value)
        // L1 distances between every pair of rows, per kernel: [N, N, B].
        let distance = (m.reshaped([n, 1, b, c]) - m.reshaped([1, n, b, c])).abs().sum(axis: 3)
        var offDiagonal = [Float](repeating: 1, count: n * n)
        for i in 0..<n { offDiagonal[i * n + i] = 0 }
        let similarity = (-distance).exp() * Tensor(shape: [n, n, 1], scalars: offDiagonal)
        return Tensor.concat([input, similarity.sum(axis: 1)], axis: 1)
    }

    public override var layerDescription: String {
        "MinibatchDiscrimination(A \(inputFeatures), B \(kernels), C \(kernelDimension))"
    }
}
