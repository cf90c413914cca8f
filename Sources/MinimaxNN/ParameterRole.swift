/// What a parameter is, so that an `Initializer` scheme applies the right rule to it.
public enum ParameterRole: Equatable, Sendable {
    /// A weight with the fans PyTorch's `_calculate_fan_in_and_fan_out` gives it.
    case weight(fanIn: Int, fanOut: Int)
    /// An additive bias of a linear or convolution layer.
    case bias
    /// A normalisation layer's scale γ (starts at 1).
    case normScale
    /// A normalisation layer's shift β (starts at 0).
    case normShift
}
