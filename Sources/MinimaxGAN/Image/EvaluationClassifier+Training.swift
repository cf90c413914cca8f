import MinimaxData
import MinimaxNN
import MinimaxTensor

extension EvaluationClassifier {
    /// A classifier trained on `dataset` with softmax cross-entropy (`ClassifierTraining`
    /// documents the recipe). Everything random comes from `seed`: initial weights (streams
    /// `init.*` of seed splitmix64(seed ⊕ FNV-1a("classifier"))), batch order (stream
    /// `classifier/data`) and shifts (stream `classifier/shift`), so the result is reproducible.
    public static func train(on dataset: ImageDataset, seed: UInt64, settings: ClassifierTraining) -> EvaluationClassifier {
        precondition(dataset.height == 28 && dataset.width == 28, "EvaluationClassifier: needs 28×28 images, \(dataset.name) has \(dataset.height)×\(dataset.width)")
        let classifier = EvaluationClassifier(inputChannels: dataset.channels, classCount: dataset.classCount)
        classifier.initialize(seed: StableHash.splitmix64(seed ^ StableHash.fnv1a64("classifier")))
        let optimizer = Adam(classifier.parameters(), learningRate: settings.learningRate)
        let batchSize = min(settings.batchSize, dataset.count)
        var sampler = BatchSampler(count: dataset.count, batchSize: batchSize, dropLast: true,
                                   stream: RandomStream(seed: seed, name: "classifier/data"))
        var shiftStream = RandomStream(seed: seed, name: "classifier/shift")
        for _ in 0..<(settings.epochs * sampler.batchesPerEpoch) {
            let batch = dataset.batch(sampler.next())
            let images = settings.maxShift > 0
                ? shifted(batch.images, channels: dataset.channels, maxShift: settings.maxShift, stream: &shiftStream)
                : batch.images
            let input = Tensor(shape: [batchSize, dataset.channels, 28, 28], scalars: images)
            classifier.zeroGradients()
            Loss.crossEntropy(logits: classifier(input), labels: batch.labels).backward()
            optimizer.step()
        }
        return classifier
    }

    /// Each 28×28 image moved by (dx, dy) ∈ [−maxShift, maxShift]², one draw pair per image;
    /// pixels moved in from outside are −1 (black background).
    static func shifted(_ images: [Float], channels: Int, maxShift: Int, stream: inout RandomStream) -> [Float] {
        let side = 28, size = channels * side * side
        let count = images.count / size
        var result = [Float](repeating: -1, count: images.count)
        images.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for image in 0..<count {
                    let dx = stream.nextInt(below: 2 * maxShift + 1) - maxShift
                    let dy = stream.nextInt(below: 2 * maxShift + 1) - maxShift
                    for channel in 0..<channels {
                        let base = image * size + channel * side * side
                        for y in max(0, dy)..<min(side, side + dy) {
                            for x in max(0, dx)..<min(side, side + dx) {
                                target[base + y * side + x] = source[base + (y - dy) * side + (x - dx)]
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
