import CZlib
import Foundation

/// Reads a whole data file, decompressing it if it is gzip.
///
/// Compression is detected from the content (gzip magic bytes 1f 8b), not from the name, so a
/// decompressed `train-images-idx3-ubyte` and its `.gz` both work. One exception, on purpose:
/// a name ending in `.gz` whose bytes are not gzip is an error, because such a file is almost
/// always a failed download (an HTML error page) or a mix-up, not a valid raw file.
public enum FileBytes {
    public static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw DataError.fileNotFound(path: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(path: path, detail: "permission denied or I/O error")
        }
        let bytes = [UInt8](data)
        let isGzip = bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
        if isGzip { return try gunzip(bytes, path: path) }
        if path.hasSuffix(".gz") {
            let start = bytes.prefix(4).map { String($0, radix: 16) }.joined(separator: " ")
            throw DataError.notGzip(path: path, detail: "first bytes \(start.isEmpty ? "(empty file)" : start), gzip files start with 1f 8b")
        }
        return bytes
    }

    /// Inflates one or more concatenated gzip members (zlib's `inflate` with windowBits 31).
    static func gunzip(_ compressed: [UInt8], path: String) throws -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(compressed.count * 4)
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError.corruptGzip(path: path, detail: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        try compressed.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, chunkSize - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow (`cat a.gz b.gz` is valid gzip).
                    guard stream.avail_in >= 2, stream.next_in[0] == 0x1f, stream.next_in[1] == 0x8b else { return }
                    inflateReset(&stream)
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw DataError.truncated(path: path, detail:
                        "the gzip stream ends early after \(compressed.count) compressed bytes (\(output.count) bytes decompressed)")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    throw DataError.corruptGzip(path: path, detail: message)
                }
            }
        }
        return output
    }
}
