import MinimaxNN
import MinimaxTensor

/// Where the models get their stabilizing layers from `MinimaxNN`, in one place.
enum StabilizerLayers {
    static func linear(_ input: Int, _ output: Int, spectralNorm: Bool) throws -> any UnaryLayer {
        if spectralNorm { throw missing("stabilizers.spectral_norm", "SpectralNorm") }
        return Linear(input, output)
    }

    static func batchNorm(_ features: Int, setting: String) throws -> any UnaryLayer {
        throw missing(setting, "BatchNorm1d")
    }

    static func layerNorm(_ features: Int) throws -> any UnaryLayer {
        throw missing("discriminator.layer_norm", "LayerNorm")
    }

    static func dropout(_ probability: Float) throws -> any UnaryLayer {
        throw missing("discriminator.dropout", "Dropout")
    }

    static func minibatchDiscrimination(_ features: Int, kernels: Int, kernelDimension: Int) throws
        -> (layer: any UnaryLayer, outputFeatures: Int) {
        throw missing("stabilizers.minibatch_discrimination", "MinibatchDiscrimination")
    }

    static func minibatchStdDev(_ features: Int) throws -> (layer: any UnaryLayer, outputFeatures: Int) {
        throw missing("stabilizers.minibatch_stddev", "MinibatchStdDev")
    }

    private static func missing(_ setting: String, _ layer: String) -> GANSetupError {
        GANSetupError(setting, "needs MinimaxNN's \(layer), which this build does not have yet")
    }
}
