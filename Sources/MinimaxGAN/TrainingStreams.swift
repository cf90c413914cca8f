import MinimaxTensor

/// The named random streams of one training run, all derived from the run seed.
///
/// Each consumer owns a stream, so switching a stabilizer on (which draws instance noise or
/// interpolation weights) never changes the data or noise the other consumers see, and
/// evaluation, which draws only from `"eval/…"` streams created afresh, never moves these.
/// Parameters are initialised by `Module.initialize(seed:)` (streams `"init.<dotted name>"`)
/// with the seeds splitmix64(seed ⊕ FNV-1a("generator")) and splitmix64(seed ⊕ FNV-1a("discriminator")),
/// so G's and D's initial weights never share a stream.
public struct TrainingStreams: Sendable {
    /// Real training batches.
    public var data: RandomStream
    /// Generator noise z for discriminator and generator steps.
    public var noise: RandomStream
    /// Instance noise added to D's inputs.
    public var instanceNoise: RandomStream
    /// WGAN-GP's interpolation weights ε.
    public var gradientPenalty: RandomStream
    /// Real batches and noise of the unrolled discriminator steps.
    public var unrolled: RandomStream
    /// Class labels of a conditional GAN's fakes in generator steps.
    public var labels: RandomStream

    /// D's dropout layers own their streams, `"dropout/<layer index>"`, saved with checkpoints.
    public static let names = ["data", "noise", "instance-noise", "gradient-penalty", "unrolled", "labels"]

    public init(seed: UInt64) {
        data = RandomStream(seed: seed, name: "data")
        noise = RandomStream(seed: seed, name: "noise")
        instanceNoise = RandomStream(seed: seed, name: "instance-noise")
        gradientPenalty = RandomStream(seed: seed, name: "gradient-penalty")
        unrolled = RandomStream(seed: seed, name: "unrolled")
        labels = RandomStream(seed: seed, name: "labels")
    }

    /// Every stream's position, keyed by stream name (what a checkpoint stores).
    public var states: [String: RandomStream.State] {
        ["data": data.state, "noise": noise.state, "instance-noise": instanceNoise.state,
         "gradient-penalty": gradientPenalty.state, "unrolled": unrolled.state, "labels": labels.state]
    }

    /// Streams restored from `states`; throws when one is missing or does not belong to `seed`.
    public init(seed: UInt64, states: [String: RandomStream.State]) throws {
        func restore(_ name: String) throws -> RandomStream {
            guard let state = states[name] else {
                throw GANSetupError("checkpoint", "has no state for the random stream '\(name)'")
            }
            guard state.seed == seed, state.name == name else {
                throw GANSetupError("checkpoint", "stream '\(name)' was saved for seed \(state.seed) and name '\(state.name)', not seed \(seed)")
            }
            return try RandomStream(state: state)
        }
        data = try restore("data")
        noise = try restore("noise")
        instanceNoise = try restore("instance-noise")
        gradientPenalty = try restore("gradient-penalty")
        unrolled = try restore("unrolled")
        labels = try restore("labels")
    }
}
