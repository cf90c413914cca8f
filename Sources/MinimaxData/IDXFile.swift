/// An IDX file (LeCun's MNIST format): a big-endian header and unsigned bytes.
///
/// Header: magic number `0x00 0x00 type rank` (type 0x08 = unsigned byte), then `rank`
/// big-endian 32-bit sizes, then exactly the product of the sizes in bytes. MNIST images are
/// `0x00000803` (count × rows × columns), labels `0x00000801` (count).
public struct IDXFile: Equatable, Sendable {
    public static let imagesMagic: UInt32 = 0x0000_0803
    public static let labelsMagic: UInt32 = 0x0000_0801

    public let path: String
    public let dimensions: [Int]
    public let values: [UInt8]

    /// Reads and checks `path` (plain or gzip), requiring the given magic number.
    public static func read(_ path: String, magic expected: UInt32) throws -> IDXFile {
        let bytes = try FileBytes.read(path)
        guard bytes.count >= 4 else {
            throw DataError.truncated(path: path, detail: "\(bytes.count) bytes, an IDX header needs at least 4")
        }
        let magic = bigEndianWord(bytes, at: 0)
        guard magic == expected else { throw DataError.wrongMagicNumber(path: path, found: magic, expected: expected) }
        let rank = Int(magic & 0xff)
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw DataError.truncated(path: path, detail: "\(bytes.count) bytes, the header of a rank-\(rank) IDX file needs \(headerSize)")
        }
        let dimensions = (0..<rank).map { Int(bigEndianWord(bytes, at: 4 + 4 * $0)) }
        let expectedBytes = dimensions.reduce(1, *)
        let actualBytes = bytes.count - headerSize
        let shape = dimensions.map(String.init).joined(separator: "×")
        if actualBytes < expectedBytes {
            throw DataError.truncated(path: path, detail: "the header promises \(shape) = \(expectedBytes) data bytes, the file has \(actualBytes)")
        }
        if actualBytes > expectedBytes {
            throw DataError.headerMismatch(path: path, detail: "the header promises \(shape) = \(expectedBytes) data bytes, the file has \(actualBytes - expectedBytes) more")
        }
        return IDXFile(path: path, dimensions: dimensions, values: Array(bytes[headerSize...]))
    }

    /// Reads an image file and checks it holds `rows`×`columns` images.
    public static func readImages(_ path: String, rows: Int = 28, columns: Int = 28) throws -> IDXFile {
        let file = try read(path, magic: imagesMagic)
        guard file.dimensions[1] == rows, file.dimensions[2] == columns else {
            throw DataError.headerMismatch(path: path, detail: "images are \(file.dimensions[1])×\(file.dimensions[2]), expected \(rows)×\(columns)")
        }
        return file
    }

    /// Reads a label file and checks every label is below `classCount`.
    public static func readLabels(_ path: String, classCount: Int = 10) throws -> IDXFile {
        let file = try read(path, magic: labelsMagic)
        if let bad = file.values.firstIndex(where: { Int($0) >= classCount }) {
            throw DataError.invalidValue(path: path, detail: "label \(file.values[bad]) at index \(bad) is not below \(classCount)")
        }
        return file
    }

    private static func bigEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}
