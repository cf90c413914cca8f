import Foundation
import MinimaxGAN

/// The project's folders (`Experiments/`, `Lessons/`, `Reports/`, `.minimax/runs/`) and the
/// rule that output never leaves the project folder.
public struct ProjectPaths: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL.resolvingSymlinksInPath() }

    public var experiments: URL { root.appendingPathComponent("Experiments", isDirectory: true) }
    public var lessons: URL { root.appendingPathComponent("Lessons", isDirectory: true) }
    public var reports: URL { root.appendingPathComponent("Reports", isDirectory: true) }
    public var runs: URL { root.appendingPathComponent(".minimax/runs", isDirectory: true) }
    public var comparisons: URL { root.appendingPathComponent(".minimax/comparisons", isDirectory: true) }

    /// A path relative to the project root when inside it, else the absolute path.
    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
    }

    /// Resolves an output path (relative to the project root, or absolute) and rejects one that
    /// leaves the project folder, whether by `..` or through a symbolic link.
    public func outputURL(_ path: String) throws -> URL {
        let candidate = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        let resolved = resolvedExistingPrefix(candidate.standardizedFileURL)
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard resolved.path.hasPrefix(rootPath) else { throw NotebookError.pathEscapesProject(path: path) }
        return resolved
    }

    /// Checks that `name` is a single safe file-name component (no `/`, no `..`).
    public static func checkFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    /// The spec file an experiment reference names: a path with `/` is relative to the project
    /// root, a bare name lives in `Experiments/`; `.yaml` is optional.
    public func experimentURL(_ reference: String, location: String) throws -> URL {
        let base = reference.contains("/") ? root.appendingPathComponent(reference) : experiments.appendingPathComponent(reference)
        let candidates = reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
            ? [base] : [base.appendingPathExtension("yaml"), base.appendingPathExtension("yml")]
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
            return found.standardizedFileURL
        }
        let names = experimentNames()
        throw NotebookError.missingSpec(reference: reference, location: location,
                                        message: "looked for \(display(candidates[0]))\(EditDistance.didYouMean(reference, among: names))")
    }

    /// Names of the specs in `Experiments/`, sorted.
    public func experimentNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: experiments.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Resolves symbolic links in the longest existing prefix of `url` (the rest does not exist yet).
    private func resolvedExistingPrefix(_ url: URL) -> URL {
        var existing = url
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path) && existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var result = existing.resolvingSymlinksInPath()
        for component in missing { result.appendPathComponent(component) }
        return result.standardizedFileURL
    }
}
