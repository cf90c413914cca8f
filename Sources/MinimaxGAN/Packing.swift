import MinimaxTensor

/// PacGAN packing (Lin et al. 2018): D judges `degree` samples at once.
///
/// A batch [B, d…] becomes [B/m, m·d]: consecutive samples are concatenated into one input row
/// (row-major reshape, so row j holds samples jm … jm + m − 1). Real and fake packs are never
/// mixed. With m = 1 the samples are only flattened.
public enum Packing {
    public static func packed(_ samples: Tensor, degree: Int) -> Tensor {
        precondition(degree >= 1, "packing degree must be at least 1, got \(degree)")
        precondition(samples.rank >= 1 && samples.shape[0] % degree == 0,
                     "packing: batch of \(samples.shape.first ?? 0) is not a multiple of the packing degree \(degree)")
        let features = samples.shape.dropFirst().reduce(1, *)
        return samples.reshaped([samples.shape[0] / degree, degree * features])
    }

    /// PacGAN for images: `[B, C, H, W]` becomes `[B/m, m·C, H, W]`, the m consecutive images of
    /// a pack concatenated along channels (again a row-major reshape).
    public static func packedAlongChannels(_ images: Tensor, degree: Int) -> Tensor {
        precondition(degree >= 1, "packing degree must be at least 1, got \(degree)")
        precondition(images.rank == 4 && images.shape[0] % degree == 0,
                     "packing: images of shape \(images.shape) are not a batch that is a multiple of the packing degree \(degree)")
        return images.reshaped([images.shape[0] / degree, degree * images.shape[1], images.shape[2], images.shape[3]])
    }
}
