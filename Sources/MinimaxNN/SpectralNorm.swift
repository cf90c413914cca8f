import MinimaxTensor

/// Spectral normalisation (Miyato et al. 2018) of a `Linear`, `Conv2d` or `ConvTranspose2d`
/// layer, as `torch.nn.utils.spectral_norm`: the layer runs with W/σ(W), where σ is the largest
/// singular value of W viewed as an `[out, rest]` matrix (`WeightedLayer.weightMatrix`: for
/// `ConvTranspose2d`, whose weight is `[in, out, kH, kW]`, the rows are its output channels,
/// PyTorch's `dim=1`), estimated by power iteration.
///
/// Each training-mode call first runs `powerIterations` steps without gradient,
///
///     v ← normalize(Wᵀu),  u ← normalize(Wv),
///
/// updating the persistent buffers `u` and `v`; then σ = uᵀWv is differentiated through W
/// (u and v are constants). Evaluation mode uses the stored u and v without updating them,
/// so the map W ↦ W/σ(W) is then a fixed, differentiable function. u and v start as
/// normalised N(0, 1) draws (PyTorch's rule; names `u`, `v` for PyTorch's `weight_u`, `weight_v`).
public final class SpectralNorm: Module, UnaryLayer {
    public let layer: any WeightedLayer
    public let powerIterations: Int
    public let eps: Float
    public let u: Buffer
    public let v: Buffer

    public init(_ layer: any WeightedLayer, powerIterations: Int = 1, eps: Float = 1e-12) {
        precondition(powerIterations >= 1, "SpectralNorm: powerIterations must be at least 1, got \(powerIterations)")
        self.layer = layer
        self.powerIterations = powerIterations
        self.eps = eps
        let rows = layer.weight.shape[layer.outputAxis]
        u = Buffer(.zeros([rows]))
        v = Buffer(.zeros([layer.weight.value.count / rows]))
        super.init()
        resetParameters { name in RandomStream(seed: 0, name: "init.\(name)") }
    }

    public override func resetParameters(_ stream: (String) -> RandomStream) {
        var us = stream("u"), vs = stream("v")
        u.value = normalize(Tensor(us.normalArray(count: u.value.count)))
        v.value = normalize(Tensor(vs.normalArray(count: v.value.count)))
    }

    /// x/max(‖x‖, eps), a constant (PyTorch's `F.normalize`).
    private func normalize(_ x: Tensor) -> Tensor {
        let norm = x.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let scale = 1 / Float(Swift.max(norm, Double(eps)))
        return Tensor(shape: x.shape, scalars: x.scalars.map { $0 * scale })
    }

    /// The current estimate σ = uᵀWv with the stored u and v (differentiable in W).
    public func sigma() -> Tensor {
        let matrix = layer.weightMatrix(layer.weight.value)
        return (matrix.matmul(v.value.reshaped([-1, 1])) * u.value.reshaped([-1, 1])).sum()
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        if isTraining {
            withoutGradients {
                let matrix = layer.weightMatrix(layer.weight.value.detached())
                for _ in 0..<powerIterations {
                    v.value = normalize(Tensor.matmul(matrix, u.value.reshaped([-1, 1]), transposeA: true, transposeB: false).reshaped([-1]))
                    u.value = normalize(matrix.matmul(v.value.reshaped([-1, 1])).reshaped([-1]))
                }
            }
        }
        return layer(input, weight: layer.weight.value / sigma())
    }

    public override var layerDescription: String { "SpectralNorm(\(layer.layerDescription))" }
}
