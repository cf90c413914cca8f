import ArgumentParser
import Foundation
import MinimaxNotebook

/// `minimax compare <spec>...`: several experiments on the same seeds, side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Run several experiments on the same seeds and compare their final metrics.")

    @Argument(help: "Experiment names or spec paths (at least two).")
    var specs: [String]

    @OptionGroup var specOptions: SpecOptions
    @OptionGroup var engine: EngineOptions

    @Option(help: ArgumentHelp("Metrics to tabulate, comma-separated (default: all).", valueName: "list"))
    var metrics: String?

    @Flag(help: "Print a machine-readable summary on stdout.")
    var json = false

    func validate() throws {
        guard specs.count >= 2 else { throw ValidationError("compare needs at least two experiments, got \(specs.count)") }
    }

    func run() throws {
        let notebook = Session.notebook(engine)
        let comparison = try notebook.compare(
            paths: specs, seeds: specOptions.parsedSeeds(), overrides: specOptions.parsedOverrides(),
            metrics: metrics.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            quick: engine.quick, force: engine.force)
        if json {
            print(try RunJSON.encode(comparison.items.map { CompareJSON($0) }))
        } else {
            print(comparison.markdownTable)
        }
        try Interrupt.exitIfInterrupted()
    }
}

/// The `--json` summary of one compared experiment: its runs and mean ± std of each metric.
struct CompareJSON: Codable {
    var name: String
    var runs: [RunJSON]
    var mean: [String: Double]
    var std: [String: Double]

    init(_ item: ComparisonItem) {
        name = item.label
        runs = item.runs.map(RunJSON.init)
        var mean: [String: Double] = [:], std: [String: Double] = [:]
        for metric in item.metricNames {
            let summary = item.summary(metric)
            if summary.mean.isFinite { mean[metric] = summary.mean }
            if summary.std.isFinite { std[metric] = summary.std }
        }
        self.mean = mean
        self.std = std
    }
}
