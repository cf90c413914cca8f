import Foundation
import MinimaxGAN

extension LessonRunner {
    /// The values placeholders can quote: `cell.metric` (mean over seeds) and `cell.steps` for
    /// every cell with one experiment, `cell.label.metric` for every compared experiment, and
    /// each run cell's experiment name as an alias of its id. Each metric also has
    /// `….metric.std` (sample standard deviation over seeds), `….metric.min`, `….metric.max`
    /// and `….metric.seedN` (seed N's own value), so prose can quote a spread or one seed.
    func placeholderValues(_ results: [String: CellResult]) -> [String: Double] {
        var values: [String: Double] = [:]
        for cell in lesson.cells {
            guard let result = results[cell.id], cell.kind == .run || cell.kind == .compare else { continue }
            for item in result.comparison.items {
                let prefixes = cell.kind == .run ? [cell.id, item.spec.name] : ["\(cell.id).\(item.label)"]
                for prefix in prefixes {
                    for metric in item.metricNames where values["\(prefix).\(metric)"] == nil {
                        let name = "\(prefix).\(metric)"
                        let summary = item.summary(metric)
                        let perSeed = item.runs.compactMap { run in run.finalMetrics[metric].map { (run.seed, $0) } }
                        values[name] = summary.mean
                        values[name + ".std"] = summary.std
                        values[name + ".min"] = perSeed.map(\.1).min()
                        values[name + ".max"] = perSeed.map(\.1).max()
                        for (seed, value) in perSeed { values["\(name).seed\(seed)"] = value }
                    }
                    values["\(prefix).steps"] = values["\(prefix).steps"] ?? MeanStd(item.runs.map { Double($0.stepsDone) }).mean
                }
            }
        }
        return values
    }

    /// Replaces the placeholders of one prose line; an unknown reference names the file and line.
    func expand(_ line: String, lineNumber: Int, values: [String: Double]) throws -> String {
        let found: [(range: Range<String.Index>, placeholder: Placeholder)]
        do { found = try Placeholder.scan(line) } catch let problem as PlaceholderError {
            throw NotebookError.lesson(file: lesson.file, line: lineNumber, message: problem.message)
        }
        var result = line
        for (range, placeholder) in found.reversed() {
            guard let value = values[placeholder.reference] else {
                let cellID = String(placeholder.reference.split(separator: ".")[0])
                let known = Array(values.keys).sorted()
                let sameCell = known.filter { $0.hasPrefix(cellID + ".") }
                // A spread value (`….std`, `.seedN`) is a key whose prefix is another key.
                let metrics = sameCell.filter { key in
                    guard let dot = key.lastIndex(of: ".") else { return true }
                    return values[String(key[..<dot])] == nil
                }
                let hint = sameCell.isEmpty
                    ? "no cell '\(cellID)'\(EditDistance.didYouMean(cellID, among: Array(Set(known.map { String($0.split(separator: ".")[0]) })).sorted()))"
                    : "no such value\(EditDistance.didYouMean(placeholder.reference, among: sameCell)) (known: \(metrics.joined(separator: ", "));"
                        + " each metric also has .std, .min, .max and .seedN)"
                throw NotebookError.lesson(file: lesson.file, line: lineNumber, message: "unknown value \(placeholder.text): \(hint)")
            }
            result.replaceSubrange(range, with: Placeholder.format(value, with: placeholder.format))
        }
        return result
    }

    /// The report's Markdown: prose with placeholders expanded and cells replaced by their
    /// output, then "Reproduce" and "Runs" sections. Deterministic for the same run records.
    func reportMarkdown(_ results: [String: CellResult]) throws -> (markdown: String, headline: String?, figures: [ReportFigure], runs: [RunRecord]) {
        let values = placeholderValues(results)
        var output: [String] = []
        var figures: [ReportFigure] = []
        for segment in lesson.segments {
            switch segment {
            case let .prose(lines, firstLine, inCode):
                for (offset, line) in lines.enumerated() {
                    output.append(inCode[offset] ? line : try expand(line, lineNumber: firstLine + offset, values: values))
                }
            case let .cell(cell):
                guard let result = results[cell.id] else { continue }
                output.append(result.markdown)
                for figure in result.figures where !figures.contains(where: { $0.name == figure.name }) { figures.append(figure) }
            }
        }
        let headline = try lesson.headline.map { try expand($0, lineNumber: lesson.headlineLine, values: values) }

        var runs: [RunRecord] = []
        var commands: [String] = []
        for cell in lesson.cells {
            for item in results[cell.id]?.comparison.items ?? [] where cell.kind == .run || cell.kind == .compare {
                for run in item.runs where !runs.contains(where: { $0.folder == run.folder }) { runs.append(run) }
                if let command = item.command, !commands.contains(command) { commands.append(command) }
            }
        }
        while output.last == "" { output.removeLast() }
        output += ["", "## Reproduce", "", "Rebuild this report (runs are reused from `.minimax/runs/` when nothing changed):", "",
                   "```sh", "minimax lesson \(lesson.name)\(quick ? " --quick" : "")", "```"]
        if !commands.isEmpty {
            output += ["", "Run its experiments on their own:", "", "```sh"] + commands + ["```"]
        }
        if !runs.isEmpty {
            output += ["", "## Runs", "", MarkdownTable(
                header: ["run", "seed", "spec hash", "code version", "commit", "threads", "BLAS", "status", "wall time"],
                rows: runs.map { run in
                    ["`\(URL(fileURLWithPath: run.folder).lastPathComponent)`", "\(run.seed)", "`\(run.specHash.prefix(12))`",
                     run.codeVersion, run.gitCommit.map { "`\($0.prefix(7))`" } ?? "—", "\(run.threads)", run.blasCore, run.status.description,
                     run.wallSeconds.map { String(format: "%.1f s", $0) } ?? "—"]
                }).text]
        }
        return (output.joined(separator: "\n") + "\n", headline, figures, runs)
    }
}
