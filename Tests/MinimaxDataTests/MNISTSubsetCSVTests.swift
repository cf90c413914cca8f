import Foundation
import MinimaxData
import Testing

@Suite struct MNISTSubsetCSVTests {
    @Test func readsRowsWithTheLabelLast() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.writeGzip("mnist_5k.csv.gz", subsetCSV(rows: [(0, 7), (255, 0), (128, 3)]))
        let table = try MNISTSubsetCSV.read(path)
        #expect(table.labels == [7, 0, 3])
        #expect(table.pixels.count == 3 * 784)
        #expect(table.pixels[784] == 255 && table.pixels[2 * 784 + 5] == 128)
    }

    @Test func badRowsNameTheFileAndLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let good = String(decoding: subsetCSV(rows: [(1, 1)]), as: UTF8.self)
        let cases: [(String, String, String)] = [
            ("short.csv.gz", good + "1,2,3\n", ":2: 3 values, expected 785"),
            ("pixel.csv.gz", good + good + good.replacingOccurrences(of: "1,1,", with: "1,300,", options: .anchored), ":3: pixel 2 is 300"),
            ("label.csv.gz", good.replacingOccurrences(of: ",1\n", with: ",12\n"), ":1: label (last value) is 12"),
            ("text.csv.gz", "label," + good, ":1: unexpected 'l'"),
            ("empty.csv.gz", "\n\n", ":3: no rows"),
        ]
        for (name, text, message) in cases {
            let path = try folder.writeGzip(name, Array(text.utf8))
            expectDataError(naming: path, { if case .invalidCSV = $0 { return true } else { return false } }) {
                _ = try MNISTSubsetCSV.read(path)
            }
            do { _ = try MNISTSubsetCSV.read(path) } catch { #expect("\(error)".contains(path + message), "\(error)") }
        }
    }
}
