import Foundation
import MinimaxData
import MinimaxGAN

/// Tiny image data for the image tests: `perClass` 28×28 images of each of 10 classes, class k
/// a bright horizontal bar on rows 2k + 3 … 2k + 5 over a dark background, with a little
/// per-image variation (a column offset), so a classifier can learn it in a few steps.
enum ImageTestSupport {
    static func tinyDigits(perClass: Int = 4, name: String = "tiny-digits") -> ImageDataset {
        var pixels: [UInt8] = []
        var labels: [Int] = []
        for index in 0..<(10 * perClass) {
            let label = index % 10
            var image = [UInt8](repeating: 0, count: 28 * 28)
            for row in (2 * label + 3)...(2 * label + 5) {
                for column in (4 + index / 10)..<(22 + index / 10) { image[row * 28 + column] = 255 }
            }
            pixels += image
            labels.append(label)
        }
        return ImageDataset(name: name, split: .train, source: "synthetic bars (test)", channels: 1, height: 28, width: 28,
                            classCount: 10, images: ImageDataset.scaled(pixels), labels: labels)
    }

    /// A DCGAN spec at width 4 with every interval tiny.
    static func tinySpec(conditional: Bool = false) -> ExperimentSpec {
        var spec = ExperimentSpec(name: "tiny-image")
        spec.data = .mnist5k
        spec.conditional = conditional
        spec.generator = GeneratorSpec(kind: .dcgan, noiseDim: 8, width: 4)
        spec.discriminator = DiscriminatorSpec(kind: .dcgan, width: 4, batchNorm: true)
        spec.batchSize = 8
        spec.steps = 4
        spec.evalEvery = 2
        spec.evalSamples = 20
        spec.snapshotEvery = 2
        spec.checkpointEvery = 2
        spec.metrics = [.classCoverage, .frechet, .energy]
        spec.charts = [.samples, .evolution, .losses, .gradients]
        return spec
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("minimax-image-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func text(_ folder: URL, _ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    /// A classifier trained for one epoch on `tinyDigits()` (a few Adam steps; not accurate, but real).
    static func tinyClassifier() -> EvaluationClassifier {
        EvaluationClassifier.train(on: tinyDigits(), seed: 0, settings: ClassifierTraining(epochs: 1, batchSize: 8, maxShift: 1))
    }
}
