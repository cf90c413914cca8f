import Foundation
import MinimaxData
import Testing

@Suite struct IDXFileTests {
    let pixels: [UInt8] = (0..<18).map { UInt8($0 * 14) }  // 3 images of 2×3

    @Test func readsPlainAndGzipFilesAlike() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bytes = idxBytes(magic: IDXFile.imagesMagic, dimensions: [3, 2, 3], values: pixels)
        let plain = try IDXFile.readImages(folder.write("images-idx3-ubyte", bytes), rows: 2, columns: 3)
        let gzipped = try IDXFile.readImages(folder.writeGzip("images-idx3-ubyte.gz", bytes), rows: 2, columns: 3)
        // Detection is by content: a gzip file without the .gz name is read too.
        let unnamed = try IDXFile.readImages(folder.writeGzip("renamed-idx3-ubyte", bytes), rows: 2, columns: 3)
        for file in [plain, gzipped, unnamed] {
            #expect(file.dimensions == [3, 2, 3])
            #expect(file.values == pixels)
        }
    }

    @Test func truncatedFilesNameTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let full = idxBytes(magic: IDXFile.imagesMagic, dimensions: [3, 2, 3], values: pixels)
        let shortData = try folder.write("short-data", Array(full.prefix(full.count - 5)))
        expectDataError(naming: shortData, { if case .truncated = $0 { return true } else { return false } }) {
            _ = try IDXFile.read(shortData, magic: IDXFile.imagesMagic)
        }
        let shortHeader = try folder.write("short-header", Array(full.prefix(9)))
        expectDataError(naming: shortHeader, { if case .truncated = $0 { return true } else { return false } }) {
            _ = try IDXFile.read(shortHeader, magic: IDXFile.imagesMagic)
        }
        let empty = try folder.write("empty", [])
        expectDataError(naming: empty, { if case .truncated = $0 { return true } else { return false } }) {
            _ = try IDXFile.read(empty, magic: IDXFile.imagesMagic)
        }
        // A gzip stream cut short (its 8-byte trailer and a little data gone).
        let gzipPath = try folder.writeGzip("cut.gz", full)
        let compressed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: gzipPath)))
        let cut = try folder.write("cut-stream.gz", Array(compressed.prefix(compressed.count - 10)))
        expectDataError(naming: cut, { if case .truncated = $0 { return true } else { return false } }) {
            _ = try IDXFile.read(cut, magic: IDXFile.imagesMagic)
        }
    }

    @Test func wrongMagicNumberSaysWhatTheFileIs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let labels = try folder.writeGzip("labels.gz", idxBytes(magic: IDXFile.labelsMagic, dimensions: [3], values: [1, 2, 3]))
        expectDataError(naming: labels, { $0 == .wrongMagicNumber(path: labels, found: 0x801, expected: 0x803) }) {
            _ = try IDXFile.readImages(labels)
        }
        do { _ = try IDXFile.readImages(labels) } catch {
            #expect("\(error)".contains("wrong magic number 0x00000801, expected 0x00000803 (this is an IDX label file)"))
        }
    }

    @Test func headerSizeMismatchIsReported() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let extra = try folder.write("extra", idxBytes(magic: IDXFile.imagesMagic, dimensions: [3, 2, 3], values: pixels + [0, 0]))
        expectDataError(naming: extra, { if case .headerMismatch = $0 { return true } else { return false } }) {
            _ = try IDXFile.read(extra, magic: IDXFile.imagesMagic)
        }
        // Right size, wrong image shape for the loader (2×3 instead of 28×28).
        let small = try folder.write("small", idxBytes(magic: IDXFile.imagesMagic, dimensions: [3, 2, 3], values: pixels))
        expectDataError(naming: small, { if case .headerMismatch = $0 { return true } else { return false } }) {
            _ = try IDXFile.readImages(small)
        }
    }

    /// Decision: a `.gz` name over bytes that are not gzip is an error (usually a failed download).
    @Test func gzNameWithoutGzipBytesIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fake = try folder.write("train-images-idx3-ubyte.gz", idxBytes(magic: IDXFile.imagesMagic, dimensions: [3, 2, 3], values: pixels))
        expectDataError(naming: fake, { if case .notGzip = $0 { return true } else { return false } }) {
            _ = try IDXFile.read(fake, magic: IDXFile.imagesMagic)
        }
        do { _ = try FileBytes.read(fake) } catch { #expect("\(error)".contains("first bytes 0 0 8 3")) }
    }

    @Test func corruptGzipAndMissingFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let good = try folder.writeGzip("good.gz", idxBytes(magic: IDXFile.imagesMagic, dimensions: [3, 2, 3], values: pixels))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        bytes[bytes.count - 8] ^= 0xff  // break the CRC-32 in the trailer
        let corrupt = try folder.write("corrupt.gz", bytes)
        expectDataError(naming: corrupt, { if case .corruptGzip = $0 { return true } else { return false } }) {
            _ = try FileBytes.read(corrupt)
        }
        let missing = folder.file("nope.gz")
        expectDataError(naming: missing, { $0 == .fileNotFound(path: missing) }) { _ = try FileBytes.read(missing) }
    }

    @Test func imageAndLabelFilesMustAgree() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let images = try folder.writeGzip("i.gz", idxBytes(magic: IDXFile.imagesMagic, dimensions: [2, 28, 28], values: .init(repeating: 255, count: 2 * 784)))
        let labels = try folder.writeGzip("l.gz", idxBytes(magic: IDXFile.labelsMagic, dimensions: [3], values: [1, 2, 3]))
        expectDataError(naming: labels, { if case .headerMismatch = $0 { return true } else { return false } }) {
            _ = try ImageDataset.loadIDX(name: "t", split: .train, images: images, labels: labels, description: "test")
        }
        let badLabels = try folder.write("l-bad", idxBytes(magic: IDXFile.labelsMagic, dimensions: [2], values: [1, 10]))
        expectDataError(naming: badLabels, { if case .invalidValue = $0 { return true } else { return false } }) {
            _ = try ImageDataset.loadIDX(name: "t", split: .train, images: images, labels: badLabels, description: "test")
        }
        let goodLabels = try folder.write("l-good", idxBytes(magic: IDXFile.labelsMagic, dimensions: [2], values: [1, 9]))
        let dataset = try ImageDataset.loadIDX(name: "t", split: .test, images: images, labels: goodLabels, description: "test")
        #expect(dataset.labels == [1, 9])
        #expect(dataset.images.allSatisfy { $0 == 1 })  // 255 → 255/127.5 − 1 = 1 exactly
    }
}
