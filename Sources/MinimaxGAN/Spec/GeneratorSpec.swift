/// The generator network G: z ↦ x.
///
/// For `mlp`, `width` is the hidden units per layer and `depth` the number of hidden layers.
/// For `dcgan`, `width` is the base feature-map count (PyTorch's DCGAN example calls it `ngf`,
/// default 64) and `depth` is ignored: the architecture is fixed by the image size.
public struct GeneratorSpec: Equatable, Sendable {
    public var kind: NetworkKind
    public var noiseDim: Int
    public var noise: NoiseDistribution
    public var width: Int
    public var depth: Int
    public var activation: Activation
    public var batchNorm: Bool

    public init(kind: NetworkKind = .mlp, noiseDim: Int? = nil, noise: NoiseDistribution = .normal,
                width: Int? = nil, depth: Int = 3, activation: Activation = .relu, batchNorm: Bool? = nil) {
        self.kind = kind
        self.noiseDim = noiseDim ?? (kind == .dcgan ? 100 : 2)
        self.noise = noise
        self.width = width ?? (kind == .dcgan ? 64 : 128)
        self.depth = depth
        self.activation = activation
        self.batchNorm = batchNorm ?? (kind == .dcgan)
    }

    static func read(_ reader: SpecReader) -> GeneratorSpec {
        let kind = reader.enumeration("kind", default: NetworkKind.mlp)
        let defaults = GeneratorSpec(kind: kind)
        let result = GeneratorSpec(
            kind: kind,
            noiseDim: reader.int("noise_dim", default: defaults.noiseDim),
            noise: reader.enumeration("noise", default: defaults.noise),
            width: reader.int("width", default: defaults.width),
            depth: reader.int("depth", default: defaults.depth),
            activation: reader.enumeration("activation", default: defaults.activation),
            batchNorm: reader.bool("batch_norm", default: defaults.batchNorm))
        reader.finish()
        return result
    }

    var specValue: SpecValue {
        .mapping([
            SpecEntry("kind", .string(kind.rawValue)), SpecEntry("noise_dim", .int(noiseDim)),
            SpecEntry("noise", .string(noise.rawValue)), SpecEntry("width", .int(width)),
            SpecEntry("depth", .int(depth)), SpecEntry("activation", .string(activation.rawValue)),
            SpecEntry("batch_norm", .bool(batchNorm)),
        ])
    }
}
