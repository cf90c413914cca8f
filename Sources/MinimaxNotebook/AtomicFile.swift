import Foundation

/// Whole-file writes that never leave a half-written file: write a temporary file in the same
/// folder, then `rename(2)` it over the target (atomic within one file system).
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                let message = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw NotebookError.io(path: url.path, message: "cannot rename into place: \(message)")
            }
        } catch let error as NotebookError {
            throw error
        } catch {
            throw NotebookError.io(path: url.path, message: "cannot write: \(error.localizedDescription)")
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
