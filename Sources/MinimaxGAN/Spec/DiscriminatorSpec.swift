/// The discriminator (or critic) D: x ↦ score. `width`/`depth` as in `GeneratorSpec`
/// (`dcgan` width is PyTorch's `ndf`, default 64). `leakySlope` is LeakyReLU's negative slope
/// (0.2 as in DCGAN; PyTorch's own default is 0.01).
public struct DiscriminatorSpec: Equatable, Sendable {
    public var kind: NetworkKind
    public var width: Int
    public var depth: Int
    public var activation: Activation
    public var leakySlope: Double
    public var batchNorm: Bool
    public var layerNorm: Bool
    /// Dropout probability after each hidden layer (0 = none).
    public var dropout: Double

    public init(kind: NetworkKind = .mlp, width: Int? = nil, depth: Int = 3, activation: Activation = .leakyReLU,
                leakySlope: Double = 0.2, batchNorm: Bool = false, layerNorm: Bool = false, dropout: Double = 0) {
        self.kind = kind
        self.width = width ?? (kind == .dcgan ? 64 : 128)
        self.depth = depth
        self.activation = activation
        self.leakySlope = leakySlope
        self.batchNorm = batchNorm
        self.layerNorm = layerNorm
        self.dropout = dropout
    }

    static func read(_ reader: SpecReader) -> DiscriminatorSpec {
        let kind = reader.enumeration("kind", default: NetworkKind.mlp)
        let defaults = DiscriminatorSpec(kind: kind)
        let result = DiscriminatorSpec(
            kind: kind,
            width: reader.int("width", default: defaults.width),
            depth: reader.int("depth", default: defaults.depth),
            activation: reader.enumeration("activation", default: defaults.activation),
            leakySlope: reader.double("leaky_slope", default: defaults.leakySlope),
            batchNorm: reader.bool("batch_norm", default: defaults.batchNorm),
            layerNorm: reader.bool("layer_norm", default: defaults.layerNorm),
            dropout: reader.double("dropout", default: defaults.dropout))
        reader.finish()
        return result
    }

    var specValue: SpecValue {
        .mapping([
            SpecEntry("kind", .string(kind.rawValue)), SpecEntry("width", .int(width)), SpecEntry("depth", .int(depth)),
            SpecEntry("activation", .string(activation.rawValue)), SpecEntry("leaky_slope", .double(leakySlope)),
            SpecEntry("batch_norm", .bool(batchNorm)), SpecEntry("layer_norm", .bool(layerNorm)),
            SpecEntry("dropout", .double(dropout)),
        ])
    }
}
