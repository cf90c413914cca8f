import Foundation
import MinimaxGAN

/// The code version recorded in runs and reports, and part of the run-cache key:
/// `MinimaxVersion.string` plus `+src.<digest>`, the first 12 hex digits of a SHA-256 over
/// `Package.swift` and the training code under `Sources/` (relative path, size and bytes, in
/// path order).
///
/// Why the sources and not the git commit: a commit that only edits a lesson's prose, a test or
/// a README leaves every cached run valid, while any edit to the code (committed or not)
/// invalidates them. Why only the training code: the presentation code (`MinimaxPlot`, the
/// notebook and the command line, `presentationPaths`) does not change what a run computes,
/// so a chart or report fix keeps every run; a cached run whose charts were drawn by other
/// presentation code has them redrawn (`chartsVersion`) instead of being retrained. The
/// notebook's `GANExecutor`, which maps the trainer's outcome to the run's status, counts as
/// training code. Without a `Sources/` folder (a binary run elsewhere) it falls back to
/// `+<commit>` when the project is a git checkout, else the bare version. The digest describes
/// the files on disk; a binary not rebuilt after an edit still reports the edited sources.
public enum CodeVersion {
    /// Folders (and single files) of presentation code, relative to the project root.
    static let presentationPaths = ["Sources/MinimaxPlot/", "Sources/MinimaxNotebook/", "Sources/minimax/"]
    /// Files inside `presentationPaths` that are training code after all.
    static let trainingExceptions: Set<String> = ["Sources/MinimaxNotebook/GANExecutor.swift"]

    static func isPresentation(_ path: String) -> Bool {
        !trainingExceptions.contains(path) && presentationPaths.contains { path.hasPrefix($0) }
    }

    public static func current(projectRoot: URL) -> String {
        if let digest = sourceDigest(projectRoot: projectRoot, including: { !isPresentation($0) }) {
            return "\(MinimaxVersion.string)+src.\(digest.prefix(12))"
        }
        guard let commit = gitCommit(projectRoot: projectRoot) else { return MinimaxVersion.string }
        return "\(MinimaxVersion.string)+\(commit.prefix(7))"
    }

    /// The first 12 hex digits of the digest of the presentation code: a run's charts are
    /// redrawn when the code that drew them differs. Empty without a `Sources/` folder.
    public static func chartsVersion(projectRoot: URL) -> String {
        let digest = sourceDigest(projectRoot: projectRoot, including: { isPresentation($0) && $0 != "Package.swift" })
        return digest.map { String($0.prefix(12)) } ?? ""
    }

    /// SHA-256 hex of the files under `Sources/` (and `Package.swift`) whose project-relative
    /// path `including` accepts, or nil without `Sources/`.
    public static func sourceDigest(projectRoot: URL, including: (String) -> Bool = { _ in true }) -> String? {
        let sources = projectRoot.appendingPathComponent("Sources")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sources.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let walker = FileManager.default.enumerator(atPath: sources.path) else { return nil }
        var relativePaths = ["Package.swift"]
        while let path = walker.nextObject() as? String {
            if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular { relativePaths.append("Sources/" + path) }
        }
        var message: [UInt8] = []
        for path in relativePaths.sorted() where including(path) {
            guard let data = FileManager.default.contents(atPath: projectRoot.appendingPathComponent(path).path) else { continue }
            // Path and size delimit each file, so moving bytes between files changes the digest.
            message += Array("\(path)\u{0}\(data.count)\u{0}".utf8)
            message += data
        }
        return SHA256.hexDigest(message)
    }

    /// The full hex commit of HEAD, or nil when it cannot be read.
    public static func gitCommit(projectRoot: URL) -> String? {
        let dotGit = projectRoot.appendingPathComponent(".git")
        var gitDirectory = dotGit
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else { return nil }
        if !isDirectory.boolValue {
            guard let text = read(dotGit), text.hasPrefix("gitdir:") else { return nil }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : projectRoot.appendingPathComponent(path)
        }
        guard let head = read(gitDirectory.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref:") else { return isCommit(head) ? head : nil }
        let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        var folders = [gitDirectory]
        if let common = read(gitDirectory.appendingPathComponent("commondir")) {
            folders.append(common.hasPrefix("/") ? URL(fileURLWithPath: common) : gitDirectory.appendingPathComponent(common))
        }
        for folder in folders {
            if let commit = read(folder.appendingPathComponent(ref)), isCommit(commit) { return commit }
        }
        for folder in folders {
            guard let packed = read(folder.appendingPathComponent("packed-refs")) else { continue }
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                let commit = String(line.prefix(while: { $0 != " " }))
                if isCommit(commit) { return commit }
            }
        }
        return nil
    }

    private static func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isCommit(_ text: String) -> Bool {
        text.count >= 40 && text.allSatisfy(\.isHexDigit)
    }
}
