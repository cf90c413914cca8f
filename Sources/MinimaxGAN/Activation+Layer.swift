import MinimaxNN
import MinimaxTensor

extension Activation {
    /// The layer for this nonlinearity; `leakySlope` is used by `leaky-relu` only.
    public func makeLayer(leakySlope: Float = 0.2) -> any UnaryLayer {
        switch self {
        case .relu: return ReLU()
        case .leakyReLU: return LeakyReLU(leakySlope)
        case .tanh: return Tanh()
        case .elu, .gelu, .silu: return ComposedActivation(self)
        }
    }
}

/// ELU, GELU and SiLU, composed from the engine's primitives (gradients, second order included,
/// come from the composition):
/// - ELU (α = 1, PyTorch's default): x for x > 0, eˣ − 1 otherwise (`where`, so eˣ of a large
///   positive x never leaks through the untaken branch);
/// - GELU, tanh approximation (PyTorch's `approximate='tanh'`; the engine has no erf):
///   ½x(1 + tanh(√(2/π)(x + 0.044715x³)));
/// - SiLU: x·σ(x).
public final class ComposedActivation: Module, UnaryLayer {
    public let kind: Activation

    public init(_ kind: Activation) {
        self.kind = kind
        super.init()
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        switch kind {
        case .elu:
            let positive = input.greater(Tensor(0))
            return Tensor.where(positive, input, input.clamp(min: -.greatestFiniteMagnitude, max: 0).exp() - 1)
        case .gelu:
            let inner = 0.797_884_56 * (input + 0.044715 * input * input * input)
            return 0.5 * input * (1 + inner.tanh())
        case .silu:
            return input * input.sigmoid()
        case .relu: return input.relu()
        case .leakyReLU: return input.leakyReLU(0.01)
        case .tanh: return input.tanh()
        }
    }

    public override var layerDescription: String {
        switch kind {
        case .elu: return "ELU"
        case .gelu: return "GELU(tanh)"
        case .silu: return "SiLU"
        default: return kind.rawValue
        }
    }
}
