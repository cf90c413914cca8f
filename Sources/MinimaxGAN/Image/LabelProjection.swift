import MinimaxNN
import MinimaxTensor

/// The projection term of a projection discriminator (Miyato & Koyama 2018, eq. 3):
/// ⟨V_y, φ(x)⟩, one learned vector V_y per class, added to D's unconditional logit ψ(φ(x)).
///
/// V starts U(±√(6/(classes + features))) (Xavier-uniform, as the authors' code initialises
/// their embedding); V is not spectrally normalised here (the paper normalises it too).
public final class LabelProjection: Module {
    public let classCount: Int
    public let featureCount: Int
    public let weight: Parameter

    public init(classCount: Int, featureCount: Int) {
        precondition(classCount > 0 && featureCount > 0, "LabelProjection: sizes must be positive")
        self.classCount = classCount
        self.featureCount = featureCount
        weight = Parameter(.zeros([classCount, featureCount]))
        super.init()
        initialize(seed: 0)
    }

    public override func resetParameters(_ stream: (String) -> RandomStream) {
        let bound = (6 / Float(classCount + featureCount)).squareRoot()
        var w = stream("weight")
        weight.assign(w.uniformArray(count: weight.value.count, low: -bound, high: bound))
    }

    /// ⟨V_yᵢ, φᵢ⟩ per row: `[n, 1]` for features `[n, featureCount]`.
    public func callAsFunction(_ features: Tensor, labels: [Int]) -> Tensor {
        precondition(features.rank == 2 && features.shape == [labels.count, featureCount],
                     "LabelProjection: features \(features.shape) for \(labels.count) labels of \(featureCount) features")
        for label in labels where !(0..<classCount).contains(label) {
            preconditionFailure("LabelProjection: label \(label) is not in 0..<\(classCount)")
        }
        return (features * weight.value.gather(rows: labels)).sum(axis: 1, keepDims: true)
    }

    public override var layerDescription: String { "LabelProjection(\(classCount) × \(featureCount))" }
}
