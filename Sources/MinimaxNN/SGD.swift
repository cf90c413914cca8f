import MinimaxTensor

/// Stochastic gradient descent with PyTorch's rule and names (`torch.optim.SGD`):
///
///     g ← g + λθ                                   (weightDecay λ)
///     b ← g at the first step, else μb + (1 − dampening)·g   (momentum μ > 0)
///     g ← g + μb (nesterov) or g ← b
///     θ ← θ − lr·g
///
/// Saved state: `momentum_buffer` (when μ > 0).
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float
    public let dampening: Float
    public let nesterov: Bool
    public var weightDecay: Float
    public private(set) var stepCount = 0
    var momentumBuffers: [[Float]]
    let coder: OptimizerStateCoder
    public var parameterNames: [String] { coder.names }

    public init(_ parameters: [Parameter], learningRate: Float, momentum: Float = 0, dampening: Float = 0,
                nesterov: Bool = false, weightDecay: Float = 0, parameterNames: [String]? = nil) {
        precondition(learningRate > 0, "SGD: learning rate must be positive, got \(learningRate)")
        precondition(momentum >= 0 && weightDecay >= 0, "SGD: momentum and weight decay must be non-negative")
        precondition(!nesterov || (momentum > 0 && dampening == 0), "SGD: Nesterov momentum requires momentum > 0 and zero dampening")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        coder = OptimizerStateCoder(optimizerName: "SGD", parameters: parameters, names: parameterNames)
        momentumBuffers = momentum > 0 ? coder.zeros() : []
    }

    public func step() {
        let first = stepCount == 0
        stepCount += 1
        let lr = learningRate, mu = momentum, damp = dampening, decay = weightDecay, nesterov = self.nesterov
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            var buffer = mu > 0 ? momentumBuffers[i] : []
            p.value.updateScalars { theta in
                theta.withUnsafeMutableBufferPointer { th in
                    grad.scalars.withUnsafeBufferPointer { g in
                        buffer.withUnsafeMutableBufferPointer { b in
                            for j in 0..<th.count {
                                var gj = decay == 0 ? g[j] : g[j] + decay * th[j]
                                if mu > 0 {
                                    b[j] = first ? gj : mu * b[j] + (1 - damp) * gj
                                    gj = nesterov ? gj + mu * b[j] : b[j]
                                }
                                th[j] -= lr * gj
                            }
                        }
                    }
                }
            }
            if mu > 0 { momentumBuffers[i] = buffer }
        }
    }

    private var slotNames: [String] { momentum > 0 ? ["momentum_buffer"] : [] }

    public func stateTensors() -> [String: Tensor] {
        coder.encode(step: stepCount, slots: momentum > 0 ? [(name: "momentum_buffer", values: momentumBuffers)] : [])
    }

    public func load(state: [String: Tensor]) throws {
        let (step, slots) = try coder.decode(state, slotNames: slotNames)
        stepCount = step
        if momentum > 0 { momentumBuffers = slots[0] }
    }
}
