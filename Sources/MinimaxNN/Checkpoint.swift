import Foundation
import MinimaxTensor
#if canImport(Glibc)
import Glibc
#endif

/// Reads and writes tensors in the safetensors format (Hugging Face), so checkpoints open
/// in Python with `safetensors.numpy.load_file`:
///
///     8 bytes   header length n, little-endian UInt64
///     n bytes   JSON: {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, …,
///                      "__metadata__": {"key": "value", …}}   (padded with spaces to a multiple of 8)
///     …         the tensors' little-endian F32 bytes; offsets are relative to this section
///
/// Names are written in sorted order, each tensor's bytes right after the previous one's.
/// Reading checks everything the format promises (header inside the file, valid JSON,
/// F32 only, byte counts equal to shape product × 4, offsets inside the data, no overlaps and
/// no uncovered bytes) and throws a `CheckpointError` naming the file and the problem.
public enum Checkpoint {
    /// Writes `tensors` and `metadata` to `url` atomically (a temporary file in the same
    /// folder, then a rename), so a crash never leaves a half-written checkpoint.
    public static func save(tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws {
        let data = try encode(tensors: tensors, metadata: metadata, file: url.path)
        do {
            try AtomicFile.write(data, to: url)
        } catch let error as FileWriteError {
            throw CheckpointError(file: url.path, problem: .unwritable(error.reason))
        }
    }

    /// Reads a safetensors file.
    public static func load(from url: URL) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CheckpointError(file: url.path, problem: .unreadable(error.localizedDescription))
        }
        return try decode(data, file: url.path)
    }

    /// The file's bytes (`file` names it in errors).
    public static func encode(tensors: [String: Tensor], metadata: [String: String] = [:], file: String = "<memory>") throws -> Data {
        let sorted = tensors.sorted { $0.key < $1.key }
        var entries: [String] = []
        var offset = 0
        for (name, tensor) in sorted {
            guard !name.isEmpty, name != "__metadata__" else { throw CheckpointError(file: file, problem: .invalidName(name)) }
            let end = offset + tensor.count * 4
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            entries.insert("\"__metadata__\":{\(pairs.joined(separator: ","))}", at: 0)
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var out = Data(capacity: 8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: header)
        var bytes = [UInt8](repeating: 0, count: offset)
        bytes.withUnsafeMutableBytes { raw in
            var position = 0
            for (_, tensor) in sorted {
                for x in tensor.scalars {
                    raw.storeBytes(of: x.bitPattern.littleEndian, toByteOffset: position, as: UInt32.self)
                    position += 4
                }
            }
        }
        out.append(contentsOf: bytes)
        return out
    }

    /// Parses the bytes of a safetensors file (`file` names it in errors).
    public static func decode(_ data: Data, file: String = "<memory>") throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        func fail(_ problem: CheckpointError.Problem) -> CheckpointError { CheckpointError(file: file, problem: problem) }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw fail(.tooShort(bytes: bytes.count)) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw fail(.headerLengthBeyondFile(headerLength: headerLength, fileSize: bytes.count))
        }
        let dataStart = 8 + Int(headerLength)
        let dataSize = bytes.count - dataStart
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        } catch {
            throw fail(.invalidJSON("not parseable (\(error.localizedDescription))"))
        }
        guard let header = json as? [String: Any] else { throw fail(.invalidJSON("the top level is not an object")) }

        var metadata: [String: String] = [:]
        if let raw = header["__metadata__"] {
            guard let object = raw as? [String: Any] else { throw fail(.invalidMetadata("not an object")) }
            for (key, value) in object {
                guard let text = value as? String else { throw fail(.invalidMetadata("value of '\(key)' is not a string")) }
                metadata[key] = text
            }
        }

        var layout: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, raw) in header where name != "__metadata__" {
            guard let entry = raw as? [String: Any] else { throw fail(.invalidEntry(name: name, reason: "not an object")) }
            guard let dtype = entry["dtype"] as? String else { throw fail(.invalidEntry(name: name, reason: "no dtype string")) }
            guard let shape = integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail(.invalidEntry(name: name, reason: "shape is not a list of non-negative integers"))
            }
            guard let offsets = integers(entry["data_offsets"]), offsets.count == 2 else {
                throw fail(.invalidEntry(name: name, reason: "data_offsets is not a pair of integers"))
            }
            guard dtype == "F32" else { throw fail(.unsupportedDType(name: name, dtype: dtype)) }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataSize else {
                throw fail(.offsetsOutOfRange(name: name, begin: begin, end: end, dataSize: dataSize))
            }
            let (elements, overflow) = shape.reduce((1, false)) { acc, d in
                let (p, o) = acc.0.multipliedReportingOverflow(by: d)
                return (p, acc.1 || o)
            }
            let byteCount = elements.multipliedReportingOverflow(by: 4)
            guard !overflow, !byteCount.overflow, byteCount.partialValue == end - begin else {
                throw fail(.byteCountMismatch(name: name, shape: shape, bytes: end - begin))
            }
            layout.append((name, shape, begin, end))
        }

        // The tensors must tile the data section exactly: sorted by offset, no overlap, no hole.
        layout.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var covered = 0
        var previous: String?
        for entry in layout {
            if entry.begin < covered, let previous { throw fail(.overlapping(first: previous, second: entry.name)) }
            if entry.begin > covered { throw fail(.gap(after: previous, begin: covered, end: entry.begin)) }
            covered = entry.end
            previous = entry.name
        }
        if covered < dataSize { throw fail(.gap(after: previous, begin: covered, end: dataSize)) }

        var tensors: [String: Tensor] = [:]
        bytes.withUnsafeBytes { raw in
            for entry in layout {
                let count = (entry.end - entry.begin) / 4
                let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                    for i in 0..<count {
                        let bits = raw.loadUnaligned(fromByteOffset: dataStart + entry.begin + 4 * i, as: UInt32.self)
                        buffer[i] = Float(bitPattern: UInt32(littleEndian: bits))
                    }
                    initialized = count
                }
                tensors[entry.name] = Tensor(shape: entry.shape, scalars: scalars)
            }
        }
        return (tensors, metadata)
    }

    /// A JSON array of integers (JSONSerialization gives NSNumbers), or nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var out: [Int] = []
        for element in array {
            guard let number = element as? NSNumber, let int = Int(exactly: number.doubleValue) else { return nil }
            out.append(int)
        }
        return out
    }

    /// A JSON string literal with the escapes RFC 8259 requires.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
