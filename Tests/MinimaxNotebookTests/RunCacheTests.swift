import Foundation
import MinimaxGAN
import MinimaxNotebook
import Testing

@Suite struct RunCacheTests {
    @Test func finishedRunIsReusedUntilForcedOrCodeChanges() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/ring.yaml", TestProject.ringSpec)
        let executor = FakeExecutor()
        let notebook = project.notebook(executor)
        let first = try notebook.runExperiment(path: "ring", seed: 1)
        let second = try notebook.runExperiment(path: "Experiments/ring.yaml", seed: 1)
        #expect(executor.calls.count == 1)
        #expect(first == second)
        #expect(first.status == .finished && first.finalMetrics["modes"] == 7.9)
        #expect(first.folder == ".minimax/runs/ring-\(first.specHash.prefix(8))-seed1")
        let spec = try project.read(first.folder + "/spec.yaml")
        #expect(spec.contains("seeds: [1]\n") && spec.contains("weight_clip: null\n"))

        _ = try notebook.runExperiment(path: "ring", seed: 1, force: true)
        #expect(executor.calls.count == 2)
        _ = try project.notebook(executor, codeVersion: "0.2.0").runExperiment(path: "ring", seed: 1)
        #expect(executor.calls.count == 3)
        // Another BLAS kernel rounds differently: a different run too.
        _ = try project.notebook(executor, blasCore: "SkylakeX").runExperiment(path: "ring", seed: 1)
        #expect(executor.calls.count == 4)
        _ = try project.notebook(executor, blasCore: "SkylakeX").runExperiment(path: "ring", seed: 1)
        #expect(executor.calls.count == 4)
        // Another seed and quick mode are different runs; quick runs max(20, 100 / 10) = 20 steps.
        let quick = try notebook.runExperiment(path: "ring", seed: 1, quick: true)
        #expect(executor.calls.last == .init(name: "ring", seed: 1, steps: 20, resume: false))
        #expect(quick.folder.hasSuffix("-quick-seed1"))
    }

    /// Editing the `quick:` block reruns the quick run and keeps the full one.
    @Test func quickBlockEditKeepsTheFullRun() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/ring.yaml", TestProject.ringSpec)
        let executor = FakeExecutor()
        let notebook = project.notebook(executor)
        let full = try notebook.runExperiment(path: "ring", seed: 0)
        let quick = try notebook.runExperiment(path: "ring", seed: 0, quick: true)
        try project.write("Experiments/ring.yaml", TestProject.ringSpec + "\nquick: {steps: 30}\n")
        #expect(try notebook.runExperiment(path: "ring", seed: 0) == full)
        #expect(executor.calls.count == 2)
        let requick = try notebook.runExperiment(path: "ring", seed: 0, quick: true)
        #expect(executor.calls.count == 3 && executor.calls.last?.steps == 30)
        #expect(requick.specHash != quick.specHash && requick.folder != quick.folder)
    }

    /// A cached run whose charts other chart code drew gets them redrawn, without training.
    @Test func chartCodeChangeRedrawsChartsWithoutRetraining() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/ring.yaml", TestProject.ringSpec + "\ncharts: [losses]\n")
        let executor = FakeExecutor()
        let charts = CountingCharts()
        var messages: [String] = []
        let first = try project.notebook(executor, charts: charts).runExperiment(path: "ring", seed: 0)
        #expect(first.chartsVersion == "charts-test" && first.charts == ["samples.png", "losses.png"])
        #expect(charts.runChartCalls == 1)
        _ = try project.notebook(executor, charts: charts).runExperiment(path: "ring", seed: 0)
        #expect(charts.runChartCalls == 1)
        let redrawn = try project.notebook(executor, chartsVersion: "charts-2", charts: charts) { messages.append($0) }
            .runExperiment(path: "ring", seed: 0)
        #expect(executor.calls.count == 1 && charts.runChartCalls == 2)
        #expect(redrawn.chartsVersion == "charts-2" && redrawn.charts == first.charts && redrawn.finalMetrics == first.finalMetrics)
        #expect(messages.contains { $0.contains("charts redrawn") })
        #expect(try #require(try RunFolder(url: project.root.appendingPathComponent(first.folder)).readRecord()).chartsVersion == "charts-2")
    }

    @Test func interruptedRunIsResumedFromItsCheckpoint() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/ring.yaml", TestProject.ringSpec)
        let executor = FakeExecutor()
        executor.failNextCall = true
        let notebook = project.notebook(executor)
        #expect(throws: FakeExecutor.Interrupted.self) { try notebook.runExperiment(path: "ring") }
        let spec = try notebook.loadSpec(path: "ring").spec
        let record = try #require(try notebook.runFolder(for: spec, seed: 0, quick: false).readRecord())
        #expect(record.status == .interrupted)
        let resumed = try notebook.runExperiment(path: "ring")
        #expect(executor.calls.map(\.resume) == [false, true])
        #expect(resumed.status == .finished)
    }

    @Test func liveLockRefusesAndStaleLockIsTakenOver() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/ring.yaml", TestProject.ringSpec)
        let executor = FakeExecutor()
        var messages: [String] = []
        let notebook = project.notebook(executor) { messages.append($0) }
        let spec = try notebook.loadSpec(path: "ring").spec
        let folder = notebook.runFolder(for: spec, seed: 0, quick: false)
        try folder.create()

        try "\(getpid())\n".write(to: folder.lockFile, atomically: true, encoding: .utf8)
        #expect(throws: NotebookError.runLocked(folder: folder.url.path, pid: getpid())) { try notebook.runExperiment(path: "ring") }
        #expect(executor.calls.isEmpty)

        // pid_max on Linux is at most 2^22, so this pid cannot be alive.
        try "99999999\n".write(to: folder.lockFile, atomically: true, encoding: .utf8)
        _ = try notebook.runExperiment(path: "ring")
        #expect(executor.calls.count == 1)
        #expect(messages.contains { $0.hasPrefix("taking over stale lock") && $0.contains("99999999") })
        #expect(!FileManager.default.fileExists(atPath: folder.lockFile.path))
    }

    @Test func runRecordRoundTripsThroughJSON() throws {
        let record = RunRecord(name: "x", seed: 3, specHash: "ab", codeVersion: "0.1.0", threads: 2, blasCore: "Haswell",
                               quick: false, startedAt: "2025-01-01T00:00:00Z", status: .diverged(step: 812), totalSteps: 900,
                               finalMetrics: ["energy": .nan, "modes": 2], folder: ".minimax/runs/x")
        let decoded = try RunRecord.decode(record.jsonData())
        #expect(decoded.status == .diverged(step: 812))
        #expect(decoded.finalMetrics["energy"]?.isNaN == true)
        #expect(decoded.finalMetrics["modes"] == 2)
        #expect(String(decoding: try record.jsonData(), as: UTF8.self).contains("\"status\" : \"diverged at step 812\""))
    }

    @Test func codeVersionReadsGitWithoutAShell() throws {
        let project = try TestProject()
        defer { project.remove() }
        let commit = "0123456789abcdef0123456789abcdef01234567"
        try project.write(".git/HEAD", "ref: refs/heads/main\n")
        try project.write(".git/packed-refs", "# pack-refs with: peeled\n\(commit) refs/heads/main\n")
        #expect(CodeVersion.current(projectRoot: project.root) == "\(MinimaxVersion.string)+0123456")
        try project.write(".git/refs/heads/main", "fedcba9876543210fedcba9876543210fedcba98\n")
        #expect(CodeVersion.gitCommit(projectRoot: project.root) == "fedcba9876543210fedcba9876543210fedcba98")
    }

    /// The code version follows the code: an edit under Sources/ or to Package.swift changes it,
    /// an edit to a lesson, a README or the git commit does not.
    @Test func codeVersionIsADigestOfTheSources() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write(".git/HEAD", "0123456789abcdef0123456789abcdef01234567\n")
        try project.write("Package.swift", "// swift-tools-version:6.1\n")
        try project.write("Sources/A/A.swift", "let a = 1\n")
        let first = CodeVersion.current(projectRoot: project.root)
        #expect(first.hasPrefix("\(MinimaxVersion.string)+src."))
        #expect(first.count == "\(MinimaxVersion.string)+src.".count + 12)

        try project.write("Lessons/01.md", "prose\n")
        try project.write(".git/HEAD", "fedcba9876543210fedcba9876543210fedcba98\n")
        #expect(CodeVersion.current(projectRoot: project.root) == first)

        try project.write("Sources/A/A.swift", "let a = 2\n")
        let edited = CodeVersion.current(projectRoot: project.root)
        #expect(edited != first)
        try project.write("Package.swift", "// swift-tools-version:6.2\n")
        #expect(CodeVersion.current(projectRoot: project.root) != edited)
        // Moving bytes from one file to the next changes the digest too.
        try project.write("Sources/A/A.swift", "let a = 2\nlet b")
        try project.write("Sources/A/B.swift", " = 3\n")
        let split = CodeVersion.current(projectRoot: project.root)
        try project.write("Sources/A/A.swift", "let a = 2\n")
        try project.write("Sources/A/B.swift", "let b = 3\n")
        #expect(CodeVersion.current(projectRoot: project.root) != split)
    }

    /// Chart, report and command-line code is not training code: editing it keeps the code
    /// version (and the cached runs) and changes the charts version instead; the notebook's
    /// GANExecutor counts as training code.
    @Test func presentationCodeChangesTheChartsVersionOnly() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Package.swift", "// swift-tools-version:6.1\n")
        try project.write("Sources/MinimaxGAN/Trainer.swift", "let steps = 1\n")
        try project.write("Sources/MinimaxNotebook/GANExecutor.swift", "let executor = 1\n")
        try project.write("Sources/MinimaxNotebook/RunCharts.swift", "let charts = 1\n")
        try project.write("Sources/MinimaxPlot/Figure.swift", "let figure = 1\n")
        try project.write("Sources/minimax/Main.swift", "let main = 1\n")
        let code = CodeVersion.current(projectRoot: project.root)
        let charts = CodeVersion.chartsVersion(projectRoot: project.root)
        #expect(charts.count == 12)

        for (path, text) in [("Sources/MinimaxNotebook/RunCharts.swift", "let charts = 2\n"), ("Sources/MinimaxPlot/Figure.swift", "let figure = 2\n")] {
            let before = CodeVersion.chartsVersion(projectRoot: project.root)
            try project.write(path, text)
            #expect(CodeVersion.current(projectRoot: project.root) == code)
            #expect(CodeVersion.chartsVersion(projectRoot: project.root) != before)
        }
        try project.write("Sources/minimax/Main.swift", "let main = 2\n")
        #expect(CodeVersion.current(projectRoot: project.root) == code)

        let chartsNow = CodeVersion.chartsVersion(projectRoot: project.root)
        try project.write("Sources/MinimaxNotebook/GANExecutor.swift", "let executor = 2\n")
        let executorEdited = CodeVersion.current(projectRoot: project.root)
        #expect(executorEdited != code)
        #expect(CodeVersion.chartsVersion(projectRoot: project.root) == chartsNow)
        try project.write("Sources/MinimaxGAN/Trainer.swift", "let steps = 2\n")
        #expect(CodeVersion.current(projectRoot: project.root) != executorEdited)
        #expect(CodeVersion.chartsVersion(projectRoot: project.root) == chartsNow)
    }
}
