import Foundation
import MinimaxTensor

/// A rule that updates parameters from their gradients.
public protocol Optimizer: AnyObject {
    /// The parameters this optimizer updates, in a fixed order.
    var parameters: [Parameter] { get }
    /// One update from the current gradients (parameters without a gradient are skipped).
    func step()
}

extension Optimizer {
    /// Clears the gradients of this optimizer's parameters.
    public func zeroGradients() {
        for p in parameters { p.value.zeroGrad() }
    }
}

/// Adam (Kingma & Ba 2015) with PyTorch's update rule, bias correction and names:
///
///     m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
///     θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + eps)
///
/// `weightDecay` adds λθ to the gradient (PyTorch's Adam, L2); for decoupled decay use `AdamW`.
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public var betas: (Float, Float)
    public var eps: Float
    public var weightDecay: Float
    /// Steps taken so far (t in the bias correction).
    public private(set) var stepCount = 0
    var firstMoments: [[Float]]
    var secondMoments: [[Float]]

    public init(_ parameters: [Parameter], learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                eps: Float = 1e-8, weightDecay: Float = 0) {
        precondition(learningRate > 0, "Adam: learning rate must be positive, got \(learningRate)")
        precondition((0..<1).contains(betas.0) && (0..<1).contains(betas.1), "Adam: betas must be in [0, 1), got \(betas)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        secondMoments = firstMoments
    }

    public func step() {
        stepCount += 1
        let (beta1, beta2) = betas
        let correction1 = 1 - Float(Foundation.pow(Double(beta1), Double(stepCount)))
        let correction2 = 1 - Float(Foundation.pow(Double(beta2), Double(stepCount)))
        let stepSize = learningRate / correction1
        let sqrtCorrection2 = correction2.squareRoot()
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            let decay = weightDecay
            let eps = self.eps
            p.value.updateScalars { theta in
                theta.withUnsafeMutableBufferPointer { th in
                    grad.scalars.withUnsafeBufferPointer { g in
                        firstMoments[i].withUnsafeMutableBufferPointer { m in
                            secondMoments[i].withUnsafeMutableBufferPointer { v in
                                for j in 0..<th.count {
                                    let gj = decay == 0 ? g[j] : g[j] + decay * th[j]
                                    m[j] = beta1 * m[j] + (1 - beta1) * gj
                                    v[j] = beta2 * v[j] + (1 - beta2) * gj * gj
                                    th[j] -= stepSize * m[j] / (v[j].squareRoot() / sqrtCorrection2 + eps)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
