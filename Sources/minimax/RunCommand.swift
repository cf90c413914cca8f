import ArgumentParser
import Foundation
import MinimaxNotebook

/// `minimax run <spec>`: one experiment, one or more seeds.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Train one experiment (cached: a finished identical run is reused).")

    @Argument(help: "An experiment name in Experiments/ or a path to a spec file.")
    var spec: String

    @OptionGroup var specOptions: SpecOptions
    @OptionGroup var engine: EngineOptions

    @Flag(help: "Print a machine-readable summary on stdout.")
    var json = false

    func run() throws {
        let notebook = Session.notebook(engine)
        let records = try notebook.runExperiment(path: spec, overrides: specOptions.parsedOverrides(),
                                                 seeds: specOptions.parsedSeeds(), quick: engine.quick, force: engine.force)
        if json {
            print(try RunJSON.encode(records.map(RunJSON.init)))
        } else {
            for record in records { print(RunJSON(record).humanLine) }
        }
        try Interrupt.exitIfInterrupted(records)
    }
}

/// The `--json` summary of one run.
struct RunJSON: Codable {
    var name: String
    var status: String
    var seed: UInt64
    var steps: Int
    var wallSeconds: Double?
    var finalMetrics: [String: Double]
    var runFolder: String

    init(_ record: RunRecord) {
        name = record.name
        status = record.status.description
        seed = record.seed
        steps = record.stepsDone
        wallSeconds = record.wallSeconds
        finalMetrics = record.finalMetrics.filter { $0.value.isFinite && $0.key != "step" }
        runFolder = record.folder
    }

    enum CodingKeys: String, CodingKey {
        case name, status, seed, steps, finalMetrics = "final_metrics", wallSeconds = "wall_seconds", runFolder = "run_folder"
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    var humanLine: String {
        let metrics = finalMetrics.keys.sorted().map { "\($0) \(String(format: "%.4g", finalMetrics[$0] ?? 0))" }.joined(separator: ", ")
        let wall = wallSeconds.map { String(format: "%.1f s", $0) } ?? "-"
        return "\(name) seed \(seed): \(status) after \(steps) steps in \(wall) → \(runFolder)\(metrics.isEmpty ? "" : "\n  \(metrics)")"
    }
}

extension Interrupt {
    /// After Ctrl-C the trainer has checkpointed: say how to resume and exit with 130.
    static func exitIfInterrupted(_ records: [RunRecord] = []) throws {
        guard requested else { return }
        FileHandle.standardError.write(Data("interrupted: the run was checkpointed; run the same command again to resume.\n".utf8))
        throw ExitCode(130)
    }
}
