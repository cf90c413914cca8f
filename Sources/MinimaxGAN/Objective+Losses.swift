import MinimaxTensor

/// The loss pair of each objective, written on D's raw outputs (logits for the BCE games).
///
/// b is the real label (1, or 1 − s with label smoothing). Both functions return the quantity the optimizer *minimises*, so the trainer logs exactly
/// what it optimises. With s(·) the softplus, log σ(t) = −s(−t) and log(1 − σ(t)) = −s(t), so
/// every BCE term below is a softplus of a logit: stable for any logit, never log(0).
///
/// | objective | discriminator loss L_D | generator loss L_G |
/// | --- | --- | --- |
/// | minimax | BCE: E[s(D(x)) − b·D(x)] + E[s(D(G(z)))] | E[log(1 − σ(D(G(z))))] = −E[s(D(G(z)))] |
/// | non-saturating | the same BCE | −E[log σ(D(G(z)))] = E[s(−D(G(z)))] |
/// | wgan, wgan-gp | E[D(G(z))] − E[D(x)] | −E[D(G(z))] |
/// | hinge | E[max(0, 1 − D(x))] + E[max(0, 1 + D(G(z)))] | −E[D(G(z))] |
/// | least-squares | ½E[(D(x) − b)²] + ½E[D(G(z))²] | ½E[(D(G(z)) − 1)²] |
///
/// References: Goodfellow et al. 2014 (minimax and its non-saturating variant, §3), Arjovsky et
/// al. 2017 (WGAN), Gulrajani et al. 2017 (WGAN-GP; its penalty is `GradientPenalty`), Lim & Ye
/// 2017 and Miyato et al. 2018 (hinge), Mao et al. 2017 (LSGAN with a = 0, b = c = 1, their eq. 9).
extension Objective {
    /// L_D on `realLogits` (D(x)) and `fakeLogits` (D(G(z))).
    ///
    /// `realLabel` is the target of real samples for the objectives that use labels: 1, or
    /// 1 − s with one-sided label smoothing (Salimans et al. 2016, §3.4). The fake label stays 0.
    /// BCE with label y on logit t is s(t) − y·t (= s(−t) when y = 1).
    public func discriminatorLoss(realLogits: Tensor, fakeLogits: Tensor, realLabel: Float = 1) -> Tensor {
        switch self {
        case .minimax, .nonSaturating:
            let realTerm = realLabel == 1 ? (-realLogits).softplus() : realLogits.softplus() - realLabel * realLogits
            return realTerm.mean() + fakeLogits.softplus().mean()
        case .wgan, .wganGP:
            return fakeLogits.mean() - realLogits.mean()
        case .hinge:
            return (1 - realLogits).relu().mean() + (1 + fakeLogits).relu().mean()
        case .leastSquares:
            return 0.5 * (realLogits - realLabel).squared().mean() + 0.5 * fakeLogits.squared().mean()
        }
    }

    /// L_G on `fakeLogits` = D(G(z)).
    ///
    /// `minimax` is the saturating game as written: G minimises E[log(1 − D(G(z)))] =
    /// −E[s(D(G(z)))], whose gradient σ(t) vanishes when D confidently rejects fakes (t ≪ 0).
    /// `non-saturating` minimises −E[log D(G(z))] = E[s(−t)], whose gradient 1 − σ(t) → 1 there.
    public func generatorLoss(fakeLogits: Tensor) -> Tensor {
        switch self {
        case .minimax:
            return -fakeLogits.softplus().mean()
        case .nonSaturating:
            return (-fakeLogits).softplus().mean()
        case .wgan, .wganGP, .hinge:
            return -fakeLogits.mean()
        case .leastSquares:
            return 0.5 * (fakeLogits - 1).squared().mean()
        }
    }

    /// Whether D's output is a logit of the probability "real" (the BCE games).
    public var hasProbabilityOutput: Bool { self == .minimax || self == .nonSaturating }

    /// The score logged as `d_real`/`d_fake`: mean σ(t) for the BCE games (a probability, as in
    /// the papers' D(x)), the mean raw output t for the critics and least squares.
    public func meanScore(_ logits: Tensor) -> Float {
        let values = hasProbabilityOutput ? withoutGradients { logits.sigmoid() } : logits
        var sum = 0.0
        for value in values.scalars { sum += Double(value) }
        return values.count == 0 ? 0 : Float(sum / Double(values.count))
    }

    /// D's output as shown on surfaces: σ(t) for the BCE games, t otherwise.
    public func displayedOutput(_ logits: Tensor) -> Tensor {
        hasProbabilityOutput ? logits.sigmoid() : logits
    }
}
