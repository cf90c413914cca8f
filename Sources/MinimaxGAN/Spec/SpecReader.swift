/// Reads typed fields out of one mapping of a `SpecValue` tree, collecting problems instead of
/// stopping at the first one.
///
/// Every read marks its key as known; `finish()` reports the keys nobody read as unknown, with
/// a did-you-mean among the keys that were read. (Synthesized `Codable` would silently ignore
/// them, which is how a typo'd `spectal_norm: true` turns into a silently unstabilized run.)
public final class SpecReader {
    public let path: String
    private let entries: [SpecEntry]
    private var knownKeys: [String] = []
    private let problems: SpecProblemLog

    /// A reader over `value` at dotted `path`; a non-mapping value is reported as a type error.
    public init(_ value: SpecValue?, path: String, problems: SpecProblemLog) {
        self.path = path
        self.problems = problems
        switch value {
        case .mapping(let entries)?: self.entries = entries
        case nil, .null?: self.entries = []
        case let other?:
            self.entries = []
            problems.add(path.isEmpty ? "(document)" : path, "expected a mapping, got \(other.typeDescription)", .wrongType)
        }
    }

    public func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Whether the mapping sets `key` (to anything but null).
    public func has(_ key: String) -> Bool {
        if let value = raw(key), value != .null { return true }
        return false
    }

    /// The raw value at `key`, marking the key as known.
    public func raw(_ key: String) -> SpecValue? {
        knownKeys.append(key)
        return entries.first { $0.key == key }?.value
    }

    public func int(_ key: String, default fallback: Int) -> Int {
        switch raw(key) {
        case nil, .null?: return fallback
        case .int(let number)?: return number
        case .double(let number)? where number.rounded() == number && abs(number) < 1e15: return Int(number)
        case let other?: return typeError(key, "an integer", other, fallback)
        }
    }

    public func double(_ key: String, default fallback: Double) -> Double {
        optionalDouble(key) ?? fallback
    }

    /// A number, or nil when absent or null (for settings that `null` switches off).
    public func optionalDouble(_ key: String) -> Double? {
        switch raw(key) {
        case nil, .null?: return nil
        case .int(let number)?: return Double(number)
        case .double(let number)?: return number
        case let other?: return typeError(key, "a number", other, nil)
        }
    }

    public func bool(_ key: String, default fallback: Bool) -> Bool {
        switch raw(key) {
        case nil, .null?: return fallback
        case .bool(let flag)?: return flag
        case let other?: return typeError(key, "true or false", other, fallback)
        }
    }

    public func string(_ key: String, default fallback: String) -> String {
        switch raw(key) {
        case nil, .null?: return fallback
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        case let other?: return typeError(key, "a string", other, fallback)
        }
    }

    public func enumeration<E: SpecEnum>(_ key: String, default fallback: E) -> E {
        switch raw(key) {
        case nil, .null?: return fallback
        case .string(let text)?:
            if let value = E(rawValue: text) { return value }
            let names = E.allCases.map(\.rawValue)
            problems.add(keyPath(key), "unknown value '\(text)'\(EditDistance.didYouMean(text, among: names)) (one of: \(names.joined(separator: ", ")))", .wrongType)
            return fallback
        case let other?: return typeError(key, "one of \(E.allCases.map(\.rawValue).joined(separator: ", "))", other, fallback)
        }
    }

    public func enumerations<E: SpecEnum>(_ key: String, default fallback: [E]) -> [E] {
        guard let value = raw(key), value != .null else { return fallback }
        guard case .sequence(let items) = value else { return typeError(key, "a list", value, fallback) }
        var result: [E] = []
        let names = E.allCases.map(\.rawValue)
        for (index, item) in items.enumerated() {
            let itemPath = "\(keyPath(key)).\(index)"
            guard case .string(let text) = item, let element = E(rawValue: text) else {
                let text = item.shortText
                problems.add(itemPath, "unknown value '\(text)'\(EditDistance.didYouMean(text, among: names)) (one of: \(names.joined(separator: ", ")))", .wrongType)
                continue
            }
            result.append(element)
        }
        return result
    }

    public func doubles(_ key: String, default fallback: [Double]) -> [Double] {
        guard let value = raw(key), value != .null else { return fallback }
        guard case .sequence(let items) = value else { return typeError(key, "a list of numbers", value, fallback) }
        var result: [Double] = []
        for (index, item) in items.enumerated() {
            switch item {
            case .int(let number): result.append(Double(number))
            case .double(let number): result.append(number)
            default:
                problems.add("\(keyPath(key)).\(index)", "expected a number, got \(item.typeDescription) '\(item.shortText)'", .wrongType)
            }
        }
        return result
    }

    public func doubleRows(_ key: String, default fallback: [[Double]]) -> [[Double]] {
        guard let value = raw(key), value != .null else { return fallback }
        guard case .sequence(let rows) = value else { return typeError(key, "a list of [x, y] points", value, fallback) }
        var result: [[Double]] = []
        for (index, row) in rows.enumerated() {
            let child = SpecReader(.mapping([SpecEntry("\(index)", row)]), path: keyPath(key), problems: problems)
            result.append(child.doubles("\(index)", default: []))
        }
        return result
    }

    public func seeds(_ key: String) -> [UInt64]? {
        guard let value = raw(key), value != .null else { return nil }
        switch value {
        case .int(let number) where number >= 0: return [UInt64(number)]
        case .string(let text):
            do { return try SeedList.parse(text) } catch {
                problems.add(keyPath(key), "\(error)", .wrongType)
                return nil
            }
        case .sequence(let items):
            var result: [UInt64] = []
            for (index, item) in items.enumerated() {
                guard case .int(let number) = item, number >= 0 else {
                    problems.add("\(keyPath(key)).\(index)", "expected a non-negative integer seed, got '\(item.shortText)'", .wrongType)
                    continue
                }
                result.append(UInt64(number))
            }
            return result
        default:
            return typeError(key, "a seed, a list of seeds or a range like 0-4", value, nil)
        }
    }

    /// A nested reader for the mapping at `key` (an empty one when absent).
    public func child(_ key: String) -> SpecReader {
        SpecReader(raw(key), path: keyPath(key), problems: problems)
    }

    /// Reports every key of this mapping that no read asked for.
    public func finish() {
        let known = Array(Set(knownKeys)).sorted()
        for entry in entries where !knownKeys.contains(entry.key) {
            problems.add(keyPath(entry.key), "unknown key\(EditDistance.didYouMean(entry.key, among: known))", .unknownKey)
        }
    }

    /// Records a problem at `key` of this mapping.
    public func problem(_ key: String, _ message: String, _ kind: SpecProblem.Kind = .outOfRange) {
        problems.add(keyPath(key), message, kind)
    }

    private func typeError<T>(_ key: String, _ expected: String, _ got: SpecValue, _ fallback: T) -> T {
        problems.add(keyPath(key), "expected \(expected), got \(got.typeDescription) '\(got.shortText)'", .wrongType)
        return fallback
    }
}

/// The problems found while reading one spec, shared by its nested readers.
public final class SpecProblemLog {
    public private(set) var problems: [SpecProblem] = []

    public init() {}

    public func add(_ keyPath: String, _ message: String, _ kind: SpecProblem.Kind) {
        problems.append(SpecProblem(keyPath, message, kind: kind))
    }
}
