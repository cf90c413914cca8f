import MinimaxTensor

/// AdamW (Loshchilov & Hutter 2019), PyTorch's `torch.optim.AdamW`: Adam with decoupled
/// weight decay, θ ← θ·(1 − lr·λ) before the Adam update (no λθ in the gradient).
/// PyTorch's default λ is 0.01. Same state as `Adam`.
public final class AdamW: Adam {
    public init(_ parameters: [Parameter], learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                eps: Float = 1e-8, weightDecay: Float = 1e-2, amsgrad: Bool = false, parameterNames: [String]? = nil) {
        super.init(name: "AdamW", parameters, learningRate: learningRate, betas: betas, eps: eps, weightDecay: weightDecay,
                   amsgrad: amsgrad, decoupled: true, parameterNames: parameterNames)
    }
}
