import MinimaxTensor

/// Clamps every parameter value to [−c, c] in place: WGAN's (Arjovsky et al. 2017) crude
/// way to keep the critic Lipschitz, applied after each critic step (c = 0.01 in the paper).
public func clipWeights(_ parameters: [Parameter], to c: Float) {
    precondition(c > 0, "clipWeights: c must be positive, got \(c)")
    for p in parameters {
        p.value.updateScalars { values in
            values.withUnsafeMutableBufferPointer { v in
                for i in 0..<v.count { v[i] = Swift.min(Swift.max(v[i], -c), c) }
            }
        }
    }
}

/// Rescales the gradients so that their joint L2 norm is at most `maxNorm`, as
/// `torch.nn.utils.clip_grad_norm_`: with total = √(Σ‖g‖²), every gradient is multiplied by
/// maxNorm/(total + 1e-6) when that factor is below 1. Returns the total norm before clipping
/// (accumulated in Double). Parameters without a gradient are skipped.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    precondition(maxNorm > 0, "clipGradientNorm: maxNorm must be positive, got \(maxNorm)")
    var sumOfSquares = 0.0
    for p in parameters {
        guard let g = p.grad else { continue }
        g.scalars.withUnsafeBufferPointer { s in
            for x in s { sumOfSquares += Double(x) * Double(x) }
        }
    }
    let total = Float(sumOfSquares.squareRoot())
    let factor = maxNorm / (total + 1e-6)
    if factor < 1 {
        for p in parameters {
            guard let g = p.grad else { continue }
            p.value.setGrad(Tensor(shape: g.shape, scalars: g.scalars.map { $0 * factor }))
        }
    }
    return total
}
