import CKernels
import Foundation
import MinimaxTensor

/// Adam (Kingma & Ba 2015) with PyTorch's update rule, bias correction and names:
///
///     g ← g + λθ                      (weightDecay λ: L2, as PyTorch's Adam)
///     m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²
///     v̂max ← max(v̂max, v)             (amsgrad only; then v̂max replaces v below)
///     θ ← θ − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + eps)
///
/// For decoupled weight decay use `AdamW`. Saved state: `exp_avg`, `exp_avg_sq`
/// (and `max_exp_avg_sq` with amsgrad). One step count for all parameters (PyTorch keeps
/// one per parameter; they differ only if some parameter has no gradient at some step).
public class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public var betas: (Float, Float)
    public var eps: Float
    public var weightDecay: Float
    public let amsgrad: Bool
    /// Steps taken so far (t in the bias correction).
    public private(set) var stepCount = 0
    var firstMoments: [[Float]]
    var secondMoments: [[Float]]
    var maxSecondMoments: [[Float]]
    let coder: OptimizerStateCoder
    /// When true, weight decay is decoupled (AdamW): θ ← θ(1 − lr·λ) before the Adam update.
    let decoupledWeightDecay: Bool

    public var parameterNames: [String] { coder.names }

    public convenience init(_ parameters: [Parameter], learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                            eps: Float = 1e-8, weightDecay: Float = 0, amsgrad: Bool = false, parameterNames: [String]? = nil) {
        self.init(name: "Adam", parameters, learningRate: learningRate, betas: betas, eps: eps, weightDecay: weightDecay,
                  amsgrad: amsgrad, decoupled: false, parameterNames: parameterNames)
    }

    init(name: String, _ parameters: [Parameter], learningRate: Float, betas: (Float, Float), eps: Float, weightDecay: Float,
         amsgrad: Bool, decoupled: Bool, parameterNames: [String]?) {
        precondition(learningRate > 0, "\(name): learning rate must be positive, got \(learningRate)")
        precondition((0..<1).contains(betas.0) && (0..<1).contains(betas.1), "\(name): betas must be in [0, 1), got \(betas)")
        precondition(eps >= 0 && weightDecay >= 0, "\(name): eps and weight decay must be non-negative, got \(eps), \(weightDecay)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        decoupledWeightDecay = decoupled
        coder = OptimizerStateCoder(optimizerName: name, parameters: parameters, names: parameterNames)
        firstMoments = coder.zeros()
        secondMoments = firstMoments
        maxSecondMoments = amsgrad ? firstMoments : []
    }

    public func step() {
        stepCount += 1
        let (beta1, beta2) = betas
        let correction1 = 1 - Float(Foundation.pow(Double(beta1), Double(stepCount)))
        let correction2 = 1 - Float(Foundation.pow(Double(beta2), Double(stepCount)))
        let stepSize = learningRate / correction1
        let sqrtCorrection2 = correction2.squareRoot()
        let l2 = decoupledWeightDecay ? 0 : weightDecay
        let shrink = decoupledWeightDecay ? 1 - learningRate * weightDecay : 1
        let eps = self.eps, amsgrad = self.amsgrad
        for (i, p) in parameters.enumerated() {
            guard let grad = p.grad else { continue }
            if l2 == 0 && shrink == 1 && !amsgrad {
                plainStep(p, gradient: grad, index: i, beta1: beta1, beta2: beta2, stepSize: stepSize,
                          sqrtCorrection2: sqrtCorrection2, eps: eps)
                continue
            }
            var vMax = amsgrad ? maxSecondMoments[i] : []
            p.value.updateScalars { theta in
                theta.withUnsafeMutableBufferPointer { th in
                    grad.scalars.withUnsafeBufferPointer { g in
                        firstMoments[i].withUnsafeMutableBufferPointer { m in
                            secondMoments[i].withUnsafeMutableBufferPointer { v in
                                vMax.withUnsafeMutableBufferPointer { vm in
                                    for j in 0..<th.count {
                                        let gj = l2 == 0 ? g[j] : g[j] + l2 * th[j]
                                        if shrink != 1 { th[j] *= shrink }
                                        m[j] = beta1 * m[j] + (1 - beta1) * gj
                                        v[j] = beta2 * v[j] + (1 - beta2) * gj * gj
                                        var denominator = v[j]
                                        if amsgrad {
                                            vm[j] = Swift.max(vm[j], v[j])
                                            denominator = vm[j]
                                        }
                                        th[j] -= stepSize * m[j] / (denominator.squareRoot() / sqrtCorrection2 + eps)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if amsgrad { maxSecondMoments[i] = vMax }
        }
    }

    /// The update without weight decay or amsgrad, written into a new array, split across
    /// `Engine.threads` for large parameters.
    ///
    /// Out of place because the tape usually still holds the parameter's array when the
    /// optimizer steps (every op that read the weight kept its value for its pullback): an
    /// in-place update of a shared array first copied all of it (copy-on-write), then updated
    /// the copy; writing the new values straight into a fresh array is one pass instead of two.
    private func plainStep(_ p: Parameter, gradient grad: Tensor, index i: Int, beta1: Float, beta2: Float,
                           stepSize: Float, sqrtCorrection2: Float, eps: Float) {
        let theta = p.value.scalars, n = theta.count
        let updated = [Float](unsafeUninitializedCapacity: n) { out, initialized in
            initialized = n
            guard n > 0, let pu = out.baseAddress else { return }
            theta.withUnsafeBufferPointer { th in
                grad.scalars.withUnsafeBufferPointer { g in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            let buffers = AdamBuffers(theta: th.baseAddress!, gradient: g.baseAddress!, m: m.baseAddress!,
                                                      v: v.baseAddress!, updated: pu)
                            Engine.forEachChunk(of: n) { range in
                                Self.plainUpdate(buffers, range: range, beta1: beta1, beta2: beta2, stepSize: stepSize,
                                                 sqrtCorrection2: sqrtCorrection2, eps: eps)
                            }
                        }
                    }
                }
            }
        }
        p.value.updateScalars { $0 = updated }
    }

    /// The arrays of one parameter's update, shared by the chunks (each touches its own range).
    struct AdamBuffers: @unchecked Sendable {
        let theta: UnsafePointer<Float>
        let gradient: UnsafePointer<Float>
        let m: UnsafeMutablePointer<Float>
        let v: UnsafeMutablePointer<Float>
        let updated: UnsafeMutablePointer<Float>
    }

    /// Elements `range` of the plain update (`minimax_adam_plain_update`, C: the same IEEE
    /// operations in the same order as the scalar loop, vectorised with the CPU's widest vectors).
    static func plainUpdate(_ b: AdamBuffers, range: Range<Int>, beta1: Float, beta2: Float, stepSize: Float,
                            sqrtCorrection2: Float, eps: Float) {
        let j = range.lowerBound
        minimax_adam_plain_update(b.theta + j, b.gradient + j, b.m + j, b.v + j, b.updated + j, range.count,
                                  beta1, beta2, stepSize, sqrtCorrection2, eps)
    }

    var slotNames: [String] { amsgrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"] }

    public func stateTensors() -> [String: Tensor] {
        let slots = amsgrad ? [firstMoments, secondMoments, maxSecondMoments] : [firstMoments, secondMoments]
        return coder.encode(step: stepCount, slots: Array(zip(slotNames, slots)).map { (name: $0.0, values: $0.1) })
    }

    public func load(state: [String: Tensor]) throws {
        let (step, slots) = try coder.decode(state, slotNames: slotNames)
        stepCount = step
        firstMoments = slots[0]
        secondMoments = slots[1]
        if amsgrad { maxSecondMoments = slots[2] }
    }
}
