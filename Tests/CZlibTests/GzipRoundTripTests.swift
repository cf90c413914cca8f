import CZlib
import Foundation
import Testing

@Suite struct GzipRoundTripTests {
    /// Writes bytes through gzwrite, checks the gzip magic number, and reads them back with gzread.
    @Test func roundTripsAGzipFile() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("minimax-gzip-\(getpid()).gz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let payload = [UInt8]((0..<10_000).map { UInt8(($0 * 7) % 251) })

        let out = try #require(gzopen(path, "wb"))
        let written = payload.withUnsafeBytes { gzwrite(out, $0.baseAddress, UInt32($0.count)) }
        #expect(written == Int32(payload.count))
        #expect(gzclose(out) == Z_OK)

        let raw = try #require(FileManager.default.contents(atPath: path))
        #expect(raw.prefix(2) == Data([0x1f, 0x8b]))
        #expect(raw.count < payload.count)

        let input = try #require(gzopen(path, "rb"))
        var back = [UInt8](repeating: 0, count: payload.count + 16)
        let read = back.withUnsafeMutableBytes { gzread(input, $0.baseAddress, UInt32($0.count)) }
        gzclose(input)
        #expect(read == Int32(payload.count))
        #expect(Array(back.prefix(Int(read))) == payload)
    }
}
