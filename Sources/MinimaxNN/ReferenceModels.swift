import MinimaxTensor

/// The networks of the reference workloads (the benchmarks and parity tests use these):
///
/// - `toy2d` (also the networks of `toy2d-wgangp`): z ∈ R^16 →
///   G = Linear(16,256)-ReLU-Linear(256,256)-ReLU-Linear(256,256)-ReLU-Linear(256,2),
///   D = Linear(2,256)-LeakyReLU(0.2)-Linear(256,256)-LeakyReLU(0.2)-Linear(256,256)-LeakyReLU(0.2)-Linear(256,1).
/// - `dcgan-mnist`: 1×28×28 images, z ∈ R^64, width w = 64 →
///   G = Linear(64, 2w·7·7)-BatchNorm1d-ReLU → reshape (2w, 7, 7) → ConvTranspose2d(2w, w, 4, 2, 1)-BatchNorm2d-ReLU
///       → ConvTranspose2d(w, 1, 4, 2, 1)-Tanh,
///   D = Conv2d(1, w, 4, 2, 1)-LeakyReLU(0.2) → Conv2d(w, 2w, 4, 2, 1)-BatchNorm2d-LeakyReLU(0.2) → Flatten → Linear(2w·7·7, 1);
///   all with bias, batch norm eps 1e-5 and momentum 0.1.
///
/// `hiddenWidth` (toy2d, default 256) and `width` (dcgan-mnist, default 64) narrow the
/// networks for small tests and fixtures without changing their structure.
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

    public static let dcganMNISTNoiseDimension = 64

    /// The DCGAN generator for 28×28 MNIST: z → `[N, 1, 28, 28]` in (−1, 1).
    public static func dcganMNISTGenerator(noiseDimension: Int = dcganMNISTNoiseDimension, width w: Int = 64) -> Sequential {
        Sequential {
            Linear(noiseDimension, 2 * w * 49); BatchNorm1d(2 * w * 49); ReLU()
            Reshape([2 * w, 7, 7])
            ConvTranspose2d(2 * w, w, kernelSize: 4, stride: 2, padding: 1); BatchNorm2d(w); ReLU()
            ConvTranspose2d(w, 1, kernelSize: 4, stride: 2, padding: 1); Tanh()
        }
    }

    /// The DCGAN discriminator for 28×28 MNIST: `[N, 1, 28, 28]` → one logit per image.
    public static func dcganMNISTDiscriminator(width w: Int = 64) -> Sequential {
        Sequential {
            Conv2d(1, w, kernelSize: 4, stride: 2, padding: 1); LeakyReLU(0.2)
            Conv2d(w, 2 * w, kernelSize: 4, stride: 2, padding: 1); BatchNorm2d(2 * w); LeakyReLU(0.2)
            Flatten()
            Linear(2 * w * 49, 1)
        }
    }
}
