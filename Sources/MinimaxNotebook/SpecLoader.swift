import Foundation
import MinimaxGAN
import Yams

/// A spec after `extends`, overrides, decoding and validation, with where it came from.
public struct LoadedSpec: Sendable {
    /// The decoded, validated spec (full mode; `quickened()` gives the quick one).
    public var spec: ExperimentSpec
    /// The spec files on the `extends` chain, the loaded file first (project-relative).
    public var files: [String]
}

/// Loads experiment specs: YAML via Yams' node API (for positions), `extends` chains resolved
/// relative to each file's folder (`.yaml` optional, cycles detected), `--set` overrides applied,
/// then `ExperimentSpec(from:)` and `validate()`, with every problem reported as
/// `file:line:column: key: message` (or `--set key: message`).
///
/// A variant inherits everything from the spec it extends except `name` and `description`.
struct SpecLoader {
    let project: ProjectPaths

    /// Loads the spec at `url`.
    func load(url: URL, overrides: [SpecOverride] = []) throws -> LoadedSpec {
        var files: [String] = []
        var tree = try loadTree(url: url, chain: [], files: &files)
        try apply(overrides, to: &tree)
        let defaultName = url.deletingPathExtension().lastPathComponent
        return LoadedSpec(spec: try decode(tree, defaultName: defaultName, file: project.display(url)), files: files)
    }

    /// Loads a spec written inline (a lesson cell), whose `extends` resolves in `Experiments/`.
    func load(inline node: Node, file: String, lineOffset: Int, defaultName: String, overrides: [SpecOverride] = []) throws -> LoadedSpec {
        var tree = try LocatedSpecTree(node: node, file: file, lineOffset: lineOffset)
        var files: [String] = []
        if let parentReference = try extendsReference(of: tree) {
            let location = tree.location(of: "extends", preferKey: false)?.description ?? file
            let parentURL = try project.experimentURL(parentReference, location: location)
            let parent = try loadTree(url: parentURL, chain: [], files: &files)
            tree.removeTopLevel("extends")
            tree = parent.merged(with: tree)
        }
        try apply(overrides, to: &tree)
        return LoadedSpec(spec: try decode(tree, defaultName: defaultName, file: file), files: files)
    }

    private func loadTree(url: URL, chain: [URL], files: inout [String]) throws -> LocatedSpecTree {
        let standardized = url.standardizedFileURL
        if chain.contains(standardized) {
            throw NotebookError.extendsCycle(chain: (chain + [standardized]).map(project.display))
        }
        files.append(project.display(standardized))
        let display = project.display(standardized)
        let text: String
        do { text = try String(contentsOf: standardized, encoding: .utf8) } catch {
            throw NotebookError.io(path: display, message: "cannot read: \(error.localizedDescription)")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw NotebookError.invalidYAML(file: display, message: "\(error)")
        }
        var tree = try LocatedSpecTree(node: node ?? .mapping(.init([])), file: display)
        guard let parentReference = try extendsReference(of: tree) else { return tree }
        let location = tree.location(of: "extends", preferKey: false)?.description ?? display
        let parentURL = try resolveParent(parentReference, from: standardized, location: location)
        var parent = try loadTree(url: parentURL, chain: chain + [standardized], files: &files)
        parent.removeTopLevel("name")
        parent.removeTopLevel("description")
        tree.removeTopLevel("extends")
        return parent.merged(with: tree)
    }

    private func extendsReference(of tree: LocatedSpecTree) throws -> String? {
        switch tree.value["extends"] {
        case nil, .null?: return nil
        case .string(let reference)?: return reference
        case let other?:
            let location = tree.location(of: "extends", preferKey: false)?.description ?? "?"
            throw NotebookError.invalidSpec(file: location, messages: ["\(location): extends: expected a spec name, got \(other.typeDescription)"])
        }
    }

    private func resolveParent(_ reference: String, from file: URL, location: String) throws -> URL {
        let folder = file.deletingLastPathComponent()
        let candidates = reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
            ? [folder.appendingPathComponent(reference)]
            : [folder.appendingPathComponent(reference + ".yaml"), folder.appendingPathComponent(reference + ".yml"), folder.appendingPathComponent(reference)]
        if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) && !isDirectory($0) }) {
            return found
        }
        let siblings = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        throw NotebookError.missingSpec(reference: reference, location: location,
                                        message: "looked for \(project.display(candidates[0]))\(EditDistance.didYouMean(reference, among: siblings))")
    }

    private func apply(_ overrides: [SpecOverride], to tree: inout LocatedSpecTree) throws {
        for override in overrides {
            if override.key == "extends" {
                throw NotebookError.invalidOverride(key: "--set extends", message: "extends cannot be overridden; name the variant's file instead")
            }
            try tree.set(override.key, to: override.value, location: .commandLine(key: override.key))
        }
    }

    private func decode(_ tree: LocatedSpecTree, defaultName: String, file: String) throws -> ExperimentSpec {
        let problems: [SpecProblem]
        var spec: ExperimentSpec?
        do {
            spec = try ExperimentSpec(from: tree.value, defaultName: defaultName)
            problems = spec?.validate() ?? []
        } catch let error as SpecProblems {
            problems = error.problems
        }
        if let spec, problems.isEmpty { return spec }
        let messages = problems.map { problem -> String in
            let location = tree.location(of: problem.keyPath, preferKey: problem.kind == .unknownKey)
            return "\(location?.description ?? file): \(problem.keyPath): \(problem.message)"
        }
        throw NotebookError.invalidSpec(file: file, messages: messages)
    }

    private func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}
