import Foundation
import MinimaxNN
import MinimaxTensor

/// Snapshot files of image runs, for the charts (step numbers zero-padded as for toy runs):
///
/// - `snapshots/images-<step>.csv`: G on the first 64 evaluation noise vectors (the same z at
///   every step), one image per line;
/// - `snapshots/conditional-<step>.csv` (cGAN): 10 labels × 8 samples (fewer if eval_samples < 8), line i holding G(zⱼ, y)
///   for label y = i / 8 and zⱼ the j = i mod 8-th evaluation noise vector (so each column
///   shares its z);
/// - `snapshots/classes-<step>.csv`: `class,count,fraction,data_fraction`, the classifier's
///   histogram of the evaluation samples (Stacked MNIST: its 1,000 modes);
/// - `snapshots/real-images.csv`: the first 64 real evaluation images (written once).
///
/// An image line holds C·28·28 values in [0, 1] (pixel (v + 1)/2, three decimals), channel-major
/// then row-major; a first `#` line says the layout (gnuplot skips it), so
/// `plot 'images-000100.csv' matrix every :::1 with image` style scripts can read them.
extension GANTrainer {
    func writeImageSnapshot(step: Int, result: ImageEvaluation, data: ImageData) throws {
        let grid = Array(result.images.prefix(min(ImageData.gridCount, spec.evalSamples) * data.set.imageSize))
        try AtomicFile.write(imagesCSV(grid, data), to: snapshotFile("images", step: step))
        if let histogram = result.histogram {
            try AtomicFile.write(classesCSV(histogram, data), to: snapshotFile("classes", step: step))
        }
        if spec.conditional {
            let columns = min(ImageData.conditionalColumns, spec.evalSamples)
            let classes = data.set.classCount
            let z = Array(evaluation.noise.scalars.prefix(columns * spec.generator.noiseDim))
            var noise: [Float] = []
            var labels: [Int] = []
            for label in 0..<classes {
                noise += z
                labels += [Int](repeating: label, count: columns)
            }
            let count = labels.count
            let images = generateImages(Tensor(shape: [count, spec.generator.noiseDim], scalars: noise), labels: labels)
            try AtomicFile.write(imagesCSV(images, data, layout: "\(classes) rows (labels 0-\(classes - 1)) x \(columns) columns; line i has label i / \(columns)"),
                                 to: snapshotFile("conditional", step: step))
        }
    }

    func writeRealImages(_ data: ImageData) throws {
        let grid = Array(data.realImages.prefix(min(ImageData.gridCount, spec.evalSamples) * data.set.imageSize))
        try AtomicFile.write(imagesCSV(grid, data), to: folder.appendingPathComponent("snapshots/real-images.csv"))
    }

    func imagesCSV(_ images: [Float], _ data: ImageData, layout: String? = nil) -> String {
        let size = data.set.imageSize
        let count = images.count / size
        var text = "# \(count) images, \(data.set.channels)x\(data.set.height)x\(data.set.width) values in [0,1] per line (channel-major, then rows)"
        if let layout { text += "; \(layout)" }
        text += "\n"
        text.reserveCapacity(text.utf8.count + images.count * 6)
        for image in 0..<count {
            var line = ""
            line.reserveCapacity(size * 6)
            for index in 0..<size {
                if index > 0 { line += "," }
                line += Self.unitText(images[image * size + index])
            }
            text += line + "\n"
        }
        return text
    }

    /// (v + 1)/2 clamped to [0, 1] with three decimals: "0", "1", "0.5", "0.123".
    static func unitText(_ value: Float) -> String {
        guard value.isFinite else { return "nan" }
        let thousandths = Int((min(max((value + 1) / 2, 0), 1) * 1000).rounded())
        if thousandths == 0 { return "0" }
        if thousandths == 1000 { return "1" }
        var digits = String(thousandths)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }

    func classesCSV(_ histogram: [Int], _ data: ImageData) -> String {
        let total = max(histogram.reduce(0, +), 1)
        var text = "class,count,fraction,data_fraction\n"
        for (label, count) in histogram.enumerated() {
            text += "\(label),\(count),\(Double(count) / Double(total)),\(data.dataDistribution[label])\n"
        }
        return text
    }

    /// `image-evaluation.json` in the run folder: the data and classifier behind the image metrics.
    func writeImageEvaluationRecord(_ data: ImageData) throws {
        var record: [String: String] = [
            "data_source": data.set.source,
            "classifier_key": data.classifierKey,
            "classifier_architecture": EvaluationClassifier.architectureVersion,
            "classifier_seed": String(ImageData.classifierSeed),
            "classes_covered_rule": "a class counts when at least \(ImageSampleMetrics.coverageShare * 100)% of the evaluation samples are classified as it",
            "frechet": "classifier Fréchet distance: Fréchet distance between Gaussians fitted to the evaluation classifier's \(data.realStatistics.dimension)-value features of eval_samples generated and real images (not FID)",
        ]
        if let classifierRecord = data.classifier.record {
            record["classifier_held_out_accuracy"] = String(classifierRecord.heldOutAccuracy)
            record["classifier_held_out_count"] = String(classifierRecord.heldOutCount)
            record["classifier_training_source"] = classifierRecord.trainingSource
            record["classifier_training_seconds"] = String(classifierRecord.trainingSeconds)
        }
        if let floor = data.realFloorFrechet { record["frechet_real_vs_real"] = String(floor) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(String(decoding: try encoder.encode(record), as: UTF8.self) + "\n",
                             to: folder.appendingPathComponent("image-evaluation.json"))
    }
}
