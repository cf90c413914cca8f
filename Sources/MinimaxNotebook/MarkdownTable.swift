/// A GitHub-flavoured Markdown table; `|` inside cells is escaped.
struct MarkdownTable {
    var header: [String]
    var rows: [[String]]

    var text: String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
    }
}

extension MeanStd {
    /// `8` for one seed, `7.6 ± 0.49` for several; `format` as in placeholders.
    func text(format: String? = nil) -> String {
        count > 1 ? "\(Placeholder.format(mean, with: format)) ± \(Placeholder.format(std, with: format))" : Placeholder.format(mean, with: format)
    }
}
