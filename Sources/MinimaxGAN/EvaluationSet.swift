import MinimaxData
import MinimaxTensor

/// The fixed inputs of every evaluation: `eval_samples` noise vectors (stream `"eval/noise"`)
/// and as many real samples (stream `"eval/data"`), drawn once from the seed. The same z at
/// every snapshot makes the evolution of G(z) a smooth animation, and evaluation never draws
/// from a training stream, so it cannot change the training trajectory. For image data only the
/// noise is used (`ImageData` holds the image evaluation); `real` is empty, `modes` nil and
/// `box` the unit square.
struct EvaluationSet {
    let noise: Tensor
    let real: [Float]
    let modes: [Mode]?
    let box: BoundingBox

    init(spec: ExperimentSpec, seed: UInt64, distribution: ToyDistribution?) {
        var noiseStream = RandomStream(seed: seed, name: "eval/noise")
        var dataStream = RandomStream(seed: seed, name: "eval/data")
        noise = spec.generator.noise.sample(count: spec.evalSamples, dimension: spec.generator.noiseDim, stream: &noiseStream)
        real = distribution?.sample(count: spec.evalSamples, stream: &dataStream) ?? []
        modes = distribution?.modes
        box = distribution?.boundingBox ?? BoundingBox(minX: 0, maxX: 1, minY: 0, maxY: 1)
    }
}
