import MinimaxNN
import MinimaxTensor

extension GANTrainer {
    /// One discriminator (critic) update on a real batch and a noise batch.
    ///
    /// The fakes G(z) are computed without recording a tape: this step changes D only.
    /// Instance noise (when on) is added to both batches; then the objective's L_D, plus
    /// λ·GP on interpolates (wgan-gp) and γ/2·R1 on the real inputs (r1 > 0), is minimised by
    /// one optimizer step, after which WGAN clips every critic parameter to [−c, c].
    /// For a cGAN, `labels` are the real batch's labels, and the fakes are generated for the
    /// same labels, so both halves of D's batch have the same class mix.
    @discardableResult
    public func discriminatorStep(real: Tensor, noise: Tensor, labels: [Int]? = nil) -> DiscriminatorStepStats {
        precondition(real.shape[0] == noise.shape[0], "discriminatorStep: \(real.shape[0]) real samples but \(noise.shape[0]) noise vectors")
        let fake = withoutGradients { generator(noise, labels: labels) }
        let realInput = withInstanceNoise(real)
        let fakeInput = withInstanceNoise(fake)
        discriminator.zeroGradients()
        let realLogits = critic(realInput, labels: labels)
        let fakeLogits = critic(fakeInput, labels: labels)
        let realLabel = Float(1 - spec.stabilizers.labelSmoothing)
        var loss = spec.objective.discriminatorLoss(realLogits: realLogits, fakeLogits: fakeLogits, realLabel: realLabel)
        var penalty = Tensor(0)
        if let lambda = spec.stabilizers.gradientPenalty, spec.objective == .wganGP {
            let epsilons = streams.gradientPenalty.uniformArray(count: real.shape[0])
            let mixed = GradientPenalty.interpolates(real: realInput, fake: fakeInput, epsilons: epsilons)
            penalty = penalty + GradientPenalty.wassersteinPenalty(
                critic: { self.discriminator($0, labels: labels) }, interpolates: packedForCritic(mixed), weight: Float(lambda))
        }
        if spec.stabilizers.r1 > 0 {
            penalty = penalty + GradientPenalty.r1Penalty(
                critic: { self.discriminator($0, labels: labels) }, real: packedForCritic(realInput), gamma: Float(spec.stabilizers.r1))
        }
        if penalty.requiresGrad { loss = loss + penalty }
        loss.backward()
        let gradientNorm = Self.gradientNorm(discriminatorOptimizer.parameters)
        discriminatorOptimizer.step()
        if let clip = spec.stabilizers.weightClip, spec.objective == .wgan {
            Self.clip(discriminatorOptimizer.parameters, to: Float(clip))
        }
        return DiscriminatorStepStats(loss: loss.item, penalty: penalty.item,
                                      realScore: spec.objective.meanScore(realLogits),
                                      fakeScore: spec.objective.meanScore(fakeLogits), gradientNorm: gradientNorm)
    }

    /// One generator update on a fresh noise batch: minimises `Objective.generatorLoss` of
    /// D(G(z)), through an unrolled copy of D when `stabilizers.unrolled_steps` > 0. D's
    /// parameters receive gradients too; they are cleared, never applied. `labels` are a cGAN's
    /// requested classes (`sampleFakeLabels`).
    @discardableResult
    public func generatorStep(noise: Tensor, labels: [Int]? = nil) -> GeneratorStepStats {
        generator.zeroGradients()
        let (loss, fakeLogits) = withUnrolledDiscriminator {
            let fake = withInstanceNoise(generator(noise, labels: labels))
            let logits = critic(fake, labels: labels)
            let loss = spec.objective.generatorLoss(fakeLogits: logits)
            loss.backward()
            return (loss, logits)
        }
        discriminator.zeroGradients()
        let gradientNorm = Self.gradientNorm(generatorOptimizer.parameters)
        generatorOptimizer.step()
        return GeneratorStepStats(loss: loss.item, fakeScore: spec.objective.meanScore(fakeLogits), gradientNorm: gradientNorm)
    }

    /// √(Σ‖g‖²) over the parameters that have a gradient, accumulated in Double.
    public static func gradientNorm(_ parameters: [Parameter]) -> Float {
        var sum = 0.0
        for parameter in parameters {
            guard let grad = parameter.grad else { continue }
            grad.scalars.withUnsafeBufferPointer { g in
                for value in g { sum += Double(value) * Double(value) }
            }
        }
        return Float(sum.squareRoot())
    }

    /// WGAN's weight clipping (Arjovsky et al. 2017, Algorithm 1): every value into [−c, c].
    static func clip(_ parameters: [Parameter], to bound: Float) {
        for parameter in parameters {
            parameter.value.updateScalars { values in
                values.withUnsafeMutableBufferPointer { v in
                    for i in v.indices { v[i] = min(max(v[i], -bound), bound) }
                }
            }
        }
    }
}
