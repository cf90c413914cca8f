import Foundation
import MinimaxData
import MinimaxNN
import MinimaxTensor

extension EvaluationClassifier {
    /// The cache file of a classifier: `<folder>/classifiers/<key>-seed<seed>-<architectureVersion>.safetensors`,
    /// where `folder` is normally `DataDirectory.fromEnvironment()` and `key` names the training
    /// data exactly (`mnist-5k`, `mnist`, `fashion-mnist`).
    public static func cacheFile(key: String, seed: UInt64, dataFolder: URL) -> URL {
        dataFolder.appendingPathComponent("classifiers", isDirectory: true)
            .appendingPathComponent("\(key)-seed\(seed)-\(architectureVersion).safetensors")
    }

    /// The cached classifier for `key` and `seed`, or one trained now on `train` (and saved
    /// atomically) when the cache file is missing. Its held-out accuracy on `test` is measured
    /// at training time and kept in the file's metadata (`heldOutAccuracy`).
    public static func loadOrTrain(key: String, train: ImageDataset, test: ImageDataset, seed: UInt64, dataFolder: URL,
                                   settings: ClassifierTraining? = nil) throws -> EvaluationClassifier {
        let file = cacheFile(key: key, seed: seed, dataFolder: dataFolder)
        if FileManager.default.fileExists(atPath: file.path) { return try load(from: file) }
        let clock = ContinuousClock()
        let started = clock.now
        let classifier = EvaluationClassifier.train(on: train, seed: seed, settings: settings ?? .recommended(trainingCount: train.count))
        let elapsed = clock.now - started
        classifier.record = Record(
            key: key, seed: seed, heldOutAccuracy: classifier.accuracy(on: test), heldOutCount: test.count,
            trainingSource: train.source,
            trainingSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try classifier.save(to: file)
        return classifier
    }

    /// Writes the weights and `record` (as metadata) to a safetensors file, atomically.
    public func save(to file: URL) throws {
        var metadata = ["architecture": Self.architectureVersion, "input_channels": String(inputChannels),
                        "class_count": String(classCount)]
        if let record {
            metadata["key"] = record.key
            metadata["seed"] = String(record.seed)
            metadata["held_out_accuracy"] = String(record.heldOutAccuracy)
            metadata["held_out_count"] = String(record.heldOutCount)
            metadata["training_source"] = record.trainingSource
            metadata["training_seconds"] = String(record.trainingSeconds)
        }
        try Checkpoint.save(tensors: stateDict(), metadata: metadata, to: file)
    }

    /// A classifier saved by `save(to:)`; throws if the file is of another architecture.
    public static func load(from file: URL) throws -> EvaluationClassifier {
        let (tensors, metadata) = try Checkpoint.load(from: file)
        guard metadata["architecture"] == architectureVersion else {
            throw GANSetupError(file.path, "holds a classifier of architecture '\(metadata["architecture"] ?? "none")', expected '\(architectureVersion)'")
        }
        guard let channels = metadata["input_channels"].flatMap(Int.init), let classes = metadata["class_count"].flatMap(Int.init),
              channels >= 1, classes >= 2 else {
            throw GANSetupError(file.path, "has no valid input_channels/class_count metadata")
        }
        let classifier = EvaluationClassifier(inputChannels: channels, classCount: classes)
        try classifier.loadStateDict(tensors)
        if let key = metadata["key"], let seed = metadata["seed"].flatMap(UInt64.init),
           let accuracy = metadata["held_out_accuracy"].flatMap(Double.init) {
            classifier.record = Record(key: key, seed: seed, heldOutAccuracy: accuracy,
                                       heldOutCount: metadata["held_out_count"].flatMap(Int.init) ?? 0,
                                       trainingSource: metadata["training_source"] ?? "",
                                       trainingSeconds: metadata["training_seconds"].flatMap(Double.init) ?? .nan)
        }
        return classifier
    }
}
