import Foundation
import MinimaxGAN

/// One experiment in a comparison: its spec and one run per seed.
public struct ComparisonItem: Sendable {
    public var label: String
    public var spec: ExperimentSpec
    public var runs: [RunRecord]
    /// How to rerun it from the command line (nil for a spec written inline in a lesson).
    public var command: String?

    /// A final metric over the seeds (non-finite values included, so a diverged seed shows).
    public func summary(_ metric: String) -> MeanStd {
        MeanStd(runs.compactMap { $0.finalMetrics[metric] })
    }

    /// Every final metric name of any run, sorted.
    public var metricNames: [String] { Array(Set(runs.flatMap { $0.finalMetrics.keys })).sorted() }
}

/// Several experiments × seeds, summarized as a table of final metrics (mean ± std).
public struct Comparison: Sendable {
    public var items: [ComparisonItem]
    /// Table columns, in order.
    public var metrics: [String]

    /// The Markdown table: one row per experiment, one column per metric; below it, when a
    /// cell shows `–`, the line that says why (`undefinedNote`).
    public var markdownTable: String {
        let seedCounts = Set(items.map(\.runs.count))
        let seedsHeader = seedCounts.count == 1 ? "seeds" : "seeds (varies)"
        let table = MarkdownTable(
            header: ["experiment", seedsHeader] + metrics,
            rows: items.map { item in [item.label, "\(item.runs.count)"] + metrics.map { item.summary($0).text() } }
        ).text
        return undefinedNote.map { table + "\n\n" + $0 } ?? table
    }

    /// Why some cells show `–` (nil when none does).
    public var undefinedNote: String? {
        MeanStd.undefinedNote(metrics.filter { metric in items.contains { $0.summary(metric).mean.isNaN } },
                              oneRun: items.count == 1 && items[0].runs.count == 1)
    }

    /// Mean ± std over seeds of `metric` at each step that every run logged, the band clipped
    /// to the seeds' range.
    public func curves(_ metric: String, folderOf: (RunRecord) -> RunFolder) -> [CurveBand] {
        items.compactMap { item in
            let series = item.runs.compactMap { try? MetricsTable.read(folderOf($0).metricsFile).series(metric) }
            guard series.count == item.runs.count, let first = series.first, !first.isEmpty else { return nil }
            let common = series.dropFirst().reduce(Set(first.map(\.step))) { $0.intersection($1.map(\.step)) }.sorted()
            guard !common.isEmpty else { return nil }
            let lookups = series.map { Dictionary($0.map { ($0.step, $0.value) }, uniquingKeysWith: { _, last in last }) }
            let values = common.map { step in lookups.compactMap { $0[step] } }
            let stats = values.map(MeanStd.init)
            let lower = zip(stats, values).map { stat, seeds in max(stat.mean - stat.std, seeds.min() ?? stat.mean) }
            let upper = zip(stats, values).map { stat, seeds in min(stat.mean + stat.std, seeds.max() ?? stat.mean) }
            return CurveBand(label: item.label, steps: common, mean: stats.map(\.mean), std: stats.map(\.std),
                             lower: lower, upper: upper)
        }
    }
}

extension Notebook {
    /// Runs each spec (paths or names) for each seed (default: each spec's own seeds) and
    /// summarizes the final metrics. Labels are spec names, made unique with `#2`, `#3`.
    public func compare(paths specPaths: [String], seeds: [UInt64]? = nil, overrides: [SpecOverride] = [],
                        metrics: [String]? = nil, quick: Bool = false, force: Bool = false) throws -> Comparison {
        var items: [ComparisonItem] = []
        for path in specPaths {
            let loaded = try loadSpec(path: path, overrides: overrides)
            let runSeeds = seeds ?? loaded.spec.seeds
            let runs = try runSeeds.map { try run(loaded.spec, seed: $0, quick: quick, force: force) }
            items.append(ComparisonItem(label: loaded.spec.name, spec: loaded.spec, runs: runs,
                                        command: Notebook.runCommand(file: loaded.files[0], seeds: runSeeds, overrides: overrides, quick: quick)))
        }
        return Comparison(items: Notebook.uniqueLabels(items), metrics: metrics ?? Notebook.metricUnion(items))
    }

    static func uniqueLabels(_ items: [ComparisonItem]) -> [ComparisonItem] {
        var seen: [String: Int] = [:]
        return items.map { item in
            var copy = item
            seen[item.label, default: 0] += 1
            if let count = seen[item.label], count > 1 { copy.label = "\(item.label)#\(count)" }
            return copy
        }
    }

    static func metricUnion(_ items: [ComparisonItem]) -> [String] {
        var names: [String] = []
        for item in items {
            for metric in item.spec.metrics.map(\.rawValue) + item.metricNames where !names.contains(metric) {
                if item.runs.contains(where: { $0.finalMetrics[metric] != nil }) { names.append(metric) }
            }
        }
        return names
    }

    /// `minimax run <file> --seeds … [--set k=v …] [--quick]`.
    static func runCommand(file: String, seeds: [UInt64], overrides: [SpecOverride], quick: Bool) -> String {
        var parts = ["minimax run \(file)"]
        parts.append(seeds.count == 1 ? "--seed \(seeds[0])" : "--seeds \(seeds.map(String.init).joined(separator: ","))")
        for override in overrides {
            parts.append("--set '\(override.key)=\(SpecYAMLWriter.flowText(override.value).replacingOccurrences(of: "'", with: "'\\''"))'")
        }
        if quick { parts.append("--quick") }
        return parts.joined(separator: " ")
    }
}
