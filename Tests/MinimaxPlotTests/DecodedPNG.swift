import CZlib
import Foundation

/// A minimal PNG decoder for tests (8-bit, non-interlaced gray, gray+alpha, RGB, RGBA — what
/// gnuplot's cairo terminal writes): chunks → zlib inflate → per-row unfiltering (PNG spec §9).
/// Decoding the pixels lets tests check real content instead of exact, version-dependent bytes.
struct DecodedPNG {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let width: Int
    let height: Int
    /// Samples per pixel: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA.
    let channels: Int
    /// Unfiltered samples, row-major.
    let samples: [UInt8]

    /// Only the size, from the IHDR chunk (the first chunk after the 8-byte signature).
    static func size(of data: Data) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              Array(bytes[12..<16]) == Array("IHDR".utf8) else { throw Failure(description: "not a PNG") }
        return (bigEndian(bytes, 16), bigEndian(bytes, 20))
    }

    init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        let (width, height) = try Self.size(of: Data(bytes))
        let bitDepth = bytes[24], colorType = bytes[25], interlace = bytes[28]
        guard bitDepth == 8, interlace == 0 else {
            throw Failure(description: "unsupported PNG: bit depth \(bitDepth), interlace \(interlace)")
        }
        switch colorType {
        case 0: channels = 1
        case 4: channels = 2
        case 2: channels = 3
        case 6: channels = 4
        default: throw Failure(description: "unsupported PNG colour type \(colorType)")
        }
        self.width = width
        self.height = height

        var compressed: [UInt8] = []
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = Self.bigEndian(bytes, offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw Failure(description: "truncated \(type) chunk") }
            if type == "IDAT" { compressed += bytes[(offset + 8)..<(offset + 8 + length)] }
            if type == "IEND" { break }
            offset += 12 + length
        }

        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count))
            }
        }
        guard status == Z_OK, Int(rawLength) == raw.count else {
            throw Failure(description: "zlib status \(status), \(rawLength) of \(raw.count) bytes")
        }

        var pixels = [UInt8](repeating: 0, count: height * stride)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            for i in 0..<stride {
                let x = Int(raw[row * (stride + 1) + 1 + i])
                let a = i >= channels ? Int(pixels[row * stride + i - channels]) : 0
                let b = row > 0 ? Int(pixels[(row - 1) * stride + i]) : 0
                let c = row > 0 && i >= channels ? Int(pixels[(row - 1) * stride + i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure(description: "bad filter \(filter) in row \(row)")
                }
                pixels[row * stride + i] = UInt8((x + predictor) & 0xff)
            }
        }
        samples = pixels
    }

    /// The pixel's RGB (gray repeated), ignoring alpha.
    func rgb(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        let base = (y * width + x) * channels
        if channels <= 2 { return (samples[base], samples[base], samples[base]) }
        return (samples[base], samples[base + 1], samples[base + 2])
    }

    /// Variance of the luminance (0…255 scale) over all pixels: 0 for a blank image.
    var luminanceVariance: Double {
        var sum = 0.0, sumSquares = 0.0
        for y in 0..<height {
            for x in 0..<width {
                let (r, g, b) = rgb(x: x, y: y)
                let l = 0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)
                sum += l
                sumSquares += l * l
            }
        }
        let n = Double(width * height)
        return sumSquares / n - (sum / n) * (sum / n)
    }

    /// Number of pixels whose RGB is exactly `(red, green, blue)`.
    func count(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        var count = 0
        for y in 0..<height {
            for x in 0..<width where rgb(x: x, y: y) == (red, green, blue) { count += 1 }
        }
        return count
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int) -> Int {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }
}
