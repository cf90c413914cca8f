import Foundation

/// The code version recorded in runs and reports: `MinimaxVersion.string`, plus `+<commit>`
/// (the first 7 hex digits of the checked-out commit) when the project is a git checkout.
///
/// The commit is read from files, never by running `git`: `.git/HEAD` (a `.git` file pointing
/// elsewhere, as in worktrees, is followed), then the ref file or `packed-refs`, in the
/// worktree's folder or its `commondir`. Uncommitted edits are not detected: a run made from a
/// dirty tree carries the commit it started from.
public enum CodeVersion {
    public static func current(projectRoot: URL) -> String {
        guard let commit = gitCommit(projectRoot: projectRoot) else { return MinimaxVersion.string }
        return "\(MinimaxVersion.string)+\(commit.prefix(7))"
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
