import MinimaxTensor

/// The networks of the reference workloads (the benchmarks and parity tests use these):
///
/// - `toy2d` (also the networks of `toy2d-wgangp`): z ∈ R^16 →
///   G = Linear(16,256)-ReLU-Linear(256,256)-ReLU-Linear(256,256)-ReLU-Linear(256,2),
///   D = Linear(2,256)-LeakyReLU(0.2)-Linear(256,256)-LeakyReLU(0.2)-Linear(256,256)-LeakyReLU(0.2)-Linear(256,1).
///
/// `hiddenWidth` (default 256) narrows the hidden layers for small tests and fixtures.
public enum ReferenceModels {
    public static let toy2dNoiseDimension = 16

    /// The toy-2D generator: z ∈ R^16 → a point in R^2.
    public static func toy2dGenerator(hiddenWidth h: Int = 256) -> Sequential {
        Sequential {
            Linear(toy2dNoiseDimension, h); ReLU()
            Linear(h, h); ReLU()
            Linear(h, h); ReLU()
            Linear(h, 2)
        }
    }

    /// The toy-2D discriminator: a point in R^2 → one logit.
    public static func toy2dDiscriminator(hiddenWidth h: Int = 256) -> Sequential {
        Sequential {
            Linear(2, h); LeakyReLU(0.2)
            Linear(h, h); LeakyReLU(0.2)
            Linear(h, h); LeakyReLU(0.2)
            Linear(h, 1)
        }
    }
}
