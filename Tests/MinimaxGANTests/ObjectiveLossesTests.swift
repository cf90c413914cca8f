import MinimaxGAN
import MinimaxTensor
import Testing

/// Losses on realLogits r = [0, 3], fakeLogits f = [−1, 3], against values worked out by hand
/// with softplus s(t) = ln(1 + eᵗ): s(0) = 0.6931472, s(±1) = 1.3132617 / 0.3132617,
/// s(±3) = 3.0485874 / 0.0485874.
@Suite struct ObjectiveLossesTests {
    let real = Tensor([0, 3])
    let fake = Tensor([-1, 3])

    /// |a − b| ≤ 1e-5 + 1e-5·|b| (float32 softplus and means of two terms).
    func close(_ a: Float, _ b: Float, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(a - b) <= 1e-5 + 1e-5 * abs(b), "\(a) vs \(b)", sourceLocation: sourceLocation)
    }

    @Test func bceDiscriminatorLoss() {
        // mean(s(−r)) + mean(s(f)) = (0.6931472 + 0.0485874)/2 + (0.3132617 + 3.0485874)/2
        for objective in [Objective.minimax, .nonSaturating] {
            close(objective.discriminatorLoss(realLogits: real, fakeLogits: fake).item, 0.3708673 + 1.6809246)
        }
    }

    @Test func oneSidedLabelSmoothing() {
        // real label 0.9: mean(s(r) − 0.9r) = (0.6931472 + 3.0485874 − 2.7)/2 = 0.5208673; fakes unchanged
        close(Objective.nonSaturating.discriminatorLoss(realLogits: real, fakeLogits: fake, realLabel: 0.9).item, 0.5208673 + 1.6809246)
        // LSGAN: ½·mean((r − 0.9)²) = ½·(0.81 + 4.41)/2 = 1.305; ½·mean(f²) = 2.5
        close(Objective.leastSquares.discriminatorLoss(realLogits: real, fakeLogits: fake, realLabel: 0.9).item, 1.305 + 2.5)
    }

    @Test func generatorLossesSaturatingAndNot() {
        // minimax: E[log(1 − σ(f))] = −mean(s(f)) = −1.6809246
        close(Objective.minimax.generatorLoss(fakeLogits: fake).item, -1.6809246)
        // non-saturating: −E[log σ(f)] = mean(s(−f)) = (1.3132617 + 0.0485874)/2
        close(Objective.nonSaturating.generatorLoss(fakeLogits: fake).item, 0.6809246)
    }

    @Test func wassersteinHingeAndLeastSquares() {
        // WGAN: mean(f) − mean(r) = 1 − 1.5; G: −mean(f)
        close(Objective.wgan.discriminatorLoss(realLogits: real, fakeLogits: fake).item, -0.5)
        close(Objective.wganGP.generatorLoss(fakeLogits: fake).item, -1)
        // hinge: mean(max(0, 1 − r)) + mean(max(0, 1 + f)) = (1 + 0)/2 + (0 + 4)/2
        close(Objective.hinge.discriminatorLoss(realLogits: real, fakeLogits: fake).item, 2.5)
        close(Objective.hinge.generatorLoss(fakeLogits: fake).item, -1)
        // LSGAN: ½·mean((r − 1)²) + ½·mean(f²) = ½·(1 + 4)/2 + ½·(1 + 9)/2; G: ½·mean((f − 1)²) = ½·(4 + 4)/2
        close(Objective.leastSquares.discriminatorLoss(realLogits: real, fakeLogits: fake).item, 3.75)
        close(Objective.leastSquares.generatorLoss(fakeLogits: fake).item, 2)
    }

    @Test func saturatingGradientVanishesWhenDiscriminatorWins() {
        // At a confidently rejected fake (logit −10): d/dt of −s(t)/1 is −σ(−10) ≈ −4.54e-5,
        // while the non-saturating d/dt s(−t) = −σ(10) ≈ −0.99995.
        let t = Tensor([-10]).requiringGrad()
        let minimax = gradients(of: Objective.minimax.generatorLoss(fakeLogits: t), wrt: [t])[0].item
        let nonSaturating = gradients(of: Objective.nonSaturating.generatorLoss(fakeLogits: t), wrt: [t])[0].item
        close(minimax, -4.539787e-5)
        close(nonSaturating, -0.9999546)
    }

    @Test func meanScoreIsAProbabilityForBCEOnly() {
        // σ(0) = 0.5, σ(3) = 0.9525741
        close(Objective.minimax.meanScore(real), (0.5 + 0.9525741) / 2)
        close(Objective.wgan.meanScore(real), 1.5)
    }
}
