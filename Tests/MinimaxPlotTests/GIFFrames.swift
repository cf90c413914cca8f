import Foundation

/// Reads a GIF's screen size and counts its image frames by walking its blocks (GIF89a spec:
/// header, logical screen descriptor, optional colour table, then extension (0x21), image (0x2C)
/// and trailer (0x3B) blocks; data comes in length-prefixed sub-blocks).
struct GIFFrames {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let width: Int
    let height: Int
    let frameCount: Int

    init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.count > 13, String(decoding: bytes[0..<6], as: UTF8.self) == "GIF89a" else {
            throw Failure(description: "not a GIF89a file")
        }
        width = Int(bytes[6]) | Int(bytes[7]) << 8
        height = Int(bytes[8]) | Int(bytes[9]) << 8
        var offset = 13
        if bytes[10] & 0x80 != 0 { offset += 3 << (Int(bytes[10] & 0x07) + 1) }
        func skipSubBlocks() throws {
            while true {
                guard offset < bytes.count else { throw Failure(description: "truncated sub-blocks") }
                let length = Int(bytes[offset])
                offset += 1 + length
                if length == 0 { return }
            }
        }
        var frames = 0
        loop: while offset < bytes.count {
            switch bytes[offset] {
            case 0x21:
                offset += 2
                try skipSubBlocks()
            case 0x2C:
                guard offset + 10 <= bytes.count else { throw Failure(description: "truncated image descriptor") }
                let packed = bytes[offset + 9]
                offset += 10
                if packed & 0x80 != 0 { offset += 3 << (Int(packed & 0x07) + 1) }
                offset += 1 // LZW minimum code size
                try skipSubBlocks()
                frames += 1
            case 0x3B:
                break loop
            default:
                throw Failure(description: "unexpected block 0x\(String(bytes[offset], radix: 16)) at \(offset)")
            }
        }
        frameCount = frames
    }
}
