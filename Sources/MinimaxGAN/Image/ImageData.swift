import Foundation
import MinimaxData
import MinimaxNN
import MinimaxTensor

/// Everything an image run needs besides the networks: the training set and its shuffled
/// batches, the evaluation classifier, and the fixed evaluation inputs.
///
/// Batches come from a `BatchSampler` over the set whose epoch orders derive from the `data`
/// stream (its `(epoch, position)` is saved in checkpoints). Evaluation draws nothing from
/// training streams: `eval_samples` real images (a permutation of the set from stream
/// `"eval/data"`, repeated if the set is smaller) give the real feature statistics of the
/// classifier Fréchet distance, and the next `eval_samples` of that permutation its floor; a
/// cGAN's evaluation labels are 0, 1, …, 9, 0, 1, … (balanced).
public final class ImageData {
    public let set: ImageTrainingSet
    public let classifier: EvaluationClassifier
    /// The classifier's cache key (`mnist-5k`, `mnist`, `fashion-mnist`).
    public let classifierKey: String
    var sampler: BatchSampler
    /// Requested labels of the evaluation samples (cGAN only).
    public let evaluationLabels: [Int]?
    /// The real evaluation images, row-major `[eval_samples, C, 28, 28]`.
    public let realImages: [Float]
    /// Classifier feature statistics of `realImages`.
    public let realStatistics: FrechetDistance.Statistics
    /// The data's class frequencies (`ImageTrainingSet.classDistribution`).
    public let dataDistribution: [Double]
    /// The classifier Fréchet distance between `realImages` and as many other training images
    /// (the next `eval_samples` of the same permutation, fewer when the set is smaller): what
    /// two samples of real data score at the sample sizes G is scored at, a floor for G. The
    /// Fréchet distance estimated from n samples is biased upward by O(1/n), so a floor from
    /// fewer images (mnist-5k's 500 held-out ones) would be inflated. Nil for Stacked MNIST and
    /// when fewer than 2 other images exist.
    public let realFloorFrechet: Double?

    /// Seed of the evaluation classifier (fixed, so every run of a dataset uses the same one).
    public static let classifierSeed: UInt64 = 0
    /// Images in `images-*.csv`, `real-images.csv` (the first 64 evaluation samples).
    public static let gridCount = 64
    /// Samples per label in `conditional-*.csv`.
    public static let conditionalColumns = 8
    /// Images the pixel-space energy distance uses (it costs O(n²·784)).
    public static let energySamples = 500

    init(spec: ExperimentSpec, seed: UInt64, set: ImageTrainingSet, classifier given: EvaluationClassifier?,
         locations: DatasetLocations) throws {
        self.set = set
        let digits = set.classifierSet
        classifierKey = ImageTrainingSet.classifierKey(digits)
        // A given classifier (tests) needs no held-out split.
        if let given {
            classifier = given
        } else {
            let heldOut = try ImageTrainingSet.heldOut(of: digits, locations: locations)
            classifier = try EvaluationClassifier.loadOrTrain(
                key: classifierKey, train: digits, test: heldOut, seed: Self.classifierSeed,
                dataFolder: URL(fileURLWithPath: locations.dataDirectory.path, isDirectory: true))
        }
        guard classifier.inputChannels == 1, classifier.classCount == digits.classCount else {
            throw GANSetupError("classifier", "expects \(classifier.inputChannels) channel(s) and \(classifier.classCount) classes; \(digits.name) has 1 and \(digits.classCount)")
        }
        sampler = BatchSampler(count: set.count, batchSize: spec.batchSize, dropLast: true, stream: RandomStream(seed: seed, name: "data"))
        evaluationLabels = spec.conditional ? (0..<spec.evalSamples).map { $0 % set.classCount } : nil
        var evalStream = RandomStream(seed: seed, name: "eval/data")
        let order = evalStream.permutation(set.count)
        realImages = set.batch((0..<spec.evalSamples).map { order[$0 % order.count] }).images
        dataDistribution = set.classDistribution
        let realFeatures = Self.features(classifier, realImages)
        realStatistics = FrechetDistance.Statistics(features: realFeatures, dimension: set.channels * EvaluationClassifier.featureDimension)
        let otherCount = min(spec.evalSamples, set.count - spec.evalSamples)
        if case .images = set, otherCount >= 2 {
            let others = set.batch((spec.evalSamples..<spec.evalSamples + otherCount).map { order[$0] }).images
            realFloorFrechet = FrechetDistance.distance(
                realStatistics, FrechetDistance.Statistics(features: Self.features(classifier, others), dimension: EvaluationClassifier.featureDimension))
        } else {
            realFloorFrechet = nil
        }
    }

    /// `images` as a `[n, C, 28, 28]` tensor.
    func tensor(_ images: [Float]) -> Tensor {
        Tensor(shape: [images.count / set.imageSize, set.channels, set.height, set.width], scalars: images)
    }

    /// Classifier features of `[n, C, 28, 28]` images: per image, the C channels' feature
    /// vectors side by side (C·128 values; each channel is classified as a digit on its own,
    /// which is why the images are read as n·C one-channel images).
    static func features(_ classifier: EvaluationClassifier, _ images: [Float]) -> [Float] {
        classifier.predict(images, count: images.count / (28 * 28)).features
    }
}
