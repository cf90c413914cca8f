import Foundation
import MinimaxData
import MinimaxTensor

/// Evaluation of image runs: G on the fixed evaluation noise (and labels), judged by the
/// evaluation classifier. Columns of metrics.csv after the training statistics, in this order,
/// each present when its spec metric (or, for the last, `conditional`) is on:
///
/// | column | spec metric | meaning |
/// | --- | --- | --- |
/// | classes | class_coverage | classes with ≥ 1% of the samples (`ImageSampleMetrics`) |
/// | class_kl | class_coverage | KL(generated class histogram ‖ data class frequencies) |
/// | confidence | class_coverage | mean top-class probability of the classifier |
/// | modes, high_quality, reverse_kl, js | same names | Stacked MNIST: modes of 1,000 with ≥ 1 sample, fraction with all channels confident, KL and JS against uniform |
/// | frechet | frechet | classifier Fréchet distance to the real evaluation images (not FID) |
/// | energy | energy | energy distance in pixel space, first 500 images of each set |
/// | conditional_accuracy | (conditional) | fraction of samples classified as the label they were generated for |
extension GANTrainer {
    /// What one evaluation of an image run produced.
    struct ImageEvaluation {
        /// G's images on the evaluation noise, row-major `[eval_samples, C, 28, 28]`.
        var images: [Float]
        /// Classifier output per image (Stacked MNIST: per channel, 3 per image).
        var predictions: EvaluationClassifier.Predictions?
        /// The class (or Stacked MNIST mode) histogram of `images`.
        var histogram: [Int]?
    }

    var imageMetricColumns: [String] {
        var columns: [String] = []
        if spec.metrics.contains(.classCoverage) { columns += ["classes", "class_kl", "confidence"] }
        let stacked: [MetricKind] = [.modes, .highQuality, .reverseKL, .js]
        columns += stacked.filter(spec.metrics.contains).map(\.rawValue)
        if spec.metrics.contains(.frechet) { columns.append("frechet") }
        if spec.metrics.contains(.energy) { columns.append("energy") }
        if spec.conditional { columns.append("conditional_accuracy") }
        return columns
    }

    /// Numbers about the yardstick rather than the generator, added to an image run's final
    /// metrics so a lesson can quote them next to the generator's: `classifier_accuracy`, the
    /// evaluation classifier's held-out accuracy (when its training record is known), and
    /// `frechet_floor`, the classifier Fréchet distance between the real evaluation images and
    /// as many other real images (what a perfect generator would score, up to sampling noise).
    var imageEvaluationConstants: [String: Double] {
        guard let imageData else { return [:] }
        var values: [String: Double] = [:]
        if let record = imageData.classifier.record { values["classifier_accuracy"] = record.heldOutAccuracy }
        if spec.metrics.contains(.frechet), let floor = imageData.realFloorFrechet { values["frechet_floor"] = floor }
        return values
    }

    /// G(z) (or G(z, y)) for `noise` rows, in evaluation mode, in chunks of batch_size.
    func generateImages(_ noise: Tensor, labels: [Int]?) -> [Float] {
        let count = noise.shape[0], dimension = noise.shape[1]
        var output: [Float] = []
        inEvaluationMode {
            withoutGradients {
                for start in stride(from: 0, to: count, by: spec.batchSize) {
                    let end = min(count, start + spec.batchSize)
                    let chunk = Tensor(shape: [end - start, dimension], scalars: Array(noise.scalars[(start * dimension)..<(end * dimension)]))
                    output += generator(chunk, labels: labels.map { Array($0[start..<end]) }).scalars
                }
            }
        }
        return output
    }

    /// G on the evaluation noise, with the classifier's verdict (none when an image is not finite).
    func evaluateImages(_ data: ImageData) -> ImageEvaluation {
        let images = generateImages(evaluation.noise, labels: data.evaluationLabels)
        guard images.allSatisfy(\.isFinite) else { return ImageEvaluation(images: images, predictions: nil, histogram: nil) }
        let predictions = data.classifier.predict(images, count: images.count / (28 * 28))
        let histogram: [Int]
        if case .stacked = data.set {
            histogram = ImageSampleMetrics.histogram(ImageSampleMetrics.stackedModes(channelLabels: predictions.labels), classCount: 1000)
        } else {
            histogram = ImageSampleMetrics.histogram(predictions.labels, classCount: data.set.classCount)
        }
        return ImageEvaluation(images: images, predictions: predictions, histogram: histogram)
    }

    /// The metric columns' values for one evaluation (NaN where unavailable).
    func imageMetrics(_ result: ImageEvaluation, _ data: ImageData) -> [String: Double] {
        var values: [String: Double] = [:]
        for column in imageMetricColumns { values[column] = .nan }
        guard let predictions = result.predictions, let histogram = result.histogram else { return values }
        if spec.metrics.contains(.classCoverage) {
            values["classes"] = Double(ImageSampleMetrics.coveredClasses(histogram))
            values["class_kl"] = ImageSampleMetrics.classKL(histogram, dataDistribution: data.dataDistribution)
            values["confidence"] = predictions.confidences.reduce(0.0) { $0 + Double($1) } / Double(max(predictions.confidences.count, 1))
        }
        if case .stacked = data.set {
            let stacked = ImageSampleMetrics.stacked(channelLabels: predictions.labels, channelConfidences: predictions.confidences)
            values["modes"] = Double(stacked.modes)
            values["high_quality"] = stacked.highQuality
            values["reverse_kl"] = stacked.reverseKL
            values["js"] = stacked.jensenShannon
        }
        if spec.metrics.contains(.frechet) {
            let generated = FrechetDistance.Statistics(features: predictions.features, dimension: data.realStatistics.dimension)
            values["frechet"] = FrechetDistance.distance(data.realStatistics, generated)
        }
        if spec.metrics.contains(.energy) {
            let count = min(ImageData.energySamples, spec.evalSamples) * data.set.imageSize
            values["energy"] = SampleDistance.energy(Array(result.images.prefix(count)), Array(data.realImages.prefix(count)),
                                                     dimension: data.set.imageSize)
        }
        if let requested = data.evaluationLabels {
            let agree = zip(predictions.labels, requested).filter { $0 == $1 }.count
            values["conditional_accuracy"] = Double(agree) / Double(max(requested.count, 1))
        }
        return values
    }
}
