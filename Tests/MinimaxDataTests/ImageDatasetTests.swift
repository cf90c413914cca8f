import Foundation
import MinimaxData
import MinimaxTensor
import Testing

@Suite struct ImageDatasetTests {
    /// 20 rows per class: the held-out part is 2 per class (10%), disjoint from train, fixed.
    @Test func subsetSplitIsStratifiedAndFixed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let rows = (0..<200).map { (pixel: $0, label: $0 / 20) }
        let path = try folder.writeGzip("mnist_5k.csv.gz", subsetCSV(rows: rows.map { ($0.pixel % 256, $0.label) }))
        let train = try ImageDataset.loadSubset(path: path, split: .train)
        let test = try ImageDataset.loadSubset(path: path, split: .test)
        #expect(train.count == 180 && test.count == 20)
        #expect(train.classCounts == Array(repeating: 18, count: 10))
        #expect(test.classCounts == Array(repeating: 2, count: 10))
        // Each row has a distinct pixel value, so first pixels identify rows.
        let trainRows = Set((0..<train.count).map { train.images[$0 * 784] })
        let testRows = Set((0..<test.count).map { test.images[$0 * 784] })
        #expect(trainRows.isDisjoint(with: testRows) && trainRows.count + testRows.count == 200)
        #expect(ImageDataset.subsetHeldOut(labels: rows.map(\.label)) == ImageDataset.subsetHeldOut(labels: rows.map(\.label)))
        #expect(train.source.contains("180 of 200") && train.source.contains(path))
    }

    @Test func mnistFallsBackToTheSubsetAndSaysSo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.writeGzip("mnist_5k.csv.gz", subsetCSV(rows: (0..<30).map { (0, $0 % 10) }))
        let locations = DatasetLocations(dataDirectory: DataDirectory(path: folder.path), fashionMNISTFolder: folder.file("no-fashion"))
        let fallback = try ImageDataset.load(.mnist, split: .train, locations: locations)
        #expect(fallback.source.contains("5k subset") && fallback.source.contains("full MNIST IDX files not found"))
        // With the four IDX files present (one gzip'd, three plain), full MNIST wins.
        let images = idxBytes(magic: IDXFile.imagesMagic, dimensions: [2, 28, 28], values: .init(repeating: 0, count: 2 * 784))
        let labels = idxBytes(magic: IDXFile.labelsMagic, dimensions: [2], values: [4, 2])
        try folder.writeGzip("train-images-idx3-ubyte.gz", images)
        try folder.write("train-labels-idx1-ubyte", labels)
        try folder.write("t10k-images-idx3-ubyte", images)
        try folder.write("t10k-labels-idx1-ubyte", labels)
        let full = try ImageDataset.load(.mnist, split: .test, locations: locations)
        #expect(full.source.hasPrefix("full MNIST (IDX) test split: 2 images"))
        #expect(full.labels == [4, 2] && full.images.allSatisfy { $0 == -1 })
        #expect(try ImageDataset.load(.mnist5k, locations: locations).source.hasPrefix("MNIST 5k subset, train part"))
        expectDataError(naming: folder.file("no-fashion"), { if case .datasetMissing = $0 { return true } else { return false } }) {
            _ = try ImageDataset.load(.fashionMNIST, locations: locations)
        }
    }

    @Test func batchesCopyImagesAndLabelsInOrder() {
        let dataset = ImageDataset(name: "t", split: .train, source: "hand-made", channels: 1, height: 1, width: 2,
                                   classCount: 3, images: [0, 1, 10, 11, 20, 21], labels: [0, 1, 2])
        let batch = dataset.batch([2, 0])
        #expect(batch.images == [20, 21, 0, 1] && batch.labels == [2, 0])
        var stream = RandomStream(seed: 1, name: "data/order")
        #expect(dataset.epochOrder(stream: &stream).sorted() == [0, 1, 2])
    }

    static let fashionTestImages = DatasetLocations.defaultFashionMNISTFolder + "/t10k-images-idx3-ubyte.gz"

    /// The real Fashion-MNIST test split: 10,000 images, 1,000 per class; first labels 9, 2, 1 and
    /// the first image's pixel sum 33,456 (checked with Python's gzip module) → Σ scaled = 33456/127.5 − 784.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: fashionTestImages), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)"))
    func loadsRealFashionMNISTTestSplit() throws {
        let dataset = try ImageDataset.load(.fashionMNIST, split: .test)
        #expect(dataset.count == 10_000 && dataset.images.count == 10_000 * 784)
        #expect(dataset.classCounts == Array(repeating: 1000, count: 10))
        #expect(Array(dataset.labels.prefix(3)) == [9, 2, 1])
        let firstSum = dataset.images.prefix(784).reduce(0.0) { $0 + Double($1) }
        #expect(abs(firstSum - (33456 / 127.5 - 784)) < 1e-3)
        #expect(dataset.images.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    /// The real subset: 4,500 train / 500 held out, 450 and 50 per class.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: DatasetLocations().mnistSubsetFile), "mnist_5k.csv.gz not in the data folder (run scripts/setup.sh)"))
    func loadsRealMNISTSubset() throws {
        let train = try ImageDataset.load(.mnist5k, split: .train)
        let test = try ImageDataset.load(.mnist5k, split: .test)
        #expect(train.count == 4500 && test.count == 500)
        #expect(train.classCounts == Array(repeating: 450, count: 10))
        #expect(test.classCounts == Array(repeating: 50, count: 10))
        #expect(train.images.allSatisfy { $0 >= -1 && $0 <= 1 } && train.images.contains(1))
    }
}
