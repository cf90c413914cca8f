import Foundation

/// Where Minimax looks for data files: `$MINIMAX_DATA`, else `~/.cache/minimax/data`.
///
/// `scripts/setup.sh` fills the same folder, so the two never disagree.
public struct DataDirectory: Equatable, Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The folder named by the environment, as the setup script resolves it.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DataDirectory {
        if let custom = environment["MINIMAX_DATA"], !custom.isEmpty {
            return DataDirectory(path: custom)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DataDirectory(path: home + "/.cache/minimax/data")
    }

    /// The full path of `file` inside this folder.
    public func file(_ name: String) -> String { path + "/" + name }
}
