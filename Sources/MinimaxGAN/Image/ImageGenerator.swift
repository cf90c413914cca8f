import MinimaxNN
import MinimaxTensor

/// The generator of the image GANs: z (and, for a cGAN, the label) ↦ `[n, C, 28, 28]` in (−1, 1).
///
/// `dcgan` (the `dcgan-mnist` reference workload's generator, `ReferenceModels.dcganMNISTGenerator`,
/// with w = `width` and C output channels):
///
///     Linear(in, 2w·7·7), [BatchNorm1d], act → Reshape(2w, 7, 7)
///     → ConvTranspose2d(2w, w, 4, 2, 1), [BatchNorm2d], act → ConvTranspose2d(w, C, 4, 2, 1) → Tanh
///
/// `mlp`: `MLPGenerator` with `C·784` outputs and a Tanh, reshaped to images.
///
/// Conditional (Mirza & Osindero 2014): a learned label embedding `Embedding(classes, classes)`
/// is concatenated to z, so in = noise_dim + classes. Batch norm follows `generator.batch_norm`
/// (on by default for dcgan, as in the reference); `act` is `generator.activation` (ReLU).
public final class ImageGenerator: Module, GANGenerator {
    public let noiseDimension: Int
    public let channels: Int
    public let labelEmbedding: Embedding?
    public let body: any UnaryLayer

    /// `classCount` non-nil makes a conditional generator over that many classes.
    public init(spec: GeneratorSpec, channels: Int, classCount: Int?) {
        noiseDimension = spec.noiseDim
        self.channels = channels
        labelEmbedding = classCount.map { Embedding($0, $0) }
        let inputs = spec.noiseDim + (classCount ?? 0)
        switch spec.kind {
        case .dcgan:
            let w = spec.width
            var layers: [any UnaryLayer] = [Linear(inputs, 2 * w * 49)]
            if spec.batchNorm { layers.append(BatchNorm1d(2 * w * 49)) }
            layers += [spec.activation.makeLayer(), Reshape([2 * w, 7, 7]),
                       ConvTranspose2d(2 * w, w, kernelSize: 4, stride: 2, padding: 1)]
            if spec.batchNorm { layers.append(BatchNorm2d(w)) }
            layers += [spec.activation.makeLayer(), ConvTranspose2d(w, channels, kernelSize: 4, stride: 2, padding: 1), Tanh()]
            body = Sequential(layers)
        case .mlp:
            var mlpSpec = spec
            mlpSpec.noiseDim = inputs
            body = MLPGenerator(spec: mlpSpec, outputFeatures: channels * 28 * 28, tanhOutput: true)
        }
        super.init()
    }

    public func callAsFunction(_ noise: Tensor, labels: [Int]?) -> Tensor {
        precondition(noise.rank == 2 && noise.shape[1] == noiseDimension,
                     "ImageGenerator: noise of shape \(noise.shape), expected [batch, \(noiseDimension)]")
        var input = noise
        if let labelEmbedding {
            guard let labels else { preconditionFailure("ImageGenerator: a conditional generator needs labels") }
            precondition(labels.count == noise.shape[0], "ImageGenerator: \(labels.count) labels for \(noise.shape[0]) noise vectors")
            input = Tensor.concat([noise, labelEmbedding(labels)], axis: 1)
        } else {
            precondition(labels == nil, "ImageGenerator: labels given to an unconditional generator")
        }
        return body(input).reshaped([noise.shape[0], channels, 28, 28])
    }
}
