import Foundation
import MinimaxNN
import MinimaxTensor

/// `checkpoints/latest.safetensors`: everything a resumed run needs to continue bit-identically.
///
/// Tensors: `generator.<parameter or buffer>`, `discriminator.<…>`, and the optimizers' state
/// under `optimizer.generator.<…>` / `optimizer.discriminator.<…>`. Metadata (JSON strings):
/// `step`, `seed`, `spec_hash` (a checkpoint of another spec or seed is refused), `streams`
/// (every `TrainingStreams` position) and `dropout_streams` (the streams of D's dropout layers).
extension GANTrainer {
    func saveCheckpoint() throws {
        var tensors: [String: Tensor] = [:]
        for (name, parameter) in generator.namedParameters() { tensors["generator.\(name)"] = parameter.value.detached() }
        for (name, buffer) in generator.namedBuffers() { tensors["generator.\(name)"] = buffer.value }
        for (name, parameter) in discriminator.namedParameters() { tensors["discriminator.\(name)"] = parameter.value.detached() }
        for (name, buffer) in discriminator.namedBuffers() { tensors["discriminator.\(name)"] = buffer.value }
        for (name, tensor) in try OptimizerState.tensors(of: generatorOptimizer) { tensors["optimizer.generator.\(name)"] = tensor }
        for (name, tensor) in try OptimizerState.tensors(of: discriminatorOptimizer) { tensors["optimizer.discriminator.\(name)"] = tensor }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let metadata = [
            "step": String(step),
            "seed": String(seed),
            "spec_hash": spec.specHash,
            "streams": String(decoding: try encoder.encode(streams.states), as: UTF8.self),
            "dropout_streams": String(decoding: try encoder.encode(dropoutStreamStates), as: UTF8.self),
        ]
        try AtomicFile.write(Safetensors.encode(tensors, metadata: metadata), to: checkpointFile)
    }

    /// Restores the state saved by `saveCheckpoint` and returns its step.
    func loadCheckpoint() throws -> Int {
        let file = checkpointFile.path
        let (tensors, metadata) = try Safetensors.decode(Data(contentsOf: checkpointFile), file: file)
        guard metadata["spec_hash"] == spec.specHash, metadata["seed"] == String(seed) else {
            throw GANSetupError(file, "was written for another spec or seed (spec_hash \(metadata["spec_hash"] ?? "none"), seed \(metadata["seed"] ?? "none"))")
        }
        guard let stepText = metadata["step"], let savedStep = Int(stepText), (0...spec.steps).contains(savedStep) else {
            throw GANSetupError(file, "has no valid step")
        }
        func restore(_ prefix: String, _ module: Module) throws {
            for (name, parameter) in module.namedParameters() {
                parameter.assign(try Self.tensor(tensors, "\(prefix).\(name)", shape: parameter.shape, file: file).scalars)
            }
            for (name, buffer) in module.namedBuffers() {
                buffer.value = try Self.tensor(tensors, "\(prefix).\(name)", shape: buffer.value.shape, file: file)
            }
        }
        try restore("generator", generator)
        try restore("discriminator", discriminator)
        try OptimizerState.load(generatorOptimizer, from: Self.subset(tensors, prefix: "optimizer.generator."), file: file)
        try OptimizerState.load(discriminatorOptimizer, from: Self.subset(tensors, prefix: "optimizer.discriminator."), file: file)
        let decoder = JSONDecoder()
        guard let streamText = metadata["streams"], let dropoutText = metadata["dropout_streams"] else {
            throw GANSetupError(file, "has no random stream states")
        }
        streams = try TrainingStreams(seed: seed, states: decoder.decode([String: RandomStream.State].self, from: Data(streamText.utf8)))
        let dropoutStates = try decoder.decode([RandomStream.State].self, from: Data(dropoutText.utf8))
        try restoreDropoutStreams(dropoutStates, file: file)
        step = savedStep
        return savedStep
    }

    static func tensor(_ tensors: [String: Tensor], _ name: String, shape: [Int], file: String) throws -> Tensor {
        guard let tensor = tensors[name] else { throw GANSetupError(file, "has no tensor '\(name)'") }
        guard tensor.shape == shape else { throw GANSetupError(file, "tensor '\(name)' has shape \(tensor.shape), the model needs \(shape)") }
        return tensor
    }

    static func subset(_ tensors: [String: Tensor], prefix: String) -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for (name, tensor) in tensors where name.hasPrefix(prefix) { result[String(name.dropFirst(prefix.count))] = tensor }
        return result
    }
}
