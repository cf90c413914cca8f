import Foundation
import MinimaxGAN
import Yams

/// A parsed lesson (`Lessons/NN-topic.md`): optional front matter, prose, and cells, each with
/// its line numbers so that every error names `file:line`.
///
/// Front matter is a YAML block between `---` lines at the very top; it may set `title:` and
/// `headline:` (prose with placeholders, e.g. `"{{ vanilla.modes | %.1f }} of 8 modes covered"`,
/// shown in the course index). Placeholders are expanded in prose only, never inside other
/// fenced code blocks, so a lesson can show the syntax literally.
public struct Lesson {
    /// A run of lines of the lesson, either prose (with placeholders) or a cell.
    enum Segment {
        case prose(lines: [String], firstLine: Int, inCode: [Bool])
        case cell(LessonCell)
    }

    public var name: String
    /// Project-relative path, for messages.
    public var file: String
    public var title: String
    public var headline: String?
    public var headlineLine: Int
    public var cells: [LessonCell] { segments.compactMap { if case .cell(let cell) = $0 { return cell } else { return nil } } }
    var segments: [Segment]

    public init(text: String, name: String, file: String) throws {
        self.name = name
        self.file = file
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var index = 0
        title = name
        headline = nil
        headlineLine = 1
        var frontTitle: String?
        if lines.first == "---" {
            guard let end = lines.dropFirst().firstIndex(of: "---") else {
                throw NotebookError.lesson(file: file, line: 1, message: "front matter starting with '---' has no closing '---'")
            }
            let yaml = lines[1..<end].joined(separator: "\n")
            let node: Node?
            do { node = try Yams.compose(yaml: yaml) } catch {
                throw NotebookError.lesson(file: file, line: 2, message: "front matter is not valid YAML: \(error)")
            }
            for (key, value) in node?.mapping ?? Node.Mapping([]) {
                let keyName = key.string ?? ""
                let line = (key.mark?.line ?? 1) + 1
                switch keyName {
                case "title":
                    frontTitle = value.string
                    title = value.string ?? title
                case "headline":
                    headline = value.string
                    headlineLine = line
                default:
                    throw NotebookError.lesson(file: file, line: line, message: "unknown front matter key '\(keyName)'\(EditDistance.didYouMean(keyName, among: ["title", "headline"]))")
                }
            }
            index = end + 1
        }
        if frontTitle == nil, let heading = lines[index...].first(where: { $0.hasPrefix("# ") }) {
            title = String(heading.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }

        var segments: [Segment] = []
        var prose: [String] = []
        var inCode: [Bool] = []
        var proseStart = index + 1
        var openFence: String?
        var cellCount = 0
        var usedIDs: [String: Int] = [:]
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if openFence == nil, trimmed.hasPrefix("```"), trimmed.drop(while: { $0 == "`" }).trimmingCharacters(in: .whitespaces) == "minimax" {
                let fence = String(trimmed.prefix(while: { $0 == "`" }))
                guard let close = lines[(index + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == fence }) else {
                    throw NotebookError.lesson(file: file, line: index + 1, message: "minimax cell has no closing \(fence)")
                }
                if !prose.isEmpty { segments.append(.prose(lines: prose, firstLine: proseStart, inCode: inCode)) }
                cellCount += 1
                let cell = try Lesson.parseCell(lines[(index + 1)..<close].joined(separator: "\n"), fenceLine: index + 1,
                                                number: cellCount, file: file)
                if let earlier = usedIDs[cell.id] {
                    throw NotebookError.lesson(file: file, line: cell.line, message: "cell id '\(cell.id)' is already used by the cell at line \(earlier)")
                }
                usedIDs[cell.id] = cell.line
                segments.append(.cell(cell))
                prose = []
                inCode = []
                index = close + 1
                proseStart = index + 1
                continue
            }
            if trimmed.hasPrefix("```") {
                if let fence = openFence {
                    if trimmed == fence {
                        openFence = nil
                        prose.append(line)
                        inCode.append(true)
                        index += 1
                        continue
                    }
                } else {
                    openFence = String(trimmed.prefix(while: { $0 == "`" }))
                }
            }
            prose.append(line)
            inCode.append(openFence != nil)
            index += 1
        }
        if !prose.isEmpty { segments.append(.prose(lines: prose, firstLine: proseStart, inCode: inCode)) }
        self.segments = segments
    }

    /// Reads a lesson file.
    public init(url: URL, paths: ProjectPaths) throws {
        let display = paths.display(url)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw NotebookError.io(path: display, message: "cannot read lesson: \(error.localizedDescription)")
        }
        try self.init(text: text, name: url.deletingPathExtension().lastPathComponent, file: display)
    }

    static func parseCell(_ yaml: String, fenceLine: Int, number: Int, file: String) throws -> LessonCell {
        let node: Node
        do {
            guard let parsed = try Yams.compose(yaml: yaml) else {
                throw NotebookError.lesson(file: file, line: fenceLine, message: "empty minimax cell")
            }
            node = parsed
        } catch let error as NotebookError {
            throw error
        } catch {
            throw NotebookError.lesson(file: file, line: fenceLine, message: "cell is not valid YAML: \(error)")
        }
        guard let mapping = node.mapping else {
            throw NotebookError.lesson(file: file, line: fenceLine, message: "a cell is a YAML mapping starting with run:, compare:, figure: or table:")
        }
        let keys = mapping.keys.compactMap(\.string)
        let kinds = LessonCell.Kind.allCases.filter { keys.contains($0.rawValue) }
        guard kinds.count == 1, let kind = kinds.first else {
            let names = LessonCell.Kind.allCases.map(\.rawValue)
            let hint = keys.first.map { EditDistance.didYouMean($0, among: names) } ?? ""
            throw NotebookError.lesson(file: file, line: fenceLine, message: "a cell needs exactly one of run:, compare:, figure:, table:\(hint)")
        }
        let allowed = LessonCell.allowedKeys[kind] ?? []
        for (key, _) in mapping {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                throw NotebookError.lesson(file: file, line: fenceLine + (key.mark?.line ?? 1),
                                           message: "\(kind.rawValue) cell: unknown key '\(name)'\(EditDistance.didYouMean(name, among: allowed))")
            }
        }
        var id = "cell\(number)"
        if let given = mapping["id"] {
            guard let text = given.string, !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw NotebookError.lesson(file: file, line: fenceLine + (given.mark?.line ?? 1), message: "id must be letters, digits, '-' or '_'")
            }
            id = text
        } else if kind == .run, let reference = mapping["run"]?.string, let last = reference.split(separator: "/").last {
            id = last.hasSuffix(".yaml") ? String(last.dropLast(5)) : String(last)
        }
        return LessonCell(kind: kind, id: id, line: fenceLine, node: node, lineOffset: fenceLine)
    }
}
