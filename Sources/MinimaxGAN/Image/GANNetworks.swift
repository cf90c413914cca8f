import MinimaxNN
import MinimaxTensor

/// A generator `GANTrainer` can train: z ↦ G(z), or (z, y) ↦ G(z, y) for a conditional GAN.
public protocol GANGenerator: Module {
    var noiseDimension: Int { get }
    /// G on noise `[n, noiseDimension]`; `labels` (n class indices) condition a cGAN and must
    /// be nil for an unconditional generator.
    func callAsFunction(_ noise: Tensor, labels: [Int]?) -> Tensor
}

extension GANGenerator {
    /// G(z) of an unconditional generator.
    public func callAsFunction(_ noise: Tensor) -> Tensor { self(noise, labels: nil) }
}

/// A discriminator (critic) `GANTrainer` can train: inputs ↦ one score per (packed) input.
public protocol GANDiscriminator: Module {
    /// Scores `[n, 1]`; `labels` (n class indices) condition a cGAN and must be nil otherwise.
    func callAsFunction(_ input: Tensor, labels: [Int]?) -> Tensor
    /// The dropout layers, in order (their mask streams are saved with checkpoints).
    var dropoutLayers: [Dropout] { get }
}

extension GANDiscriminator {
    /// D(x) of an unconditional discriminator.
    public func callAsFunction(_ input: Tensor) -> Tensor { self(input, labels: nil) }
}

extension MLPGenerator: GANGenerator {
    public func callAsFunction(_ noise: Tensor, labels: [Int]?) -> Tensor {
        precondition(labels == nil, "MLPGenerator is unconditional; use ImageGenerator for a conditional GAN")
        return body(noise)
    }
}

extension MLPDiscriminator: GANDiscriminator {
    public func callAsFunction(_ input: Tensor, labels: [Int]?) -> Tensor {
        precondition(labels == nil, "MLPDiscriminator is unconditional; use ImageDiscriminator for a conditional GAN")
        return self(input)
    }
}
