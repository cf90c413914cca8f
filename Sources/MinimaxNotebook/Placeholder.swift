import Foundation

/// A computed value quoted in lesson prose: `{{ cellid.metric }}`, `{{ cellid.label.metric }}`
/// (one compared experiment) or with a printf format `{{ cellid.modes | %.1f }}`.
/// Formats allowed: `%[flags][width][.precision]` then one of `d f e E g G` (`d` rounds);
/// the default is `%.4g`. `%%` is a literal percent sign.
public struct Placeholder: Equatable, Sendable {
    public var reference: String
    public var format: String?
    /// The whole `{{ … }}` text.
    public var text: String

    /// Finds every placeholder in `line`; a malformed one throws with `message`.
    static func scan(_ line: String) throws -> [(range: Range<String.Index>, placeholder: Placeholder)] {
        var found: [(Range<String.Index>, Placeholder)] = []
        var searchStart = line.startIndex
        while let open = line.range(of: "{{", range: searchStart..<line.endIndex) {
            guard let close = line.range(of: "}}", range: open.upperBound..<line.endIndex) else {
                throw PlaceholderError("'{{' without a closing '}}'")
            }
            let inner = line[open.upperBound..<close.lowerBound]
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let reference = parts[0].trimmingCharacters(in: .whitespaces)
            let format = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
            guard !reference.isEmpty, reference.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }), reference.contains(".") else {
                throw PlaceholderError("'{{\(inner)}}' is not a reference like {{ cellid.metric }}")
            }
            if let format, !isValidFormat(format) {
                throw PlaceholderError("'\(format)' in {{\(inner)}} is not a number format like %.2f, %d or %.3g")
            }
            found.append((open.lowerBound..<close.upperBound, Placeholder(reference: reference, format: format, text: String(line[open.lowerBound..<close.upperBound]))))
            searchStart = close.upperBound
        }
        return found
    }

    /// `value` printed with `format` (or `%.4g`); non-finite values print as `nan`, `inf`.
    public static func format(_ value: Double, with format: String?) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let format = format ?? "%.4g"
        if format.contains("d") {
            return String(format: format.replacingOccurrences(of: "d", with: "lld"), Int64(value.rounded()))
        }
        return String(format: format, value)
    }

    /// Whether `format` is exactly one numeric conversion (no `%s`, `%n`, `%@`, which would
    /// read memory that is not there).
    static func isValidFormat(_ format: String) -> Bool {
        var characters = Array(format)
        var conversions = 0
        var index = 0
        while index < characters.count {
            guard characters[index] == "%" else { index += 1; continue }
            index += 1
            if index < characters.count && characters[index] == "%" { index += 1; continue }
            while index < characters.count && "-+ 0#".contains(characters[index]) { index += 1 }
            while index < characters.count && characters[index].isNumber { index += 1 }
            if index < characters.count && characters[index] == "." {
                index += 1
                while index < characters.count && characters[index].isNumber { index += 1 }
            }
            guard index < characters.count, "dfeEgG".contains(characters[index]) else { return false }
            conversions += 1
            index += 1
        }
        characters.removeAll()
        return conversions == 1
    }
}

/// A malformed placeholder; the lesson runner adds file and line.
struct PlaceholderError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
