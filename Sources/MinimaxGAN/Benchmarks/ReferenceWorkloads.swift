import Foundation
import MinimaxData
import MinimaxNN
import MinimaxTensor

/// The three reference training workloads that `minimax bench` times and that the scripts in
/// `Benchmarks/` (PyTorch, JAX) run the same way, so their throughputs can be compared.
///
/// - `toy2d`: `ReferenceModels.toy2dGenerator/Discriminator` (width 256), batch 256,
///   z ~ N(0, 1)^16, real points from the ring of 8 Gaussians, non-saturating GAN loss as
///   binary cross-entropy on logits (D called separately on the real and the fake batch),
///   Adam(1e-4, β = (0.5, 0.999)) for both; one D step then one G step with fresh noise.
/// - `toy2d-wgangp`: the same networks, data and optimizers with the WGAN-GP losses
///   (Gulrajani et al. 2017, Algorithm 1: λ = 10, ε ~ U(0, 1) per example, the norm over the
///   flattened sample): 5 critic steps per generator step. One iteration = one generator step.
/// - `dcgan-mnist`: `ReferenceModels.dcganMNISTGenerator/Discriminator` (width 64), batch 64,
///   z ~ N(0, 1)^64, 1×28×28 real images (mnist-5k scaled to [−1, 1] when the file is there,
///   otherwise a fixed random tensor: see `realData`), BCE on logits as toy2d,
///   Adam(2e-4, β = (0.5, 0.999)). Batch norm stays in training mode, D is called separately
///   on real and fake batches (as PyTorch's DCGAN example does).
///
/// The generator step takes gradients with respect to G's parameters only
/// (`gradients(of:wrt:)`), as JAX's `grad` over G's parameters does and as PyTorch does with
/// D's `requires_grad` switched off; the fakes of a D step are computed without a tape.
public enum ReferenceWorkload: String, CaseIterable, Sendable {
    case toy2d
    case toy2dWGANGP = "toy2d-wgangp"
    case dcganMNIST = "dcgan-mnist"

    /// Matmul and convolution work of one iteration (forward and backward, 2 FLOP per
    /// multiply-add), as stated for these workloads: the figure behind the GFLOP/s column.
    public var gigaFLOPPerIteration: Double {
        switch self {
        case .toy2d: return 0.815
        case .toy2dWGANGP: return 4.06
        case .dcganMNIST: return 10.28
        }
    }

    /// Images generated per iteration (dcgan-mnist only), for an images/s figure.
    public var imagesPerIteration: Int? { self == .dcganMNIST ? ReferenceTraining.dcganBatchSize : nil }
}

/// One reference workload ready to train: models, optimizers and named random streams, with
/// `step()` running one iteration. Deterministic for a seed and independent of `Engine.threads`.
public final class ReferenceTraining {
    public static let toyBatchSize = 256
    public static let dcganBatchSize = 64
    /// Critic steps per generator step in `toy2d-wgangp`.
    public static let criticSteps = 5
    public static let gradientPenaltyWeight: Float = 10

    public let workload: ReferenceWorkload
    public let generator: Sequential
    public let discriminator: Sequential
    public let generatorOptimizer: Adam
    public let discriminatorOptimizer: Adam
    /// What the real batches are: "ring-8", "mnist-5k (<n> images)" or "random tensor (…)".
    public let realData: String

    private var noiseStream: RandomStream
    private var dataStream: RandomStream
    private var penaltyStream: RandomStream
    private let ring = ToyDistribution.ring()
    private let images: [Float]
    private let imageCount: Int

    /// Builds the workload's models (initialised from `seed`) and streams. `mnist` supplies the
    /// real images of `dcgan-mnist`; without it the real batches come from a fixed random tensor
    /// of 1,000 images uniform in [−1, 1].
    public init(_ workload: ReferenceWorkload, seed: UInt64 = 0, mnist: ImageDataset? = nil) {
        self.workload = workload
        switch workload {
        case .toy2d, .toy2dWGANGP:
            generator = ReferenceModels.toy2dGenerator()
            discriminator = ReferenceModels.toy2dDiscriminator()
        case .dcganMNIST:
            generator = ReferenceModels.dcganMNISTGenerator()
            discriminator = ReferenceModels.dcganMNISTDiscriminator()
        }
        generator.initialize(seed: seed)
        discriminator.initialize(seed: seed &+ 1)
        let learningRate: Float = workload == .dcganMNIST ? 2e-4 : 1e-4
        generatorOptimizer = Adam(generator.parameters(), learningRate: learningRate, betas: (0.5, 0.999))
        discriminatorOptimizer = Adam(discriminator.parameters(), learningRate: learningRate, betas: (0.5, 0.999))
        noiseStream = RandomStream(seed: seed, name: "bench.noise")
        dataStream = RandomStream(seed: seed, name: "bench.data")
        penaltyStream = RandomStream(seed: seed, name: "bench.penalty")
        if workload == .dcganMNIST {
            if let mnist, mnist.count > 0, mnist.imageSize == 28 * 28 {
                images = mnist.images
                imageCount = mnist.count
                realData = "\(mnist.name) (\(mnist.count) images)"
            } else {
                var stream = RandomStream(seed: seed, name: "bench.random-images")
                imageCount = 1000
                images = stream.uniformArray(count: imageCount * 28 * 28, low: -1, high: 1)
                realData = "random tensor (\(imageCount) images uniform in [-1, 1])"
            }
        } else {
            images = []
            imageCount = 0
            realData = ring.name
        }
    }

    /// One iteration; returns the last discriminator (critic) loss and the generator loss.
    @discardableResult
    public func step() -> (discriminatorLoss: Float, generatorLoss: Float) {
        switch workload {
        case .toy2d:
            let d = discriminatorStep(real: toyBatch()) { real, fake in
                Loss.binaryCrossEntropy(logits: self.discriminator(real), target: 1)
                    + Loss.binaryCrossEntropy(logits: self.discriminator(fake), target: 0)
            }
            return (d, generatorStep { Loss.binaryCrossEntropy(logits: $0, target: 1) })
        case .toy2dWGANGP:
            var d: Float = 0
            for _ in 0..<Self.criticSteps {
                d = discriminatorStep(real: toyBatch()) { real, fake in
                    let epsilons = self.penaltyStream.uniformArray(count: real.shape[0])
                    let mixed = GradientPenalty.interpolates(real: real, fake: fake, epsilons: epsilons)
                    let penalty = GradientPenalty.wassersteinPenalty(critic: { self.discriminator($0) }, interpolates: mixed,
                                                                     weight: Self.gradientPenaltyWeight)
                    return self.discriminator(fake).mean() - self.discriminator(real).mean() + penalty
                }
            }
            return (d, generatorStep { -$0.mean() })
        case .dcganMNIST:
            let d = discriminatorStep(real: imageBatch()) { real, fake in
                Loss.binaryCrossEntropy(logits: self.discriminator(real), target: 1)
                    + Loss.binaryCrossEntropy(logits: self.discriminator(fake), target: 0)
            }
            return (d, generatorStep { Loss.binaryCrossEntropy(logits: $0, target: 1) })
        }
    }

    private var batchSize: Int { workload == .dcganMNIST ? Self.dcganBatchSize : Self.toyBatchSize }

    private func noise() -> Tensor {
        let dimension = workload == .dcganMNIST ? ReferenceModels.dcganMNISTNoiseDimension : ReferenceModels.toy2dNoiseDimension
        return Tensor(shape: [batchSize, dimension], scalars: noiseStream.normalArray(count: batchSize * dimension))
    }

    private func toyBatch() -> Tensor {
        Tensor(shape: [batchSize, 2], scalars: ring.sample(count: batchSize, stream: &dataStream))
    }

    private func imageBatch() -> Tensor {
        let size = 28 * 28
        var batch = [Float](repeating: 0, count: batchSize * size)
        for row in 0..<batchSize {
            let index = dataStream.nextInt(below: imageCount)
            batch[(row * size)..<((row + 1) * size)] = images[(index * size)..<((index + 1) * size)]
        }
        return Tensor(shape: [batchSize, 1, 28, 28], scalars: batch)
    }

    /// Minimises `loss(real, fake)` over D's parameters, fakes from fresh noise without a tape.
    private func discriminatorStep(real: Tensor, loss: (Tensor, Tensor) -> Tensor) -> Float {
        let fake = withoutGradients { generator(noise()) }
        let value = loss(real, fake)
        update(discriminatorOptimizer, loss: value)
        return value.item
    }

    /// Minimises `loss(D(G(z)))` over G's parameters with fresh noise.
    private func generatorStep(_ loss: (Tensor) -> Tensor) -> Float {
        let value = loss(discriminator(generator(noise())))
        update(generatorOptimizer, loss: value)
        return value.item
    }

    /// One optimizer step on the gradients of `loss` with respect to the optimizer's parameters only.
    private func update(_ optimizer: Adam, loss: Tensor) {
        let grads = gradients(of: loss, wrt: optimizer.parameters.map(\.value))
        for (p, g) in zip(optimizer.parameters, grads) { p.value.setGrad(g) }
        optimizer.step()
    }
}
