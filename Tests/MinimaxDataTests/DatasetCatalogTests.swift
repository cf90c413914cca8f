import MinimaxData
import Testing

@Suite struct DatasetCatalogTests {
    @Test func reportsMissingDatasetsWithHowToGetThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let locations = DatasetLocations(dataDirectory: DataDirectory(path: folder.path), fashionMNISTFolder: folder.file("fashion"))
        let missing = Dictionary(uniqueKeysWithValues: DatasetCatalog.status(locations: locations).map { ($0.name, $0) })
        #expect(missing["toy-2d"]?.isPresent == true)
        #expect(missing["mnist-5k"]?.isPresent == false && missing["mnist-5k"]?.detail.contains("setup.sh") == true)
        #expect(missing["fashion-mnist"]?.isPresent == false && missing["fashion-mnist"]?.detail.contains("dataset-fashion-mnist") == true)
        #expect(missing["stacked-mnist"]?.isPresent == false)

        try folder.writeGzip("mnist_5k.csv.gz", subsetCSV(rows: [(0, 1)]))
        let present = Dictionary(uniqueKeysWithValues: DatasetCatalog.status(locations: locations).map { ($0.name, $0) })
        #expect(present["mnist-5k"]?.isPresent == true)
        #expect(present["mnist"]?.isPresent == true && present["mnist"]?.detail.contains("using the 5k subset") == true)
        #expect(present["stacked-mnist"]?.isPresent == true)
        let report = DatasetCatalog.report(locations: locations)
        #expect(report.contains("mnist-5k       present  \(folder.path)/mnist_5k.csv.gz"))
        #expect(report.contains("fashion-mnist  missing"))
    }
}
