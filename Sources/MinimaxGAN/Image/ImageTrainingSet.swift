import Foundation
import MinimaxData
import MinimaxTensor

/// The real images an image GAN trains on: one of the MNIST-family sets, or Stacked MNIST
/// assembled from digits. Both give `[n, C, 28, 28]` batches in [−1, 1] with class labels.
public enum ImageTrainingSet: Sendable {
    case images(ImageDataset)
    case stacked(StackedMNIST)

    /// Stacked images in a training set (Stacked MNIST draws its triples once, from the seed).
    public static let stackedTrainingCount = 60_000

    public var count: Int {
        switch self {
        case let .images(set): return set.count
        case let .stacked(set): return set.count
        }
    }

    public var channels: Int {
        switch self {
        case let .images(set): return set.channels
        case .stacked: return 3
        }
    }

    public var height: Int {
        switch self {
        case let .images(set): return set.height
        case let .stacked(set): return set.height
        }
    }

    public var width: Int {
        switch self {
        case let .images(set): return set.width
        case let .stacked(set): return set.width
        }
    }

    /// Values per image (C·H·W).
    public var imageSize: Int { channels * height * width }

    /// Classes of the labels: 10 for the image sets, 1,000 for Stacked MNIST.
    public var classCount: Int {
        switch self {
        case let .images(set): return set.classCount
        case let .stacked(set): return set.classCount
        }
    }

    /// Where the images came from (files, subset or full set), for the run folder.
    public var source: String {
        switch self {
        case let .images(set): return set.source
        case let .stacked(set): return set.source
        }
    }

    /// The one-channel, labelled set the evaluation classifier learns from: the set itself,
    /// or Stacked MNIST's base digits (each channel is classified on its own).
    public var classifierSet: ImageDataset {
        switch self {
        case let .images(set): return set
        case let .stacked(set): return set.base
        }
    }

    /// Images and labels at `indices`.
    public func batch(_ indices: [Int]) -> (images: [Float], labels: [Int]) {
        switch self {
        case let .images(set): return set.batch(indices)
        case let .stacked(set): return set.batch(indices)
        }
    }

    /// The data's class frequencies (Stacked MNIST: uniform over its 1,000 modes, as drawn).
    public var classDistribution: [Double] {
        switch self {
        case let .images(set):
            return set.classCounts.map { Double($0) / Double(max(set.count, 1)) }
        case let .stacked(set):
            return [Double](repeating: 1 / Double(set.classCount), count: set.classCount)
        }
    }

    /// Loads the training set a spec's `data` names (nil for toy data). Stacked MNIST draws its
    /// `stackedTrainingCount` triples from stream `"stacked-mnist"` of `seed`, using the digits
    /// of `mnist` (full MNIST if present, else the 5k subset).
    public static func load(_ data: DataSpec, seed: UInt64, locations: DatasetLocations = DatasetLocations()) throws -> ImageTrainingSet? {
        switch data {
        case .mnist: return .images(try ImageDataset.load(.mnist, split: .train, locations: locations))
        case .mnist5k: return .images(try ImageDataset.load(.mnist5k, split: .train, locations: locations))
        case .fashionMNIST: return .images(try ImageDataset.load(.fashionMNIST, split: .train, locations: locations))
        case .stackedMNIST:
            let digits = try ImageDataset.load(.mnist, split: .train, locations: locations)
            var stream = RandomStream(seed: seed, name: "stacked-mnist")
            return .stacked(StackedMNIST(base: digits, count: stackedTrainingCount, stream: &stream))
        default: return nil
        }
    }

    /// The classifier cache key of a one-channel set: its name, except that `mnist` loaded from
    /// the 5k subset is the `mnist-5k` data exactly and shares its classifier.
    public static func classifierKey(_ set: ImageDataset) -> String {
        if set.name == ImageDatasetName.mnist.rawValue && set.source.hasPrefix("MNIST 5k subset") { return ImageDatasetName.mnist5k.rawValue }
        return set.name
    }

    /// The held-out split of `set` (5k subset: its 500 held-out digits; IDX sets: the test split).
    public static func heldOut(of set: ImageDataset, locations: DatasetLocations = DatasetLocations()) throws -> ImageDataset {
        let key = classifierKey(set)
        guard let name = ImageDatasetName(rawValue: key) else {
            throw GANSetupError("data.kind", "no held-out split is known for \(set.name)")
        }
        return try ImageDataset.load(name, split: .test, locations: locations)
    }
}
