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

    func notebook(_ executor: FakeExecutor, codeVersion: String = "0.1.0+test", chartsVersion: String = "charts-test",
                  blasCore: String = "Fake", charts: ChartRendering = NoCharts(), log: @escaping (String) -> Void = { _ in }) -> Notebook {
        Notebook(projectRoot: root, executor: executor, charts: charts, environment: ExecutionEnvironment(threads: 2, blasCore: blasCore),
                 codeVersion: codeVersion, chartsVersion: chartsVersion, log: log)
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
    /// Extra final metrics of a seed's run.
    var extraMetrics: (UInt64) -> [String: Double] = { _ in [:] }

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
        let metrics = ["modes": modes, "high_quality": 0.9].merging(extraMetrics(seed)) { _, extra in extra }
        return RunOutcome(status: .finished, stepsDone: spec.steps, finalMetrics: metrics, charts: charts)
    }
}

/// Writes one placeholder PNG per requested chart kind and counts the calls.
final class CountingCharts: ChartRendering {
    private(set) var runChartCalls = 0

    func renderRunCharts(_ charts: [ChartKind], spec: ExperimentSpec, folder: RunFolder) throws -> [String] {
        runChartCalls += 1
        return try charts.map { kind in
            try Data([0x89, 0x50, 0x4e, 0x47]).write(to: folder.charts.appendingPathComponent("\(kind.rawValue).png"))
            return "\(kind.rawValue).png"
        }
    }

    func renderComparison(metric: String, curves: [CurveBand], into folder: URL, fileStem: String) throws -> String? { nil }
}
