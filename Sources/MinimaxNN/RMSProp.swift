import MinimaxTensor

/// RMSProp (Tieleman & Hinton 2012) with PyTorch's rule and names (`torch.optim.RMSprop`);
/// WGAN trains its critic with RMSProp, lr 5e-5:
///
///     g ← g + λθ                                    (weightDecay λ)
///     v ← αv + (1 − α)g²
///     centred: ḡ ← αḡ + (1 − α)g;  d = √(v − ḡ²) + eps,  else d = √v + eps
///     momentum μ > 0: b ← μb + g/d;  θ ← θ − lr·b,   else θ ← θ − lr·g/d
///
/// Saved state: `square_avg`, plus `momentum_buffer` (μ > 0) and `grad_avg` (centred).
public final class RMSProp: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let alpha: Float
    public let eps: Float
    public let momentum: Float
    public let centered: Bool
    public var weightDecay: Float
    public private(set) var stepCount = 0
    var squareAverages: [[Float]]
    var momentumBuffers: [[Float]]
    var gradientAverages: [[Float]]
    let coder: OptimizerStateCoder
    public var parameterNames: [String] { coder.names }

    public init(_ parameters: [Parameter], learningRate: Float = 1e-2, alpha: Float = 0.99, eps: Float = 1e-8,
                momentum: Float = 0, centered: Bool = false, weightDecay: Float = 0, parameterNames: [String]? = nil) {
        precondition(learningRate > 0, "RMSProp: learning rate must be positive, got \(learningRate)")
        precondition(alpha >= 0 && alpha < 1, "RMSProp: alpha must be in [0, 1), got \(alpha)")
        precondition(eps >= 0 && momentum >= 0 && weightDecay >= 0, "RMSProp: eps, momentum and weight decay must be non-negative")
        self.parameters = parameters
        self.learningRate = learningRate
        self.alpha = alpha
        self.eps = eps
        self.momentum = momentum
        self.centered = centered
        self.weightDecay = weightDecay
        coder = OptimizerStateCoder(optimizerName: "RMSProp", parameters: parameters, names: parameterNames)
        squareAverages = coder.zeros()
        momentumBuffers = momentum > 0 ? coder.zeros() : []
        gradientAverages = centered ? coder.zeros() : []
    }

    public func step() {
        stepCount += 1
        let lr = learningRate, a = alpha, eps = self.eps, mu = momentum, centered = self.centered, decay = weightDecay
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            var buffer = mu > 0 ? momentumBuffers[i] : []
            var gradAverage = centered ? gradientAverages[i] : []
            p.value.updateScalars { theta in
                theta.withUnsafeMutableBufferPointer { th in
                    grad.scalars.withUnsafeBufferPointer { g in
                        squareAverages[i].withUnsafeMutableBufferPointer { v in
                            buffer.withUnsafeMutableBufferPointer { b in
                                gradAverage.withUnsafeMutableBufferPointer { ga in
                                    for j in 0..<th.count {
                                        let gj = decay == 0 ? g[j] : g[j] + decay * th[j]
                                        v[j] = a * v[j] + (1 - a) * gj * gj
                                        var denominator: Float
                                        if centered {
                                            ga[j] = a * ga[j] + (1 - a) * gj
                                            denominator = (v[j] - ga[j] * ga[j]).squareRoot() + eps
                                        } else {
                                            denominator = v[j].squareRoot() + eps
                                        }
                                        if mu > 0 {
                                            b[j] = mu * b[j] + gj / denominator
                                            th[j] -= lr * b[j]
                                        } else {
                                            th[j] -= lr * gj / denominator
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if mu > 0 { momentumBuffers[i] = buffer }
            if centered { gradientAverages[i] = gradAverage }
        }
    }

    private var slots: [(name: String, values: [[Float]])] {
        var out: [(name: String, values: [[Float]])] = [("square_avg", squareAverages)]
        if momentum > 0 { out.append(("momentum_buffer", momentumBuffers)) }
        if centered { out.append(("grad_avg", gradientAverages)) }
        return out
    }

    public func stateTensors() -> [String: Tensor] { coder.encode(step: stepCount, slots: slots) }

    public func load(state: [String: Tensor]) throws {
        let (step, loaded) = try coder.decode(state, slotNames: slots.map(\.name))
        stepCount = step
        squareAverages = loaded[0]
        var next = 1
        if momentum > 0 { momentumBuffers = loaded[next]; next += 1 }
        if centered { gradientAverages = loaded[next] }
    }
}
