import MinimaxNN
import MinimaxTensor

/// The fully connected generator of the toy experiments: z ↦ x.
///
///     Linear(noiseDim → width), [BatchNorm1d], act    ┐ depth hidden layers
///     Linear(width → width),    [BatchNorm1d], act    ┘
///     Linear(width → outputFeatures), [Tanh for images in [−1, 1]]
///
/// Batch norm sits between each hidden Linear and its nonlinearity, as in DCGAN (Radford et al.
/// 2016), never on the output.
public final class MLPGenerator: Module, UnaryLayer {
    public let noiseDimension: Int
    public let outputFeatures: Int
    public let body: Sequential

    public init(spec: GeneratorSpec, outputFeatures: Int, tanhOutput: Bool) {
        noiseDimension = spec.noiseDim
        self.outputFeatures = outputFeatures
        var layers: [any UnaryLayer] = []
        var features = spec.noiseDim
        for _ in 0..<spec.depth {
            layers.append(Linear(features, spec.width))
            if spec.batchNorm { layers.append(BatchNorm1d(spec.width)) }
            layers.append(spec.activation.makeLayer())
            features = spec.width
        }
        layers.append(Linear(features, outputFeatures))
        if tanhOutput { layers.append(Tanh()) }
        body = Sequential(layers)
        super.init()
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2 && input.shape[1] == noiseDimension,
                     "MLPGenerator: noise of shape \(input.shape), expected [batch, \(noiseDimension)]")
        return body(input)
    }
}
