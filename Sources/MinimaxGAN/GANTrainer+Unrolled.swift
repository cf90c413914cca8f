import Foundation
import MinimaxNN
import MinimaxTensor

/// Unrolled GAN (Metz et al. 2017): the generator's loss is taken against D after k further
/// D updates, D_θk with θ₀ = θ and θᵢ₊₁ = θᵢ − update(∇θ L_D(θᵢ)), so G is penalised for
/// moves that D would punish a few steps later. D itself is left exactly as it was.
///
/// The k updates are written as tensor ops on parameter values substituted into D:
/// - the update rule follows D's optimizer: for Adam (and AdamW, without its decay), Adam's
///   bias-corrected rule continuing from the optimizer's live moments and step count (copied,
///   so the real optimizer is untouched), as in Metz et al.'s code; for every other optimizer
///   plain gradient descent θ − lr·g with D's learning rate (documented simplification);
///   `DiscriminatorUnrolling.update` documents the exact formulas;
/// - `unrolled_second_order: true` records the updates on the tape (`createGraph`), so G's
///   gradient includes ∂θk/∂θ_G, the paper's full method; `false` treats θk as a constant
///   (G's gradient flows only through D_θk's input);
/// - each unrolled step draws its real batch (and, for images, its indices) and noise from the
///   `unrolled` stream; no
///   gradient penalty, R1 or instance noise is applied inside the unrolled steps;
/// - batch-norm buffers moved by the unrolled forward passes are restored afterwards.
extension GANTrainer {
    func withUnrolledDiscriminator<T>(_ body: () -> T) -> T {
        let k = spec.stabilizers.unrolledSteps
        guard k > 0 else { return body() }
        let parameters = discriminator.parameters()
        let originals = parameters.map(\.value)
        let buffers = discriminator.namedBuffers().map(\.buffer)
        let bufferValues = buffers.map(\.value)
        defer {
            for (parameter, value) in zip(parameters, originals) { parameter.value = value }
            for (buffer, value) in zip(buffers, bufferValues) { buffer.value = value }
        }
        let secondOrder = spec.stabilizers.unrolledSecondOrder
        var unrolling = DiscriminatorUnrolling(optimizer: spec.discriminatorOptimizer, values: originals,
                                               state: discriminatorOptimizer.stateTensors(), names: discriminatorOptimizer.parameterNames)
        for _ in 0..<k {
            let (real, labels) = unrolledRealBatch()
            let noise = spec.generator.noise.sample(count: spec.batchSize, dimension: spec.generator.noiseDim, stream: &streams.unrolled)
            let fake = secondOrder ? generator(noise, labels: labels) : withoutGradients { generator(noise, labels: labels) }
            let loss = spec.objective.discriminatorLoss(
                realLogits: critic(real, labels: labels), fakeLogits: critic(fake, labels: labels),
                realLabel: Float(1 - spec.stabilizers.labelSmoothing))
            let gradients = gradients(of: loss, wrt: unrolling.values, createGraph: secondOrder)
            unrolling.update(gradients: gradients, clip: spec.objective == .wgan ? spec.stabilizers.weightClip.map(Float.init) : nil)
            if !secondOrder { unrolling.values = unrolling.values.map { $0.detached().requiringGrad() } }
            for (parameter, value) in zip(parameters, unrolling.values) { parameter.value = value }
        }
        return body()
    }

    /// A real batch for an unrolled step from the `unrolled` stream: toy points, or images at
    /// uniformly drawn indices (with replacement) and, for a cGAN, their labels.
    func unrolledRealBatch() -> (samples: Tensor, labels: [Int]?) {
        if let imageData {
            let indices = (0..<spec.batchSize).map { _ in streams.unrolled.nextInt(below: imageData.set.count) }
            let batch = imageData.set.batch(indices)
            return (imageData.tensor(batch.images), spec.conditional ? batch.labels : nil)
        }
        guard let distribution else { preconditionFailure("unrolledRealBatch: a run has toy or image data") }
        return (Tensor(shape: [spec.batchSize, sampleFeatures], scalars: distribution.sample(count: spec.batchSize, stream: &streams.unrolled)), nil)
    }
}

/// The parameter values of an unrolled D and the update rule that moves them (see
/// `GANTrainer.withUnrolledDiscriminator`).
struct DiscriminatorUnrolling {
    var values: [Tensor]
    let rule: OptimizerSpec
    var firstMoments: [Tensor]
    var secondMoments: [Tensor]
    var stepCount = 0

    /// `state` is the optimizer's `stateTensors()` (Adam's `exp_avg.<name>`, `exp_avg_sq.<name>`,
    /// `step`); missing moments start at zero.
    init(optimizer: OptimizerSpec, values: [Tensor], state: [String: Tensor], names: [String]) {
        self.values = values
        rule = optimizer
        firstMoments = zip(values, names).map { value, name in state["exp_avg.\(name)"] ?? Tensor.zeros(value.shape) }
        secondMoments = zip(values, names).map { value, name in state["exp_avg_sq.\(name)"] ?? Tensor.zeros(value.shape) }
        stepCount = Int(state["step"]?.item ?? 0)
    }

    /// One update, differentiable in `values` and `gradients`:
    /// - Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ) + 10⁻¹⁶) + ε)
    ///   (the 10⁻¹⁶ inside the root keeps its derivative finite where g = 0);
    /// - otherwise θ ← θ − lr·g.
    /// With `clip`, θ is then clamped to [−clip, clip] (WGAN).
    var adamSettings: ([Double], Double)? {
        switch rule {
        case let .adam(_, betas, eps, _, _) where betas.count == 2, let .adamw(_, betas, eps, _, _) where betas.count == 2:
            return (betas, eps)
        default:
            return nil
        }
    }

    mutating func update(gradients: [Tensor], clip: Float?) {
        stepCount += 1
        let lr = Float(rule.learningRate)
        for index in values.indices {
            let g = gradients[index]
            var next: Tensor
            if let (betas, eps) = adamSettings {
                let beta1 = Float(betas[0]), beta2 = Float(betas[1])
                firstMoments[index] = beta1 * firstMoments[index] + (1 - beta1) * g
                secondMoments[index] = beta2 * secondMoments[index] + (1 - beta2) * g * g
                let correction1 = 1 - Float(pow(Double(beta1), Double(stepCount)))
                let correction2 = 1 - Float(pow(Double(beta2), Double(stepCount)))
                let denominator = (secondMoments[index] / correction2 + 1e-16).sqrt() + Float(eps)
                next = values[index] - lr * (firstMoments[index] / correction1) / denominator
            } else {
                next = values[index] - lr * g
            }
            if let clip { next = next.clamp(min: -clip, max: clip) }
            values[index] = next
        }
    }
}
