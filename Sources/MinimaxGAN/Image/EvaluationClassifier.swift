import Foundation
import MinimaxData
import MinimaxNN
import MinimaxTensor

/// The small CNN that judges generated images (class histograms, confidence, conditional
/// accuracy) and supplies the features of the classifier Fréchet distance:
///
///     Conv2d(C, 32, 3)-ReLU-MaxPool(2) → Conv2d(32, 64, 3)-ReLU-MaxPool(2) → Flatten
///     → Linear(64·5·5, 128)-ReLU   (the feature layer, 128 values)
///     → Linear(128, classes)       (logits)
///
/// 28×28 inputs become 26 → 13 → 11 → 5 pixels on a side. No batch norm or dropout, so
/// training and evaluation mode compute the same function. Trained by `train(on:…)` with a
/// fixed seed, cached by `EvaluationClassifier+Cache`.
public final class EvaluationClassifier: Module {
    /// Names the architecture and training recipe; part of the cache key, bump on any change.
    /// v2: large training sets (Fashion-MNIST) train 3 epochs without shifts (`ClassifierTraining.recommended`).
    public static let architectureVersion = "cnn32-64-128-v2"
    public static let featureDimension = 128

    public let inputChannels: Int
    public let classCount: Int
    public let conv1: Conv2d
    public let conv2: Conv2d
    public let hidden: Linear
    public let output: Linear
    /// How this classifier was trained and how well it does on held-out data (nil for an
    /// untrained one).
    public internal(set) var record: Record?

    /// The provenance of a trained classifier (saved in its file's metadata).
    public struct Record: Equatable, Sendable {
        public var key: String
        public var seed: UInt64
        /// Accuracy on the held-out split (the 500 held-out digits of mnist-5k, the 10,000 test images otherwise).
        public var heldOutAccuracy: Double
        public var heldOutCount: Int
        public var trainingSource: String
        public var trainingSeconds: Double
    }

    public init(inputChannels: Int = 1, classCount: Int = 10) {
        self.inputChannels = inputChannels
        self.classCount = classCount
        conv1 = Conv2d(inputChannels, 32, kernelSize: 3)
        conv2 = Conv2d(32, 64, kernelSize: 3)
        hidden = Linear(64 * 5 * 5, Self.featureDimension)
        output = Linear(Self.featureDimension, classCount)
        super.init()
    }

    /// Penultimate-layer features `[N, 128]` of `[N, C, 28, 28]` images in [−1, 1].
    public func features(_ images: Tensor) -> Tensor {
        precondition(images.rank == 4 && images.shape[1] == inputChannels && images.shape[2] == 28 && images.shape[3] == 28,
                     "EvaluationClassifier: images of shape \(images.shape), expected [N, \(inputChannels), 28, 28]")
        let first = conv1(images).relu().maxPool2d(kernelSize: 2)
        let second = conv2(first).relu().maxPool2d(kernelSize: 2)
        return hidden(second.flattened(from: 1)).relu()
    }

    /// Class logits `[N, classes]`.
    public func callAsFunction(_ images: Tensor) -> Tensor { output(features(images)) }

    /// What the classifier says about a set of images.
    public struct Predictions: Sendable {
        /// Arg-max class per image.
        public var labels: [Int]
        /// Softmax probability of the arg-max class per image.
        public var confidences: [Float]
        /// Feature rows, `count × featureDimension`, row-major.
        public var features: [Float]
    }

    /// Predictions for `count` images (row-major `[count, C, 28, 28]` values), computed in
    /// chunks of `chunk` without recording gradients.
    public func predict(_ images: [Float], count: Int, chunk: Int = 256) -> Predictions {
        let size = inputChannels * 28 * 28
        precondition(images.count == count * size, "EvaluationClassifier.predict: \(images.count) values for \(count) images of \(size)")
        var result = Predictions(labels: [], confidences: [], features: [])
        result.labels.reserveCapacity(count)
        result.confidences.reserveCapacity(count)
        result.features.reserveCapacity(count * Self.featureDimension)
        var start = 0
        while start < count {
            let n = min(chunk, count - start)
            let batch = Tensor(shape: [n, inputChannels, 28, 28], scalars: Array(images[(start * size)..<((start + n) * size)]))
            let (features, logits) = withoutGradients { () -> (Tensor, Tensor) in
                let features = self.features(batch)
                return (features, output(features))
            }
            result.features += features.scalars
            logits.scalars.withUnsafeBufferPointer { z in
                for row in 0..<n {
                    var best = 0
                    var maximum = -Float.infinity
                    for k in 0..<classCount where z[row * classCount + k] > maximum {
                        maximum = z[row * classCount + k]
                        best = k
                    }
                    var total: Float = 0
                    for k in 0..<classCount { total += Foundation.exp(z[row * classCount + k] - maximum) }
                    result.labels.append(best)
                    result.confidences.append(1 / total)
                }
            }
            start += n
        }
        return result
    }

    /// Fraction of `dataset`'s images whose arg-max class equals the label.
    public func accuracy(on dataset: ImageDataset) -> Double {
        guard dataset.count > 0 else { return .nan }
        let predictions = predict(dataset.images, count: dataset.count)
        let correct = zip(predictions.labels, dataset.labels).filter { $0 == $1 }.count
        return Double(correct) / Double(dataset.count)
    }
}
