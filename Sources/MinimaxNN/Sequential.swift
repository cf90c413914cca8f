import MinimaxTensor

/// Layers applied in order, written like the architecture table of a paper:
///
///     Sequential {
///         Linear(2, 256); LeakyReLU(0.2)
///         Linear(256, 1)
///     }
public final class Sequential: Module, UnaryLayer {
    public let layers: [any UnaryLayer]

    public init(_ layers: [any UnaryLayer]) {
        self.layers = layers
        super.init()
    }

    public convenience init(@LayerBuilder _ build: () -> [any UnaryLayer]) {
        self.init(build())
    }

    /// The layers in turn; a `Linear` directly followed by `ReLU` or `LeakyReLU` (slope ≥ 0)
    /// runs as one fused op (`Linear.callAsFunction(_:weight:activation:)`), with the same results.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        var x = input, i = 0
        while i < layers.count {
            if i + 1 < layers.count, let linear = layers[i] as? Linear, let activation = Self.fusable(layers[i + 1]) {
                x = linear(x, weight: linear.weight.value, activation: activation)
                i += 2
            } else {
                x = layers[i](x)
                i += 1
            }
        }
        return x
    }

    /// The activation a preceding `Linear` can apply itself, if `layer` is one.
    static func fusable(_ layer: any UnaryLayer) -> LinearActivation? {
        if layer is ReLU { return .relu }
        if let leaky = layer as? LeakyReLU { return LinearActivation(leakySlope: leaky.negativeSlope) }
        return nil
    }
}

/// Collects the layers of a `Sequential` block.
@resultBuilder
public enum LayerBuilder {
    public static func buildExpression(_ layer: any UnaryLayer) -> [any UnaryLayer] { [layer] }
    public static func buildExpression(_ layers: [any UnaryLayer]) -> [any UnaryLayer] { layers }
    public static func buildBlock(_ parts: [any UnaryLayer]...) -> [any UnaryLayer] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any UnaryLayer]?) -> [any UnaryLayer] { part ?? [] }
    public static func buildEither(first: [any UnaryLayer]) -> [any UnaryLayer] { first }
    public static func buildEither(second: [any UnaryLayer]) -> [any UnaryLayer] { second }
    public static func buildArray(_ parts: [[any UnaryLayer]]) -> [any UnaryLayer] { parts.flatMap { $0 } }
}
