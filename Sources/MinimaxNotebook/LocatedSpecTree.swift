import MinimaxGAN
import Yams

/// A spec's `SpecValue` tree plus where each dotted key path was set, so that problems found
/// after merging `extends` and `--set` overrides still point at the file that set the key.
struct LocatedSpecTree {
    var value: SpecValue
    /// Dotted key path → location of the key itself (for unknown keys).
    var keyLocations: [String: SourceLocation] = [:]
    /// Dotted key path → location of the value (for wrong types and ranges).
    var valueLocations: [String: SourceLocation] = [:]

    /// Converts a Yams node; `lineOffset` shifts lines for YAML embedded in a lesson cell.
    init(node: Node, file: String, lineOffset: Int = 0) throws {
        value = .null
        value = try convert(node, path: "", file: file, lineOffset: lineOffset)
    }

    init(value: SpecValue) { self.value = value }

    /// The location to show for a problem: the key's or the value's, falling back to the
    /// closest ancestor that has one.
    func location(of keyPath: String, preferKey: Bool) -> SourceLocation? {
        var path = keyPath
        while true {
            let found = preferKey ? (keyLocations[path] ?? valueLocations[path]) : (valueLocations[path] ?? keyLocations[path])
            if let found { return found }
            guard let dot = path.lastIndex(of: ".") else { return valueLocations[""] }
            path = String(path[..<dot])
        }
    }

    private mutating func convert(_ node: Node, path: String, file: String, lineOffset: Int) throws -> SpecValue {
        func location(_ mark: Mark?) -> SourceLocation {
            .file(path: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        }
        valueLocations[path] = location(node.mark)
        switch node {
        case .scalar(let scalar):
            return LocatedSpecTree.scalarValue(scalar)
        case .sequence(let sequence):
            var items: [SpecValue] = []
            for (index, item) in sequence.enumerated() {
                let itemPath = path.isEmpty ? "\(index)" : "\(path).\(index)"
                keyLocations[itemPath] = location(item.mark)
                items.append(try convert(item, path: itemPath, file: file, lineOffset: lineOffset))
            }
            return .sequence(items)
        case .mapping(let mapping):
            var entries: [SpecEntry] = []
            for (keyNode, valueNode) in mapping {
                guard let key = keyNode.scalar?.string else {
                    throw NotebookError.invalidSpec(file: file, messages: ["\(location(keyNode.mark)): keys must be plain names"])
                }
                if entries.contains(where: { $0.key == key }) {
                    throw NotebookError.invalidSpec(file: file, messages: ["\(location(keyNode.mark)): \(path.isEmpty ? key : "\(path).\(key)"): key appears twice"])
                }
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                keyLocations[keyPath] = location(keyNode.mark)
                entries.append(SpecEntry(key, try convert(valueNode, path: keyPath, file: file, lineOffset: lineOffset)))
            }
            return .mapping(entries)
        case .alias:
            throw NotebookError.invalidSpec(file: file, messages: ["\(location(node.mark)): YAML aliases are not supported in specs"])
        }
    }

    /// YAML 1.1 scalar resolution as Yams does it, plus plain `1e-4` read as a number (YAML 1.1
    /// would call it a string, which surprises everyone who writes learning rates). Quoted
    /// scalars are always strings.
    static func scalarValue(_ scalar: Node.Scalar) -> SpecValue {
        let node = Node.scalar(scalar)
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal || scalar.style == .folded {
            return .string(scalar.string)
        }
        if node.null != nil { return .null }
        if let flag = node.bool { return .bool(flag) }
        // Yams also resolves YAML 1.1 sexagesimal-like forms ("0-2" became -2): accept only
        // text that reads as a number on its own.
        let text = scalar.string.replacingOccurrences(of: "_", with: "")
        if let number = node.int, Int(text) != nil || text.hasPrefix("0x") || text.hasPrefix("0o") { return .int(number) }
        let specialFloats: Set<String> = [".inf", "+.inf", "-.inf", ".nan"]
        if let number = node.float, Double(text) != nil || specialFloats.contains(text.lowercased()) { return .double(number) }
        if let number = Double(scalar.string), scalar.string.contains(where: { $0 == "e" || $0 == "E" }) { return .double(number) }
        return .string(scalar.string)
    }

    /// Merges `child` over `self` (the parent): mappings merge key by key, anything else is
    /// replaced. A child mapping whose `kind` differs from the parent mapping's `kind` replaces
    /// that mapping whole (see `merge`). Locations of what the child sets win; locations inside
    /// a replaced mapping are dropped.
    func merged(with child: LocatedSpecTree) -> LocatedSpecTree {
        var result = self
        var replacedPaths: [String] = []
        result.value = LocatedSpecTree.merge(value, child.value, path: "", replacedPaths: &replacedPaths)
        for replaced in replacedPaths {
            for path in Array(result.keyLocations.keys) where path.hasPrefix(replaced + ".") { result.keyLocations[path] = nil }
            for path in Array(result.valueLocations.keys) where path.hasPrefix(replaced + ".") { result.valueLocations[path] = nil }
        }
        for (path, location) in child.keyLocations { result.keyLocations[path] = location }
        for (path, location) in child.valueLocations { result.valueLocations[path] = location }
        return result
    }

    /// `child` merged over `parent`. Mappings merge key by key, except that a child mapping that
    /// sets `kind` to something other than the parent mapping's `kind` replaces the parent's
    /// mapping: the parent's other keys belong to the old kind (a ring's `radius` is no grid
    /// setting, Adam's `betas` no RMSProp setting). A parent mapping without `kind` still merges.
    /// The dotted paths of replaced mappings are appended to `replacedPaths`.
    static func merge(_ parent: SpecValue, _ child: SpecValue, path: String, replacedPaths: inout [String]) -> SpecValue {
        guard case .mapping(var entries) = parent, case .mapping(let childEntries) = child else { return child }
        if let parentKind = entries.first(where: { $0.key == "kind" })?.value,
           let childKind = childEntries.first(where: { $0.key == "kind" })?.value, parentKind != childKind {
            replacedPaths.append(path)
            return child
        }
        for entry in childEntries {
            if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                let entryPath = path.isEmpty ? entry.key : "\(path).\(entry.key)"
                entries[index].value = merge(entries[index].value, entry.value, path: entryPath, replacedPaths: &replacedPaths)
            } else {
                entries.append(entry)
            }
        }
        return .mapping(entries)
    }

    /// Removes a top-level key (`extends`, and the parent's `name`/`description`, which a
    /// variant does not inherit).
    mutating func removeTopLevel(_ key: String) {
        guard case .mapping(let entries) = value else { return }
        value = .mapping(entries.filter { $0.key != key })
        for path in Array(keyLocations.keys) where path == key || path.hasPrefix(key + ".") { keyLocations[path] = nil }
        for path in Array(valueLocations.keys) where path == key || path.hasPrefix(key + ".") { valueLocations[path] = nil }
    }

    /// Sets a dotted key, creating mappings on the way (`--set stabilizers.pack=2`).
    mutating func set(_ keyPath: String, to newValue: SpecValue, location: SourceLocation) throws {
        let keys = keyPath.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keys.contains(where: \.isEmpty) else { throw NotebookError.invalidOverride(key: keyPath, message: "empty key segment") }
        value = try LocatedSpecTree.setting(value, keys: keys[...], to: newValue, fullKey: keyPath)
        for path in Array(valueLocations.keys) where path.hasPrefix(keyPath + ".") { valueLocations[path] = nil; keyLocations[path] = nil }
        keyLocations[keyPath] = location
        valueLocations[keyPath] = location
    }

    private static func setting(_ value: SpecValue, keys: ArraySlice<String>, to newValue: SpecValue, fullKey: String) throws -> SpecValue {
        guard let key = keys.first else { return newValue }
        var entries: [SpecEntry]
        switch value {
        case .mapping(let existing): entries = existing
        case .null: entries = []
        default:
            throw NotebookError.invalidOverride(key: fullKey, message: "cannot set '\(key)' inside \(value.typeDescription) '\(value.shortText)'")
        }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = try setting(entries[index].value, keys: keys.dropFirst(), to: newValue, fullKey: fullKey)
        } else {
            entries.append(SpecEntry(key, try setting(.null, keys: keys.dropFirst(), to: newValue, fullKey: fullKey)))
        }
        return .mapping(entries)
    }
}
