import MinimaxTensor

/// A layer whose main weight can be replaced for one call, which is how `SpectralNorm`
/// runs the wrapped layer with W/σ(W) while the layer keeps W as its trainable parameter.
///
/// `weight` is laid out with output units first (`[out, …]`), so `weight.reshaped([out, −1])`
/// is the matrix whose largest singular value spectral normalisation divides by.
public protocol WeightedLayer: UnaryLayer {
    var weight: Parameter { get }
    func callAsFunction(_ input: Tensor, weight: Tensor) -> Tensor
}
