import Foundation

/// A chart as text: its gnuplot script and the data files the script reads by relative path.
///
/// Same inputs give byte-identical files (numbers are formatted with `GnuplotNumber`, and no
/// dates or paths are written), so charts can be diffed and cached.
public struct ChartFiles: Equatable, Sendable {
    /// A data file next to the script.
    public struct DataFile: Equatable, Sendable {
        public var name: String
        public var contents: String

        public init(name: String, contents: String) {
            self.name = name
            self.contents = contents
        }
    }

    /// Base name: the script is `name.gp`, data files `name-<k>.dat`.
    public var name: String
    public var script: String
    public var dataFiles: [DataFile]
    /// File the script renders into (`name.png`, `name.svg` or `name.gif`).
    public var outputFileName: String

    public var scriptFileName: String { name + ".gp" }

    /// Writes the script and data files into `directory` (created if needed), each atomically.
    /// Returns the script's URL.
    @discardableResult
    public func write(to directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in dataFiles {
            try Self.writeAtomically(file.contents, to: directory.appendingPathComponent(file.name))
        }
        let scriptURL = directory.appendingPathComponent(scriptFileName)
        try Self.writeAtomically(script, to: scriptURL)
        return scriptURL
    }

    private static func writeAtomically(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ChartError("cannot write chart file \(url.path): \(error.localizedDescription)")
        }
    }

    /// Checks a chart name: it becomes file names, so only letters, digits, `-`, `_` and `.`,
    /// starting with a letter or digit.
    static func validate(name: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard let first = name.first, first.isLetter || first.isNumber, name.count <= 200,
              name.allSatisfy({ allowed.contains($0) }) else {
            throw ChartError("invalid chart name '\(name)': use 1-200 letters, digits, '-', '_' or '.', starting with a letter or digit")
        }
    }
}
