import Foundation

/// Why a safetensors checkpoint could not be read or written, naming the file and the problem.
public struct CheckpointError: Error, Equatable, CustomStringConvertible {
    /// The checkpoint's path.
    public let file: String
    public let problem: Problem

    public enum Problem: Equatable, Sendable {
        case unreadable(String)
        case unwritable(String)
        /// Shorter than the 8-byte header length.
        case tooShort(bytes: Int)
        case headerLengthBeyondFile(headerLength: UInt64, fileSize: Int)
        case invalidJSON(String)
        case invalidEntry(name: String, reason: String)
        case unsupportedDType(name: String, dtype: String)
        /// The byte range does not hold shape product × 4 bytes.
        case byteCountMismatch(name: String, shape: [Int], bytes: Int)
        case offsetsOutOfRange(name: String, begin: Int, end: Int, dataSize: Int)
        case overlapping(first: String, second: String)
        /// Bytes of the data section that no tensor covers.
        case gap(after: String?, begin: Int, end: Int)
        case invalidMetadata(String)
        /// A tensor name that cannot be written (empty or `__metadata__`).
        case invalidName(String)
    }

    public var description: String {
        let detail: String
        switch problem {
        case .unreadable(let reason): detail = "cannot be read: \(reason)"
        case .unwritable(let reason): detail = "cannot be written: \(reason)"
        case .tooShort(let bytes): detail = "is truncated: \(bytes) bytes, fewer than the 8-byte header length"
        case .headerLengthBeyondFile(let length, let size):
            detail = "is truncated or not safetensors: header length \(length) runs past the end of the \(size)-byte file"
        case .invalidJSON(let reason): detail = "has an invalid JSON header: \(reason)"
        case .invalidEntry(let name, let reason): detail = "has an invalid header entry for tensor '\(name)': \(reason)"
        case .unsupportedDType(let name, let dtype): detail = "stores tensor '\(name)' as \(dtype); only F32 is supported"
        case .byteCountMismatch(let name, let shape, let bytes):
            detail = "gives tensor '\(name)' \(bytes) bytes, but shape \(shape) needs \(shape.reduce(1, *) * 4)"
        case .offsetsOutOfRange(let name, let begin, let end, let size):
            detail = "has data offsets [\(begin), \(end)] for tensor '\(name)' outside the \(size)-byte data section (truncated?)"
        case .overlapping(let first, let second): detail = "has overlapping data for tensors '\(first)' and '\(second)'"
        case .gap(let after, let begin, let end):
            detail = "has \(end - begin) data bytes [\(begin), \(end)) \(after.map { "after tensor '\($0)'" } ?? "at the start") that no tensor covers"
        case .invalidMetadata(let reason): detail = "has invalid __metadata__: \(reason)"
        case .invalidName(let name): detail = "cannot store a tensor named '\(name)'"
        }
        return "checkpoint \(file) \(detail)"
    }
}

extension CheckpointError: LocalizedError {
    public var errorDescription: String? { description }
}
