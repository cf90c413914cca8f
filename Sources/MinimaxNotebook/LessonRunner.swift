import Foundation
import MinimaxGAN
import Yams

/// A figure a report shows: copied from `source` to `figures/<name>`.
struct ReportFigure: Equatable {
    var source: URL
    var name: String
    var alt: String
}

/// What one executed cell contributes to the report.
struct CellResult {
    var cell: LessonCell
    var comparison: Comparison
    var figures: [ReportFigure]
    var markdown: String
}

/// Executes a lesson's cells in order (every run goes through the notebook's cache), then
/// hands the results to the report assembly. Nothing is written to `Reports/` here.
struct LessonRunner {
    let notebook: Notebook
    let lesson: Lesson
    let quick: Bool
    let force: Bool

    func executeCells() throws -> [String: CellResult] {
        var results: [String: CellResult] = [:]
        for cell in lesson.cells {
            switch cell.kind {
            case .run: results[cell.id] = try runCell(cell)
            case .compare: results[cell.id] = try compareCell(cell)
            case .figure: results[cell.id] = try figureCell(cell, results: results)
            case .table: results[cell.id] = try tableCell(cell, results: results)
            }
        }
        return results
    }

    // MARK: Cell kinds

    private func runCell(_ cell: LessonCell) throws -> CellResult {
        let overrides = try setOverrides(cell)
        guard let runNode = cell.node["run"] else { throw error(cell, cell.line, "run: missing") }
        let item = try runItem(runNode, label: nil, cell: cell, overrides: overrides, seeds: try cellSeeds(cell))
        let comparison = Comparison(items: [item], metrics: Notebook.metricUnion([item]))
        let figures = try figuresOf(item: item, cellID: cell.id, show: try showList(cell))
        var lines = ["**\(item.spec.name)**: \(describe(item))", ""]
        let rows = comparison.metrics.map { [$0, item.summary($0).text()] }
        if !rows.isEmpty { lines += [MarkdownTable(header: ["metric", item.runs.count > 1 ? "mean ± std over seeds" : "value"], rows: rows).text, ""] }
        if let note = comparison.undefinedNote { lines += [note, ""] }
        lines += figureMarkdown(figures.found) + figures.missing.map { "_(\($0) chart not drawn)_" }
        return CellResult(cell: cell, comparison: comparison, figures: figures.found, markdown: trimmed(lines))
    }

    private func compareCell(_ cell: LessonCell) throws -> CellResult {
        guard let list = cell.node["compare"]?.sequence, !list.isEmpty else {
            throw error(cell, cell.line + (cell.node["compare"]?.mark?.line ?? 1), "compare: expected a list of experiments")
        }
        let overrides = try setOverrides(cell)
        let seeds = try cellSeeds(cell)
        var items: [ComparisonItem] = []
        for entry in list {
            if let mapping = entry.mapping {
                for (key, _) in mapping where !["label", "run", "set"].contains(key.string ?? "") {
                    throw error(cell, cell.line + (key.mark?.line ?? 1), "compare item: unknown key '\(key.string ?? "")'\(EditDistance.didYouMean(key.string ?? "", among: ["label", "run", "set"]))")
                }
                guard let runNode = mapping["run"] else { throw error(cell, cell.line + (entry.mark?.line ?? 1), "compare item needs run:") }
                let itemOverrides = try overrides + parseSet(mapping["set"], cell: cell)
                items.append(try runItem(runNode, label: mapping["label"]?.string, cell: cell, overrides: itemOverrides, seeds: seeds))
            } else {
                items.append(try runItem(entry, label: nil, cell: cell, overrides: overrides, seeds: seeds))
            }
        }
        items = Notebook.uniqueLabels(items)
        for item in items where !item.label.allSatisfy({ $0.isLetter || $0.isNumber || "-_#".contains($0) }) {
            throw error(cell, cell.line, "compare label '\(item.label)' must be letters, digits, '-' or '_'")
        }
        let metrics = try stringList(cell, "metrics") ?? Notebook.metricUnion(items)
        let comparison = Comparison(items: items, metrics: metrics)
        var figures: [ReportFigure] = []
        let curvesFolder = notebook.paths.comparisons.appendingPathComponent("\(lesson.name)-\(cell.id)\(quick ? "-quick" : "")", isDirectory: true)
        for metric in try stringList(cell, "curves") ?? [] {
            let bands = comparison.curves(metric) { notebook.runFolder(for: $0) }
            try FileManager.default.createDirectory(at: curvesFolder, withIntermediateDirectories: true)
            if let file = try notebook.charts.renderComparison(metric: metric, curves: bands, into: curvesFolder, fileStem: metric),
               ProjectPaths.checkFileName(file) {
                figures.append(ReportFigure(source: curvesFolder.appendingPathComponent(file), name: "\(cell.id)-\(file)",
                                            alt: "\(metric) over steps, mean ± std over seeds: \(items.map(\.label).joined(separator: ", "))"))
            }
        }
        let seedText = Set(items.map(\.runs.count)).count == 1 ? "\(items[0].runs.count) seed\(items[0].runs.count == 1 ? "" : "s") each" : "seeds vary"
        let lines = ["Final metrics, mean ± std over seeds (\(seedText)\(quick ? ", quick mode" : "")):", "", comparison.markdownTable, ""]
            + figureMarkdown(figures)
        return CellResult(cell: cell, comparison: comparison, figures: figures, markdown: trimmed(lines))
    }

    private func figureCell(_ cell: LessonCell, results: [String: CellResult]) throws -> CellResult {
        let source = try earlierCell(cell, key: "figure", results: results)
        var figures: [ReportFigure] = []
        var missing: [String] = []
        for item in source.comparison.items {
            // Several experiments share the cell id: the label keeps their figures apart.
            let stem = source.comparison.items.count > 1 ? "\(source.cell.id)-\(item.label)" : source.cell.id
            let found = try figuresOf(item: item, cellID: stem, show: try showList(cell))
            figures += found.found
            missing += found.missing
        }
        var lines = figureMarkdown(figures) + Array(Set(missing)).sorted().map { "_(\($0) chart not drawn for \(source.comparison.items.count > 1 ? "some of these experiments" : "this run"))_" }
        if let caption = cell.node["caption"]?.string { lines += ["", "_\(caption)_"] }
        return CellResult(cell: cell, comparison: Comparison(items: [], metrics: []), figures: figures, markdown: trimmed(lines))
    }

    private func tableCell(_ cell: LessonCell, results: [String: CellResult]) throws -> CellResult {
        guard let references = cell.node["table"]?.sequence?.compactMap(\.string), !references.isEmpty else {
            throw error(cell, cell.line + 1, "table: expected a list of cell ids")
        }
        var items: [ComparisonItem] = []
        for reference in references {
            guard let source = results[reference] else {
                throw error(cell, cell.line + (cell.node["table"]?.mark?.line ?? 1), "table: no earlier cell '\(reference)'\(EditDistance.didYouMean(reference, among: Array(results.keys).sorted()))")
            }
            items += source.comparison.items
        }
        let comparison = Comparison(items: items, metrics: try stringList(cell, "metrics") ?? Notebook.metricUnion(items))
        return CellResult(cell: cell, comparison: comparison, figures: [], markdown: comparison.markdownTable)
    }

    // MARK: Helpers

    private func runItem(_ node: Node, label: String?, cell: LessonCell, overrides: [SpecOverride], seeds: [UInt64]?) throws -> ComparisonItem {
        let loader = SpecLoader(project: notebook.paths)
        let loaded: LoadedSpec
        var command: String?
        let line = cell.line + (node.mark?.line ?? 1)
        if let reference = node.string {
            let url = try notebook.paths.experimentURL(reference, location: "\(lesson.file):\(line)")
            loaded = try loader.load(url: url, overrides: overrides)
        } else if node.mapping != nil {
            loaded = try loader.load(inline: node, file: lesson.file, lineOffset: cell.lineOffset, defaultName: label ?? cell.id, overrides: overrides)
        } else {
            throw error(cell, line, "run: expected an experiment name, a path or an inline spec")
        }
        let runSeeds = seeds ?? loaded.spec.seeds
        if node.string != nil {
            command = Notebook.runCommand(file: loaded.files[0], seeds: runSeeds, overrides: overrides, quick: quick)
        }
        let runs = try runSeeds.map { try notebook.run(loaded.spec, seed: $0, quick: quick, force: force) }
        return ComparisonItem(label: label ?? loaded.spec.name, spec: loaded.spec, runs: runs, command: command)
    }

    private func figuresOf(item: ComparisonItem, cellID: String, show: [String]?) throws -> (found: [ReportFigure], missing: [String]) {
        guard let run = item.runs.first else { return ([], []) }
        let folder = notebook.runFolder(for: run)
        let images = run.charts.filter { [".png", ".svg", ".gif"].contains(where: $0.hasSuffix) }
        var found: [ReportFigure] = []
        var missing: [String] = []
        for chart in show ?? images.map({ String($0.split(separator: ".")[0]) }) {
            let matches = images.filter { $0.split(separator: ".")[0] == chart || $0.hasPrefix(chart + "-") }
            if matches.isEmpty { missing.append(chart) }
            for file in matches {
                let figure = ReportFigure(source: folder.charts.appendingPathComponent(file), name: "\(cellID)-\(file)",
                                          alt: "\(chart): \(item.spec.name), seed \(run.seed)\(run.quick ? ", quick" : "")")
                if !found.contains(figure) { found.append(figure) }
            }
        }
        return (found, missing)
    }

    private func figureMarkdown(_ figures: [ReportFigure]) -> [String] {
        figures.flatMap { ["![\($0.alt)](figures/\($0.name))", ""] }
    }

    private func describe(_ item: ComparisonItem) -> String {
        let statuses = item.runs.map { "seed \($0.seed): \($0.status)" }.joined(separator: ", ")
        return "\(item.spec.objective.rawValue) objective on \(item.spec.data.kind.rawValue) data, \(item.runs.first?.totalSteps ?? item.spec.steps) generator steps\(quick ? " (quick mode)" : ""); \(statuses)."
    }

    private func earlierCell(_ cell: LessonCell, key: String, results: [String: CellResult]) throws -> CellResult {
        guard let reference = cell.node[key]?.string else { throw error(cell, cell.line + 1, "\(key): expected the id of an earlier cell") }
        guard let result = results[reference] else {
            throw error(cell, cell.line + (cell.node[key]?.mark?.line ?? 1), "\(key): no earlier cell '\(reference)'\(EditDistance.didYouMean(reference, among: Array(results.keys).sorted()))")
        }
        return result
    }

    private func cellSeeds(_ cell: LessonCell) throws -> [UInt64]? {
        guard let node = cell.node["seeds"] ?? cell.node["seed"] else { return nil }
        let line = cell.line + (node.mark?.line ?? 1)
        if let number = node.int, number >= 0 { return [UInt64(number)] }
        if let list = node.sequence {
            let seeds = list.compactMap { $0.int.flatMap { $0 >= 0 ? UInt64($0) : nil } }
            guard seeds.count == list.count, !seeds.isEmpty else { throw error(cell, line, "seeds: expected non-negative integers") }
            return seeds
        }
        if let text = node.string {
            do { return try SeedList.parse(text) } catch { throw self.error(cell, line, "seeds: \(error)") }
        }
        throw error(cell, line, "seeds: expected a seed, a list or a range like 0-4")
    }

    private func showList(_ cell: LessonCell) throws -> [String]? {
        guard let list = try stringList(cell, "show") else { return nil }
        let known = ChartKind.allCases.map(\.rawValue)
        for name in list where !known.contains(name) {
            throw error(cell, cell.line + (cell.node["show"]?.mark?.line ?? 1), "show: unknown chart '\(name)'\(EditDistance.didYouMean(name, among: known)) (one of: \(known.joined(separator: ", ")))")
        }
        return list
    }

    private func stringList(_ cell: LessonCell, _ key: String) throws -> [String]? {
        guard let node = cell.node[key] else { return nil }
        guard let list = node.sequence?.compactMap(\.string), list.count == node.sequence?.count else {
            throw error(cell, cell.line + (node.mark?.line ?? 1), "\(key): expected a list of names")
        }
        return list
    }

    private func setOverrides(_ cell: LessonCell) throws -> [SpecOverride] {
        try parseSet(cell.node["set"], cell: cell)
    }

    private func parseSet(_ node: Node?, cell: LessonCell) throws -> [SpecOverride] {
        guard let node else { return [] }
        guard let mapping = node.mapping else { throw error(cell, cell.line + (node.mark?.line ?? 1), "set: expected a mapping of dotted keys to values") }
        return try mapping.map { key, value in
            SpecOverride(key: key.string ?? "", value: try LocatedSpecTree(node: value, file: lesson.file, lineOffset: cell.lineOffset).value)
        }
    }

    private func trimmed(_ lines: [String]) -> String {
        var lines = lines
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    func error(_ cell: LessonCell, _ line: Int, _ message: String) -> NotebookError {
        .lesson(file: lesson.file, line: line, message: message)
    }
}

extension Notebook {
    /// The folder of an existing run record.
    func runFolder(for record: RunRecord) -> RunFolder {
        RunFolder(url: paths.root.appendingPathComponent(record.folder, isDirectory: true))
    }
}
