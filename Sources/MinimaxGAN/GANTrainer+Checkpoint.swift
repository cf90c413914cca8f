import Foundation
import MinimaxData
import MinimaxNN
import MinimaxTensor

/// `checkpoints/latest.safetensors` (`MinimaxNN.Checkpoint`, written atomically): everything
/// a resumed run needs to continue bit-identically.
///
/// Tensors: `generator.<parameter or buffer>`, `discriminator.<…>` (`Module.stateDict`: batch-norm
/// running statistics and spectral norm's u, v included) and the optimizers' state
/// (`Optimizer.stateTensors`) under `optimizer.generator.` / `optimizer.discriminator.`.
/// Metadata: `step`, `seed`, `spec_hash` (a checkpoint of another spec or seed is refused),
/// `streams` (JSON of every `TrainingStreams` position) and `dropout_streams` (JSON list of the
/// positions of D's dropout mask streams) and, for image runs, `sampler` (JSON of the batch
/// sampler's epoch and position).
extension GANTrainer {
    func saveCheckpoint() throws {
        var tensors = generator.stateDict(prefix: "generator.")
        tensors.merge(discriminator.stateDict(prefix: "discriminator.")) { first, _ in first }
        for (name, tensor) in generatorOptimizer.stateTensors() { tensors["optimizer.generator.\(name)"] = tensor }
        for (name, tensor) in discriminatorOptimizer.stateTensors() { tensors["optimizer.discriminator.\(name)"] = tensor }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var metadata = [
            "step": String(step),
            "seed": String(seed),
            "spec_hash": spec.specHash,
            "streams": String(decoding: try encoder.encode(streams.states), as: UTF8.self),
            "dropout_streams": String(decoding: try encoder.encode(discriminator.dropoutLayers.map(\.stream.state)), as: UTF8.self),
        ]
        if let imageData {
            metadata["sampler"] = String(decoding: try encoder.encode(imageData.sampler.state), as: UTF8.self)
        }
        try Checkpoint.save(tensors: tensors, metadata: metadata, to: checkpointFile)
    }

    /// Restores the state saved by `saveCheckpoint` and returns its step.
    func loadCheckpoint() throws -> Int {
        let file = checkpointFile.path
        let (tensors, metadata) = try Checkpoint.load(from: checkpointFile)
        guard metadata["spec_hash"] == spec.specHash, metadata["seed"] == String(seed) else {
            throw GANSetupError(file, "was written for another spec or seed (spec_hash \(metadata["spec_hash"] ?? "none"), seed \(metadata["seed"] ?? "none"); this run has \(spec.specHash), seed \(seed))")
        }
        guard let stepText = metadata["step"], let savedStep = Int(stepText), (0...spec.steps).contains(savedStep) else {
            throw GANSetupError(file, "has no valid step")
        }
        guard let streamText = metadata["streams"], let dropoutText = metadata["dropout_streams"] else {
            throw GANSetupError(file, "has no random stream states")
        }
        let decoder = JSONDecoder()
        let restoredStreams = try TrainingStreams(seed: seed, states: decoder.decode([String: RandomStream.State].self, from: Data(streamText.utf8)))
        let dropoutStates = try decoder.decode([RandomStream.State].self, from: Data(dropoutText.utf8))
        var samplerState: BatchSampler.State?
        if imageData != nil {
            guard let samplerText = metadata["sampler"] else { throw GANSetupError(file, "has no batch sampler state") }
            samplerState = try decoder.decode(BatchSampler.State.self, from: Data(samplerText.utf8))
        }
        let dropoutLayers = discriminator.dropoutLayers
        guard dropoutStates.count == dropoutLayers.count else {
            throw GANSetupError(file, "has \(dropoutStates.count) dropout streams for \(dropoutLayers.count) dropout layers")
        }
        try generator.loadStateDict(tensors, prefix: "generator.")
        try discriminator.loadStateDict(tensors, prefix: "discriminator.")
        try generatorOptimizer.load(state: Self.subset(tensors, prefix: "optimizer.generator."))
        try discriminatorOptimizer.load(state: Self.subset(tensors, prefix: "optimizer.discriminator."))
        for (layer, state) in zip(dropoutLayers, dropoutStates) { layer.stream = try RandomStream(state: state) }
        streams = restoredStreams
        if let imageData, let samplerState {
            imageData.sampler = BatchSampler(count: imageData.sampler.count, batchSize: imageData.sampler.batchSize,
                                             dropLast: true, stream: imageData.sampler.stream, state: samplerState)
        }
        step = savedStep
        return savedStep
    }

    static func subset(_ tensors: [String: Tensor], prefix: String) -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for (name, tensor) in tensors where name.hasPrefix(prefix) { result[String(name.dropFirst(prefix.count))] = tensor }
        return result
    }
}
