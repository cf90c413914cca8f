import MinimaxTensor

/// A layer whose main weight can be replaced for one call, which is how `SpectralNorm`
/// runs the wrapped layer with W/σ(W) while the layer keeps W as its trainable parameter.
public protocol WeightedLayer: UnaryLayer {
    var weight: Parameter { get }
    /// The weight dimension that indexes output units: 0 for `Linear` (`[out, in]`) and
    /// `Conv2d` (`[out, in, kH, kW]`), 1 for `ConvTranspose2d` (`[in, out, kH, kW]`), as
    /// the `dim` that `torch.nn.utils.spectral_norm` picks.
    var outputAxis: Int { get }
    func callAsFunction(_ input: Tensor, weight: Tensor) -> Tensor
}

extension WeightedLayer {
    public var outputAxis: Int { 0 }

    /// The weight as the `[out, rest]` matrix whose largest singular value spectral
    /// normalisation divides by: `outputAxis` moved to the front, the other dimensions
    /// flattened in order (PyTorch's `weight.permute(dim, …).reshape(out, -1)`). Differentiable.
    public func weightMatrix(_ weight: Tensor) -> Tensor {
        let axis = outputAxis
        guard axis != 0 else { return weight.reshaped([weight.shape[0], -1]) }
        let order = [axis] + weight.shape.indices.filter { $0 != axis }
        return weight.permuted(order).reshaped([weight.shape[axis], -1])
    }
}
