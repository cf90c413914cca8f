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
    /// `8` for one seed, `7.6 ± 0.49` for several, `inf` for a diverged value, and `–` when
    /// the mean is undefined (a seed's value is NaN; `undefinedNote` says why); `format` as in
    /// placeholders.
    func text(format: String? = nil) -> String {
        if mean.isNaN { return "–" }
        guard count > 1, mean.isFinite, !std.isNaN else { return Placeholder.format(mean, with: format) }
        return "\(Placeholder.format(mean, with: format)) ± \(Placeholder.format(std, with: format))"
    }

    /// The line under a table whose `metrics` columns show `–`, or nil when there are none;
    /// `oneRun` for a table of a single run's values.
    static func undefinedNote(_ metrics: [String], oneRun: Bool = false) -> String? {
        guard !metrics.isEmpty else { return nil }
        let names = metrics.map { "`\($0)`" }.joined(separator: ", ")
        var text = oneRun ? "– : undefined for this run (\(names))" : "– : undefined on at least one seed (\(names))"
        if metrics.contains("reverse_kl") || metrics.contains("js") {
            text += "; `reverse_kl` and `js` compare the mode histogram of the high-quality samples with the data's mode weights,"
                + " so a seed without a single high-quality sample has no value"
        }
        return text + "."
    }
}
