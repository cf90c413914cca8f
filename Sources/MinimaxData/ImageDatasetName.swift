import Foundation

/// The image datasets Minimax can load by name (the names specs and `minimax data` use).
public enum ImageDatasetName: String, CaseIterable, Sendable, Codable {
    /// Full MNIST from the four IDX files in the data folder if present, else the 5k subset.
    case mnist
    /// The 5,000-digit subset `mnist_5k.csv.gz`, split 4,500 train / 500 held out.
    case mnist5k = "mnist-5k"
    /// Fashion-MNIST from Debian's `dataset-fashion-mnist` (official 60k/10k split).
    case fashionMNIST = "fashion-mnist"
}

/// Where the image datasets' files live.
public struct DatasetLocations: Equatable, Sendable {
    public var dataDirectory: DataDirectory
    /// Folder with Fashion-MNIST's four `.gz` IDX files.
    public var fashionMNISTFolder: String

    public static let defaultFashionMNISTFolder = "/usr/share/datasets/fashion-mnist"

    public init(dataDirectory: DataDirectory = .fromEnvironment(), fashionMNISTFolder: String = DatasetLocations.defaultFashionMNISTFolder) {
        self.dataDirectory = dataDirectory
        self.fashionMNISTFolder = fashionMNISTFolder
    }

    /// IDX file base names for a split: `train-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, ….
    public static func idxBaseNames(_ split: DatasetSplit) -> (images: String, labels: String) {
        let prefix = split == .train ? "train" : "t10k"
        return (prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte")
    }

    /// `folder/base.gz` if it exists, else `folder/base` if it exists, else nil.
    public static func existingFile(folder: String, base: String) -> String? {
        for candidate in [folder + "/" + base + ".gz", folder + "/" + base] where fileExists(candidate) { return candidate }
        return nil
    }

    /// The four full-MNIST IDX files in the data folder, or nil unless all four are there.
    public var fullMNISTFiles: [DatasetSplit: (images: String, labels: String)]? {
        var files = [DatasetSplit: (images: String, labels: String)]()
        for split in DatasetSplit.allCases {
            let names = Self.idxBaseNames(split)
            guard let images = Self.existingFile(folder: dataDirectory.path, base: names.images),
                  let labels = Self.existingFile(folder: dataDirectory.path, base: names.labels) else { return nil }
            files[split] = (images, labels)
        }
        return files
    }

    public var mnistSubsetFile: String { dataDirectory.file(MNISTSubsetCSV.fileName) }
}

func fileExists(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
}
