import MinimaxTensor

/// Batch normalisation (Ioffe & Szegedy 2015) with PyTorch's rules, shared by `BatchNorm1d`
/// and `BatchNorm2d`, which only fix the input rank. Channels are dimension 1; statistics are
/// taken over every other dimension.
///
/// Training mode normalises with the batch mean and the *biased* batch variance, and updates
///
///     runningMean ← (1 − momentum)·runningMean + momentum·mean
///     runningVar  ← (1 − momentum)·runningVar  + momentum·var·n/(n − 1)   (unbiased)
///
/// without gradient; evaluation mode normalises with the running statistics. Then
/// `y = x̂·weight + bias` (weight starts at 1, bias at 0). `numBatchesTracked` counts updates
/// (PyTorch keeps it as int64; here it is a float buffer, exact up to 2²⁴).
public class BatchNorm: Module, UnaryLayer {
    public let features: Int
    public let eps: Float
    public let momentum: Float
    public let weight: Parameter?
    public let bias: Parameter?
    public let runningMean: Buffer
    public let runningVar: Buffer
    public let numBatchesTracked: Buffer

    init(features: Int, eps: Float, momentum: Float, affine: Bool) {
        precondition(features > 0, "BatchNorm: features must be positive, got \(features)")
        precondition(momentum >= 0 && momentum <= 1, "BatchNorm: momentum must be in [0, 1], got \(momentum)")
        self.features = features
        self.eps = eps
        self.momentum = momentum
        weight = affine ? Parameter(.ones([features])) : nil
        bias = affine ? Parameter(.zeros([features])) : nil
        runningMean = Buffer(.zeros([features]))
        runningVar = Buffer(.ones([features]))
        numBatchesTracked = Buffer(Tensor(0))
        super.init()
    }

    /// The input ranks this layer accepts (checked in `callAsFunction`).
    var acceptedRanks: [Int] { [2, 3, 4] }

    public override func resetParameters(_ stream: (String) -> RandomStream) {
        weight?.assign([Float](repeating: 1, count: features))
        bias?.assign([Float](repeating: 0, count: features))
    }

    public override var parameterRoles: [String: ParameterRole] {
        weight == nil ? [:] : ["weight": .normScale, "bias": .normShift]
    }

    /// Resets the running statistics to mean 0, variance 1 and the batch count to 0.
    public func resetRunningStatistics() {
        runningMean.value = .zeros([features])
        runningVar.value = .ones([features])
        numBatchesTracked.value = Tensor(0)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(acceptedRanks.contains(input.rank) && input.shape[1] == features,
                     "\(layerDescription): input shape \(input.shape) must have rank \(acceptedRanks.map(String.init).joined(separator: " or ")) with \(features) channels in dimension 1")
        let axes = [0] + Array(2..<input.rank)
        // Per-channel statistics broadcast as [1, C, 1, …].
        let statShape = [1, features] + [Int](repeating: 1, count: input.rank - 2)
        if isTraining {
            let n = axes.reduce(1) { $0 * input.shape[$1] }
            precondition(n > 1, "\(layerDescription): training needs more than one value per channel, got input shape \(input.shape)")
            // One fused op, bit for bit `Tensor.batchNormComposition` (the textbook formula in tensor ops).
            let (output, mean, variance) = Tensor.batchNormTraining(input, weight: weight?.value, bias: bias?.value, eps: eps)
            updateRunningStatistics(mean: mean, biasedVariance: variance, count: n)
            return output
        }
        let mean = runningMean.value.reshaped(statShape)
        let std = (runningVar.value.reshaped(statShape) + eps).sqrt()
        let normalised = (input - mean) / std
        guard let weight, let bias else { return normalised }
        return normalised * weight.value.reshaped(statShape) + bias.value.reshaped(statShape)
    }

    private func updateRunningStatistics(mean: [Float], biasedVariance: [Float], count n: Int) {
        let m = momentum, unbias = Float(n) / Float(n - 1)
        runningMean.value.updateScalars { r in
            for c in 0..<features { r[c] = (1 - m) * r[c] + m * mean[c] }
        }
        runningVar.value.updateScalars { r in
            for c in 0..<features { r[c] = (1 - m) * r[c] + m * biasedVariance[c] * unbias }
        }
        numBatchesTracked.value.updateScalars { $0[0] += 1 }
    }

    public override var layerDescription: String { "\(String(describing: type(of: self)))(\(features))" }
}
