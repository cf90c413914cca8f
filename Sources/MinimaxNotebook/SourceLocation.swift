/// Where a setting came from: a position in a YAML or lesson file, or a `--set` option.
public enum SourceLocation: Equatable, Sendable, CustomStringConvertible {
    /// `path` as given (relative to the project when inside it), 1-based line and column.
    case file(path: String, line: Int, column: Int)
    /// A command-line override `--set key=value`.
    case commandLine(key: String)

    /// `file:line:column` or `--set key`.
    public var description: String {
        switch self {
        case let .file(path, line, column): return "\(path):\(line):\(column)"
        case let .commandLine(key): return "--set \(key)"
        }
    }
}
