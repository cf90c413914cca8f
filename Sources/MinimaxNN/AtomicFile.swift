import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whole-file writes that never leave a half-written file: the bytes go to a temporary file in
/// the same folder, which `rename(2)` then moves over the target (atomic within one file
/// system), so a reader, or a run resumed after a crash, sees the old file or the new one.
/// Every file Minimax writes (checkpoints, metrics, snapshots, run records, reports) goes
/// through here.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        // Unique per call, so two writers of the same file never share a temporary file.
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FileWriteError(path: url.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = "cannot move the temporary file into place: \(String(cString: strerror(errno)))"
            try? FileManager.default.removeItem(at: temporary)
            throw FileWriteError(path: url.path, reason: reason)
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}

/// A file that could not be written, naming the file and why.
public struct FileWriteError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public let path: String
    public let reason: String

    public var description: String { "\(path): cannot write: \(reason)" }
    public var errorDescription: String? { description }
}
