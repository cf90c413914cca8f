import MinimaxTensor

/// max(x, 0).
public final class ReLU: Module, UnaryLayer {
    public override init() { super.init() }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }
}

/// x for x > 0, slope·x otherwise (PyTorch's default slope 0.01; GANs use 0.2).
public final class LeakyReLU: Module, UnaryLayer {
    public let negativeSlope: Float
    public init(_ negativeSlope: Float = 0.01) {
        self.negativeSlope = negativeSlope
        super.init()
    }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.leakyReLU(negativeSlope) }
    public override var layerDescription: String { "LeakyReLU(\(negativeSlope))" }
}

public final class Tanh: Module, UnaryLayer {
    public override init() { super.init() }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.tanh() }
}

public final class Sigmoid: Module, UnaryLayer {
    public override init() { super.init() }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// log(1 + eˣ), computed stably (`torch.nn.Softplus` with beta 1).
public final class Softplus: Module, UnaryLayer {
    public override init() { super.init() }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.softplus() }
}

/// Returns its input unchanged (`torch.nn.Identity`): a placeholder where a variant drops a layer.
public final class Identity: Module, UnaryLayer {
    public override init() { super.init() }
    public func callAsFunction(_ input: Tensor) -> Tensor { input }
}
