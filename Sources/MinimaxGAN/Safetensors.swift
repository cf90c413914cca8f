import Foundation
import MinimaxTensor

/// The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header
/// `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {…}}`,
/// then the raw little-endian data. Tensors are written in name order, so equal state gives
/// equal bytes. Only F32 is read and written.
enum Safetensors {
    private struct Entry: Codable {
        var dtype: String
        var shape: [Int]
        var data_offsets: [Int]
    }

    static func encode(_ tensors: [String: Tensor], metadata: [String: String]) throws -> Data {
        var header = "{\"__metadata__\":" + String(decoding: try sortedJSON(metadata), as: UTF8.self)
        var body = Data()
        for name in tensors.keys.sorted() {
            let tensor = tensors[name]!
            let begin = body.count
            tensor.scalars.withUnsafeBufferPointer { values in
                for value in values {
                    withUnsafeBytes(of: value.bitPattern.littleEndian) { body.append(contentsOf: $0) }
                }
            }
            let entry = Entry(dtype: "F32", shape: tensor.shape, data_offsets: [begin, body.count])
            header += "," + String(decoding: try sortedJSON(name), as: UTF8.self) + ":" + String(decoding: try sortedJSON(entry), as: UTF8.self)
        }
        header += "}"
        while header.utf8.count % 8 != 0 { header += " " }
        var data = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array(header.utf8))
        data.append(body)
        return data
    }

    static func decode(_ data: Data, file: String) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw GANSetupError(file, "is too short to be a safetensors file") }
        var headerLength: UInt64 = 0
        for index in (0..<8).reversed() { headerLength = headerLength << 8 | UInt64(bytes[index]) }
        guard headerLength <= UInt64(bytes.count - 8) else { throw GANSetupError(file, "has a header longer than the file") }
        let bodyStart = 8 + Int(headerLength)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<bodyStart])) as? [String: Any] else {
            throw GANSetupError(file, "has an unreadable safetensors header")
        }
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in object {
            if name == "__metadata__" {
                metadata = value as? [String: String] ?? [:]
                continue
            }
            guard let fields = value as? [String: Any], fields["dtype"] as? String == "F32",
                  let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int], offsets.count == 2,
                  offsets[0] >= 0, offsets[1] >= offsets[0], bodyStart + offsets[1] <= bytes.count,
                  offsets[1] - offsets[0] == 4 * shape.reduce(1, *) else {
                throw GANSetupError(file, "tensor '\(name)' is not a well-formed F32 entry")
            }
            var scalars = [Float](repeating: 0, count: shape.reduce(1, *))
            for index in scalars.indices {
                let at = bodyStart + offsets[0] + 4 * index
                let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
                scalars[index] = Float(bitPattern: bits)
            }
            tensors[name] = Tensor(shape: shape, scalars: scalars)
        }
        return (tensors, metadata)
    }

    private static func sortedJSON<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
