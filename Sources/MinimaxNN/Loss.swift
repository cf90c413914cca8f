import MinimaxTensor

/// Loss functions, each the mean over all elements (PyTorch's `reduction="mean"`) and
/// written with differentiable ops, so they work under second-order gradients too.
public enum Loss {
    /// Binary cross-entropy on logits x with targets y ∈ [0, 1]
    /// (`F.binary_cross_entropy_with_logits`), fused for stability as
    ///
    ///     ℓ(x, y) = softplus(x) − y·x  = −[y·log σ(x) + (1 − y)·log(1 − σ(x))]
    ///
    /// which never evaluates log(0) however large |x| is. `targets` broadcasts against `logits`.
    public static func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
        (logits.softplus() - targets * logits).mean()
    }

    /// Binary cross-entropy against one target value for every logit (1 for "real", 0 for "fake").
    public static func binaryCrossEntropy(logits: Tensor, target: Float) -> Tensor {
        (logits.softplus() - target * logits).mean()
    }

    /// Mean squared error (`F.mse_loss`): mean((x − y)²).
    public static func meanSquaredError(_ predictions: Tensor, _ targets: Tensor) -> Tensor {
        (predictions - targets).squared().mean()
    }

    /// Mean absolute error (`F.l1_loss`): mean(|x − y|); the gradient at x = y is 0.
    public static func l1(_ predictions: Tensor, _ targets: Tensor) -> Tensor {
        (predictions - targets).abs().mean()
    }

    /// Softmax cross-entropy for `[N, K]` logits and class indices in 0..<K (`F.cross_entropy`):
    ///
    ///     ℓ = mean over i of (logsumexp_k x_{ik} − x_{i,yᵢ})
    ///
    /// with logsumexp shifted by the row maximum for stability.
    public static func crossEntropy(logits: Tensor, labels: [Int]) -> Tensor {
        precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                     "crossEntropy: logits shape \(logits.shape) does not fit \(labels.count) labels")
        let classes = logits.shape[1]
        var oneHot = [Float](repeating: 0, count: logits.count)
        for (i, label) in labels.enumerated() {
            precondition(label >= 0 && label < classes, "crossEntropy: label \(label) of sample \(i) is not in 0..<\(classes)")
            oneHot[i * classes + label] = 1
        }
        let picked = (logits * Tensor(shape: logits.shape, scalars: oneHot)).sum(axis: 1)
        return (logits.logsumexp(axes: [1]) - picked).mean()
    }

    /// Hinge loss for scores s and targets t ∈ {−1, +1}: mean(max(0, 1 − t·s)).
    /// The hinge GAN critic loss is `hinge(real, +1) + hinge(fake, −1)` (Lim & Ye 2017).
    public static func hinge(scores: Tensor, targets: Tensor) -> Tensor {
        (1 - targets * scores).relu().mean()
    }

    /// Hinge loss against one target (+1 or −1) for every score.
    public static func hinge(scores: Tensor, target: Float) -> Tensor {
        precondition(target == 1 || target == -1, "hinge: target must be +1 or −1, got \(target)")
        return (1 - target * scores).relu().mean()
    }
}
