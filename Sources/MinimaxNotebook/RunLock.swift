import Foundation

/// An exclusive lock on a run folder: a `lock` file created with `O_CREAT | O_EXCL` holding the
/// owner's pid. A lock whose pid no longer exists (`kill(pid, 0)` fails with `ESRCH`) is stale:
/// it is taken over with a message. A live owner (this process included) means the run is busy.
public final class RunLock {
    public let file: URL
    private var held = true

    /// Takes the lock or throws `NotebookError.runLocked`; `log` hears about stale takeovers.
    public init(file: URL, log: (String) -> Void) throws {
        self.file = file
        for _ in 0..<2 {
            let descriptor = open(file.path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if descriptor >= 0 {
                let text = "\(getpid())\n"
                _ = text.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
                return
            }
            guard errno == EEXIST else {
                throw NotebookError.io(path: file.path, message: "cannot create lock: \(String(cString: strerror(errno)))")
            }
            let text = (try? String(contentsOf: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if let pid = Int32(text), pid > 0, kill(pid, 0) == 0 || errno != ESRCH {
                throw NotebookError.runLocked(folder: file.deletingLastPathComponent().path, pid: pid)
            }
            log("taking over stale lock \(file.path) (process \(text.isEmpty ? "?" : text) is gone)")
            unlink(file.path)
        }
        throw NotebookError.io(path: file.path, message: "lock keeps reappearing; another process is starting the same run")
    }

    /// Releases the lock (also done on deinit).
    public func release() {
        guard held else { return }
        held = false
        unlink(file.path)
    }

    deinit { release() }
}
