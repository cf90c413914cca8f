/// A data file that cannot be used; every case names the file (or dataset) and what is wrong.
public enum DataError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(path: String)
    case unreadable(path: String, detail: String)
    /// The file's name ends in `.gz` but its bytes do not start with the gzip magic number.
    case notGzip(path: String, detail: String)
    /// gzip data that zlib rejects (bad header, CRC or stream), other than truncation.
    case corruptGzip(path: String, detail: String)
    /// The file (or its compressed stream) ends before the data its header promises.
    case truncated(path: String, detail: String)
    case wrongMagicNumber(path: String, found: UInt32, expected: UInt32)
    /// The header disagrees with the file's size, the expected shape, or a companion file.
    case headerMismatch(path: String, detail: String)
    case invalidCSV(path: String, line: Int, detail: String)
    case invalidValue(path: String, detail: String)
    /// A named dataset whose files are not on this machine.
    case datasetMissing(name: String, detail: String)

    public var description: String {
        switch self {
        case let .fileNotFound(path): return "\(path): file not found"
        case let .unreadable(path, detail): return "\(path): cannot read the file (\(detail))"
        case let .notGzip(path, detail): return "\(path): named .gz but not gzip-compressed (\(detail))"
        case let .corruptGzip(path, detail): return "\(path): corrupt gzip data (\(detail))"
        case let .truncated(path, detail): return "\(path): truncated file (\(detail))"
        case let .wrongMagicNumber(path, found, expected):
            return "\(path): wrong magic number \(hex(found)), expected \(hex(expected))" + magicHint(found)
        case let .headerMismatch(path, detail): return "\(path): header does not match the data (\(detail))"
        case let .invalidCSV(path, line, detail): return "\(path):\(line): \(detail)"
        case let .invalidValue(path, detail): return "\(path): \(detail)"
        case let .datasetMissing(name, detail): return "dataset '\(name)' is not available: \(detail)"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

private func magicHint(_ found: UInt32) -> String {
    switch found {
    case 0x0000_0803: return " (this is an IDX image file)"
    case 0x0000_0801: return " (this is an IDX label file)"
    case 0x1f8b_0000...0x1f8b_ffff: return " (the bytes are gzip-compressed; was the file decompressed twice or not at all?)"
    default: return ""
    }
}
