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

    public func callAsFunction(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
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
