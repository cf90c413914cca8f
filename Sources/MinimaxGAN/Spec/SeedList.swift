/// Parses seed lists as written on the command line or in specs: `3`, `0-4` (inclusive),
/// `0,2,5`, or a mix (`0-2,7`). Seeds keep their order; duplicates are an error.
public enum SeedList {
    /// A seed list that could not be parsed, with the offending text.
    public struct ParseError: Error, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String { "invalid seed list '\(text)': \(reason)" }
    }

    public static func parse(_ text: String) throws -> [UInt64] {
        var seeds: [UInt64] = []
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        for part in parts {
            let piece = part.trimmingCharacters(in: " ")
            let bounds = piece.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 1, let seed = UInt64(bounds[0]) {
                seeds.append(seed)
            } else if bounds.count == 2, let low = UInt64(bounds[0]), let high = UInt64(bounds[1]) {
                guard low <= high else { throw ParseError(text: text, reason: "range \(piece) runs backwards") }
                guard high - low < 10_000 else { throw ParseError(text: text, reason: "range \(piece) has more than 10000 seeds") }
                seeds.append(contentsOf: low...high)
            } else {
                throw ParseError(text: text, reason: "expected a seed (3), a range (0-4) or a list (0,2,5)")
            }
        }
        guard Set(seeds).count == seeds.count else { throw ParseError(text: text, reason: "a seed appears twice") }
        return seeds
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var result = self
        while result.first == set { result.removeFirst() }
        while result.last == set { result.removeLast() }
        return result
    }
}
