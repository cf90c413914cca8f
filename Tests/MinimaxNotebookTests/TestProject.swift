import Foundation
import MinimaxGAN
import MinimaxNotebook

/// A throw-away project folder (unique per test, removed by the caller's `defer`).
struct TestProject {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("minimax-notebook-\(UUID().uuidString)", isDirectory: true)
        for folder in ["Experiments", "Lessons", "Reports"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func notebook(_ executor: FakeExecutor, codeVersion: String = "0.1.0+test", log: @escaping (String) -> Void = { _ in }) -> Notebook {
        Notebook(projectRoot: root, executor: executor, environment: ExecutionEnvironment(threads: 2, blasCore: "Fake"),
                 codeVersion: codeVersion, log: log)
    }

    /// A small valid spec.
    static let ringSpec = """
        description: tiny ring
        data: {kind: ring, modes: 8}
        steps: 100
        """
}

/// Stands in for the trainer: writes `metrics.csv` (modes = 8 − seed/10 at the last step), a
/// checkpoint, and optionally a chart file; can be told to fail after writing the checkpoint.
final class FakeExecutor: ExperimentExecutor {
    struct Call: Equatable {
        var name: String
        var seed: UInt64
        var steps: Int
        var resume: Bool
    }

    private(set) var calls: [Call] = []
    var failNextCall = false
    var drawsCharts = true

    struct Interrupted: Error {}

    func execute(_ spec: ExperimentSpec, seed: UInt64, in folder: RunFolder, resume: Bool,
                 progress: (RunProgress) -> Void) throws -> RunOutcome {
        calls.append(Call(name: spec.name, seed: seed, steps: spec.steps, resume: resume))
        try Data("weights".utf8).write(to: folder.checkpoints.appendingPathComponent("latest.safetensors"))
        if failNextCall {
            failNextCall = false
            throw Interrupted()
        }
        let modes = 8 - Double(seed) / 10
        let csv = "step,modes,high_quality\n\(spec.steps / 2),4,0.5\n\(spec.steps),\(modes),0.9\n"
        try csv.write(to: folder.metricsFile, atomically: true, encoding: .utf8)
        progress(RunProgress(step: spec.steps, totalSteps: spec.steps))
        var charts: [String] = []
        if drawsCharts {
            try Data([0x89, 0x50, 0x4e, 0x47, UInt8(seed)]).write(to: folder.charts.appendingPathComponent("samples.png"))
            charts.append("samples.png")
        }
        return RunOutcome(status: .finished, stepsDone: spec.steps, finalMetrics: ["modes": modes, "high_quality": 0.9], charts: charts)
    }
}
