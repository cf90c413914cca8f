import MinimaxNN
import MinimaxTensor

/// The `MinimaxNN` layers the models use for their stabilizers, in one place.
enum StabilizerLayers {
    /// A critic's last block on `features` inputs: minibatch discrimination and/or minibatch
    /// std-dev when the stabilizers ask for them, then the Linear to one score.
    static func criticHead(_ features: Int, stabilizers: StabilizerSpec, spectralNorm: Bool) -> Sequential {
        var features = features
        var layers: [any UnaryLayer] = []
        if stabilizers.minibatchDiscrimination {
            let layer = minibatchDiscrimination(features, kernels: stabilizers.minibatchKernels,
                                                kernelDimension: stabilizers.minibatchKernelDims)
            layers.append(layer.layer)
            features = layer.outputFeatures
        }
        if stabilizers.minibatchStddev {
            let layer = minibatchStdDev(features)
            layers.append(layer.layer)
            features = layer.outputFeatures
        }
        layers.append(linear(features, 1, spectralNorm: spectralNorm))
        return Sequential(layers)
    }

    /// A Linear layer, wrapped in `SpectralNorm` (one power iteration per training call,
    /// Miyato et al. 2018) when asked.
    static func linear(_ input: Int, _ output: Int, spectralNorm: Bool) -> any UnaryLayer {
        let layer = Linear(input, output)
        return spectralNorm ? SpectralNorm(layer) : layer
    }

    /// Minibatch discrimination (Salimans et al. 2016, §3.2): `kernels` features appended.
    static func minibatchDiscrimination(_ features: Int, kernels: Int, kernelDimension: Int) -> (layer: any UnaryLayer, outputFeatures: Int) {
        (MinibatchDiscrimination(inputFeatures: features, kernels: kernels, kernelDimension: kernelDimension), features + kernels)
    }

    /// Minibatch standard deviation (Karras et al. 2018, §3): one feature appended.
    static func minibatchStdDev(_ features: Int) -> (layer: any UnaryLayer, outputFeatures: Int) {
        (MinibatchStdDev(), features + 1)
    }
}
