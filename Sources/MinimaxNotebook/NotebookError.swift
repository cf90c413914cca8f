import Foundation

/// Errors on user input (specs, lessons, options, paths), each naming the file or option and the problem.
public enum NotebookError: Error, Equatable, LocalizedError, CustomStringConvertible {
    /// Problems in a spec, each already formatted `file:line:column: key: message`.
    case invalidSpec(file: String, messages: [String])
    /// A YAML file that is not valid YAML.
    case invalidYAML(file: String, message: String)
    /// `extends:` or a cell names a spec file that does not exist.
    case missingSpec(reference: String, location: String, message: String)
    /// `extends:` chains that come back to a file already on the chain.
    case extendsCycle(chain: [String])
    /// A `--set key=value`, `--seeds` or similar option that cannot be applied.
    case invalidOverride(key: String, message: String)
    /// A problem in a lesson file, at a line.
    case lesson(file: String, line: Int, message: String)
    /// A lesson name or path that matches no file.
    case missingLesson(name: String, message: String)
    /// An output path outside the project folder.
    case pathEscapesProject(path: String)
    /// Another live process holds the run's lock.
    case runLocked(folder: String, pid: Int32)
    /// A run folder that has no readable `run.json`.
    case invalidRun(folder: String, message: String)
    /// A file system operation failed.
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case let .invalidSpec(_, messages): return messages.joined(separator: "\n")
        case let .invalidYAML(file, message): return "\(file): invalid YAML: \(message)"
        case let .missingSpec(reference, location, message): return "\(location): no spec '\(reference)': \(message)"
        case let .extendsCycle(chain): return "extends cycle: \(chain.joined(separator: " → "))"
        case let .invalidOverride(key, message): return "\(key): \(message)"
        case let .lesson(file, line, message): return "\(file):\(line): \(message)"
        case let .missingLesson(name, message): return "no lesson '\(name)': \(message)"
        case let .pathEscapesProject(path): return "output path '\(path)' is outside the project folder; use a path inside it"
        case let .runLocked(folder, pid): return "\(folder) is being written by process \(pid); wait for it or stop it"
        case let .invalidRun(folder, message): return "\(folder): \(message)"
        case let .io(path, message): return "\(path): \(message)"
        }
    }

    public var errorDescription: String? { description }
}
