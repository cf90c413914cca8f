import MinimaxTensor

/// Which part of a dataset: the official train/test split of the IDX sets, or the fixed
/// train/held-out split of the 5,000-digit subset (`test` = held out).
public enum DatasetSplit: String, CaseIterable, Sendable, Codable {
    case train, test
}

/// A labelled image set in memory: pixels scaled from 0…255 to [-1, 1] (`p / 127.5 − 1`, the
/// range of a tanh generator), stored row-major as `count × channels × height × width`.
public struct ImageDataset: Sendable {
    /// The dataset's name, e.g. `mnist`, `mnist-5k`, `fashion-mnist`.
    public let name: String
    public let split: DatasetSplit
    /// Where the images came from, for run reports (files, subset or full set, split sizes).
    public let source: String
    public let channels: Int
    public let height: Int
    public let width: Int
    public let classCount: Int
    public let images: [Float]
    public let labels: [Int]

    public init(name: String, split: DatasetSplit, source: String, channels: Int, height: Int, width: Int,
                classCount: Int, images: [Float], labels: [Int]) {
        precondition(channels > 0 && height > 0 && width > 0, "image shape must be positive")
        precondition(images.count == labels.count * channels * height * width,
                     "\(images.count) pixels do not make \(labels.count) images of \(channels)×\(height)×\(width)")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "labels must lie in 0..<\(classCount)")
        self.name = name
        self.split = split
        self.source = source
        self.channels = channels
        self.height = height
        self.width = width
        self.classCount = classCount
        self.images = images
        self.labels = labels
    }

    public var count: Int { labels.count }
    /// Values per image: channels × height × width.
    public var imageSize: Int { channels * height * width }

    /// Images (row-major `[indices.count, channels, height, width]`) and labels at `indices`, in order.
    public func batch<Indices: Collection>(_ indices: Indices) -> (images: [Float], labels: [Int]) where Indices.Element == Int {
        let size = imageSize
        var batchImages = [Float](repeating: 0, count: indices.count * size)
        var batchLabels = [Int]()
        batchLabels.reserveCapacity(indices.count)
        images.withUnsafeBufferPointer { source in
            batchImages.withUnsafeMutableBufferPointer { destination in
                for (row, index) in indices.enumerated() {
                    precondition((0..<count).contains(index), "image index \(index) out of 0..<\(count)")
                    let from = UnsafeBufferPointer(rebasing: source[index * size..<(index + 1) * size])
                    _ = UnsafeMutableBufferPointer(rebasing: destination[row * size..<(row + 1) * size]).initialize(from: from)
                    batchLabels.append(labels[index])
                }
            }
        }
        return (batchImages, batchLabels)
    }

    /// A shuffled order of all indices for one epoch (a Fisher–Yates permutation from `stream`).
    public func epochOrder(stream: inout RandomStream) -> [Int] {
        stream.permutation(count)
    }

    /// How many images carry each label (index = label).
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// Converts 0…255 pixels to [-1, 1].
    public static func scaled(_ pixels: [UInt8]) -> [Float] {
        [Float](unsafeUninitializedCapacity: pixels.count) { output, initialized in
            pixels.withUnsafeBufferPointer { input in
                for index in input.indices { output[index] = Float(input[index]) / 127.5 - 1 }
            }
            initialized = pixels.count
        }
    }
}
