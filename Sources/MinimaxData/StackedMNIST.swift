import MinimaxTensor

/// Stacked MNIST (Metz et al. 2017; VEEGAN; PacGAN): three digits drawn independently and
/// uniformly from a base digit set become the R, G, B channels of one 3×28×28 image, giving
/// 1,000 modes labelled `100·d₁ + 10·d₂ + d₃`.
///
/// Images are assembled on demand by `batch(_:)` from the base set, so a large stacked set costs
/// 3 indices per image rather than 9 KB.
public struct StackedMNIST: Sendable {
    public let base: ImageDataset
    /// Base-image indices, 3 per stacked image (channel 0, 1, 2).
    public let componentIndices: [Int]
    public let labels: [Int]
    public let classCount = 1000
    public let channels = 3

    /// `count` stacked images; channel draws are `stream.nextInt(below: base.count)` three times
    /// per image, in channel order.
    public init(base: ImageDataset, count: Int, stream: inout RandomStream) {
        precondition(base.channels == 1 && base.classCount == 10, "Stacked MNIST needs a one-channel, ten-class base set, got \(base.name)")
        precondition(base.count > 0 && count >= 0, "Stacked MNIST needs a non-empty base and count ≥ 0")
        self.base = base
        let components = (0..<3 * count).map { _ in stream.nextInt(below: base.count) }
        let digits = components.map { base.labels[$0] }
        componentIndices = components
        labels = (0..<count).map { 100 * digits[3 * $0] + 10 * digits[3 * $0 + 1] + digits[3 * $0 + 2] }
    }

    public var count: Int { labels.count }
    public var height: Int { base.height }
    public var width: Int { base.width }
    public var imageSize: Int { channels * base.imageSize }
    public var source: String { "Stacked MNIST: \(count) images, 3 channels drawn from \(base.source)" }

    /// Images (`[indices.count, 3, 28, 28]`) and 1000-class labels at `indices`, in order.
    public func batch<Indices: Collection>(_ indices: Indices) -> (images: [Float], labels: [Int]) where Indices.Element == Int {
        let components = indices.flatMap { index -> [Int] in
            precondition((0..<count).contains(index), "stacked image index \(index) out of 0..<\(count)")
            return Array(componentIndices[3 * index..<3 * index + 3])
        }
        // A batch of the base's single-channel images, in channel order, is exactly the stacked layout.
        return (base.batch(components).images, indices.map { labels[$0] })
    }
}
