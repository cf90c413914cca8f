import MinimaxNN
import MinimaxTensor

/// The discriminator (critic) of the image GANs: `[n, pack·C, 28, 28]` ↦ one score per input.
///
/// D = head(φ(x)) (+ ⟨V_y, φ(x)⟩ for a cGAN, the projection discriminator of Miyato & Koyama 2018).
///
/// `dcgan` φ (the `dcgan-mnist` reference discriminator, `ReferenceModels.dcganMNISTDiscriminator`,
/// w = `width`; the reference's batch norm is `discriminator.batch_norm: true`):
///
///     Conv2d(pack·C, w, 4, 2, 1), act, [Dropout]
///     → Conv2d(w, 2w, 4, 2, 1), [BatchNorm2d | LayerNorm(2w, 7, 7)], act, [Dropout] → Flatten
///
/// `mlp` φ: Flatten, then `MLPDiscriminator`'s hidden layers on pack·C·784 inputs.
/// head: [MinibatchDiscrimination | MinibatchStdDev] → Linear(features, 1).
/// Spectral norm wraps every Conv2d and Linear; layer norm is WGAN-GP's replacement for batch
/// norm (Gulrajani et al. 2017, §4). PacGAN packing (Lin et al. 2018) concatenates the m packed
/// images along channels (the trainer reshapes `[n, C, H, W]` to `[n/m, m·C, H, W]`).
public final class ImageDiscriminator: Module, GANDiscriminator {
    public let inputChannels: Int
    public let featureCount: Int
    public let features: Sequential
    public let head: Sequential
    public let projection: LabelProjection?

    /// `classCount` non-nil makes a projection discriminator over that many classes;
    /// `dropoutStream(i)` is the mask stream of the i-th dropout layer.
    public init(spec: DiscriminatorSpec, stabilizers: StabilizerSpec, channels: Int, classCount: Int?,
                dropoutStream: (Int) -> RandomStream) {
        let packedChannels = channels * stabilizers.pack
        inputChannels = packedChannels
        let spectral = stabilizers.spectralNorm
        func conv(_ input: Int, _ output: Int) -> any UnaryLayer {
            let layer = Conv2d(input, output, kernelSize: 4, stride: 2, padding: 1)
            return spectral ? SpectralNorm(layer) : layer
        }
        let phiCount: Int
        switch spec.kind {
        case .dcgan:
            let w = spec.width
            var layers: [any UnaryLayer] = [conv(packedChannels, w), spec.activation.makeLayer(leakySlope: Float(spec.leakySlope))]
            if spec.dropout > 0 { layers.append(Dropout(Float(spec.dropout), stream: dropoutStream(0))) }
            layers.append(conv(w, 2 * w))
            if spec.batchNorm { layers.append(BatchNorm2d(2 * w)) }
            if spec.layerNorm { layers.append(LayerNorm([2 * w, 7, 7])) }
            layers.append(spec.activation.makeLayer(leakySlope: Float(spec.leakySlope)))
            if spec.dropout > 0 { layers.append(Dropout(Float(spec.dropout), stream: dropoutStream(1))) }
            layers.append(Flatten())
            features = Sequential(layers)
            phiCount = 2 * w * 49
            head = StabilizerLayers.criticHead(phiCount, stabilizers: stabilizers, spectralNorm: spectral)
        case .mlp:
            // φ and the head are MLPDiscriminator's (its packing is done here, on channels).
            var unpacked = stabilizers
            unpacked.pack = 1
            let mlp = MLPDiscriminator(spec: spec, stabilizers: unpacked, sampleFeatures: packedChannels * 28 * 28, dropoutStream: dropoutStream)
            features = Sequential([Flatten(), mlp.hidden])
            head = mlp.head
            phiCount = spec.width
        }
        featureCount = phiCount
        projection = classCount.map { LabelProjection(classCount: $0, featureCount: phiCount) }
        super.init()
    }

    /// The dropout layers of φ in order (for mlp, those inside MLPDiscriminator's hidden layers).
    public var dropoutLayers: [Dropout] {
        features.layers.flatMap { layer -> [Dropout] in
            if let dropout = layer as? Dropout { return [dropout] }
            return (layer as? Sequential)?.layers.compactMap { $0 as? Dropout } ?? []
        }
    }

    public func callAsFunction(_ input: Tensor, labels: [Int]?) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inputChannels && input.shape[2] == 28 && input.shape[3] == 28,
                     "ImageDiscriminator: input of shape \(input.shape), expected [batch, \(inputChannels), 28, 28]")
        let phi = features(input)
        let score = head(phi)
        guard let projection else {
            precondition(labels == nil, "ImageDiscriminator: labels given to an unconditional discriminator")
            return score
        }
        guard let labels else { preconditionFailure("ImageDiscriminator: a projection discriminator needs labels") }
        return score + projection(phi, labels: labels)
    }
}
