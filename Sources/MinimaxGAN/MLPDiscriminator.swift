import MinimaxNN
import MinimaxTensor

/// The fully connected discriminator (critic) of the toy experiments: packed samples ↦ one score.
///
///     Linear(pack·inputFeatures → width), act, [Dropout]                 ┐ depth hidden layers
///     Linear(width → width), [BatchNorm1d | LayerNorm], act, [Dropout]   ┘
///     [MinibatchDiscrimination | MinibatchStdDev]   (features about the whole batch)
///     Linear(width (+ batch features) → 1)
///
/// The first layer has no normalisation (DCGAN's rule: not on the discriminator's input layer).
/// With spectral norm every Linear is wrapped in `SpectralNorm`. The output is a logit for the
/// BCE objectives and a raw score for the others.
public final class MLPDiscriminator: Module, UnaryLayer {
    /// Features of one packed input row (samples per pack × features per sample).
    public let inputFeatures: Int
    public let hidden: Sequential
    public let head: Sequential

    /// `dropoutStream(i)` is the mask stream of the i-th dropout layer.
    public init(spec: DiscriminatorSpec, stabilizers: StabilizerSpec, sampleFeatures: Int, dropoutStream: (Int) -> RandomStream) {
        inputFeatures = sampleFeatures * stabilizers.pack
        let spectral = stabilizers.spectralNorm
        var layers: [any UnaryLayer] = []
        var features = inputFeatures
        for index in 0..<spec.depth {
            layers.append(StabilizerLayers.linear(features, spec.width, spectralNorm: spectral))
            if index > 0 && spec.batchNorm { layers.append(BatchNorm1d(spec.width)) }
            if index > 0 && spec.layerNorm { layers.append(LayerNorm(spec.width)) }
            layers.append(spec.activation.makeLayer(leakySlope: Float(spec.leakySlope)))
            if spec.dropout > 0 { layers.append(Dropout(Float(spec.dropout), stream: dropoutStream(index))) }
            features = spec.width
        }
        hidden = Sequential(layers)
        head = StabilizerLayers.criticHead(features, stabilizers: stabilizers, spectralNorm: spectral)
        super.init()
    }

    /// The dropout layers, in order (their mask streams are saved with checkpoints).
    public var dropoutLayers: [Dropout] { hidden.layers.compactMap { $0 as? Dropout } }

    /// Scores of packed inputs [n, inputFeatures] as [n, 1].
    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2 && input.shape[1] == inputFeatures,
                     "MLPDiscriminator: input of shape \(input.shape), expected [batch, \(inputFeatures)]")
        return head(hidden(input))
    }
}
