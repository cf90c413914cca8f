import Foundation
import MinimaxNN
import MinimaxGAN

/// The notebook: runs experiments through a cache, runs lessons into reports, builds the course.
///
/// The training itself is an `ExperimentExecutor` and the charts a `ChartRendering`, both given
/// at initialization, so this module stays independent of the trainer and of gnuplot.
public final class Notebook {
    public let paths: ProjectPaths
    public let executor: ExperimentExecutor
    public let charts: ChartRendering
    public let environment: ExecutionEnvironment
    /// `CodeVersion.current(projectRoot:)` unless given.
    public let codeVersion: String
    /// `CodeVersion.chartsVersion(projectRoot:)` unless given: cached runs drawn by other
    /// chart code have their charts redrawn.
    public let chartsVersion: String
    /// The checked-out git commit, recorded in each new run (not part of the cache key).
    public let gitCommit: String?
    /// Receives one-line messages (cache hits, stale locks, resumes).
    public let log: (String) -> Void
    /// Receives training progress: run name, seed, progress (the command line draws it).
    public var progress: (_ name: String, _ seed: UInt64, _ progress: RunProgress) -> Void = { _, _, _ in }

    public init(projectRoot: URL, executor: ExperimentExecutor, charts: ChartRendering = NoCharts(),
                environment: ExecutionEnvironment, codeVersion: String? = nil, chartsVersion: String? = nil,
                log: @escaping (String) -> Void = { _ in }) {
        paths = ProjectPaths(root: projectRoot)
        self.executor = executor
        self.charts = charts
        self.environment = environment
        self.codeVersion = codeVersion ?? CodeVersion.current(projectRoot: projectRoot)
        self.chartsVersion = chartsVersion ?? CodeVersion.chartsVersion(projectRoot: projectRoot)
        gitCommit = CodeVersion.gitCommit(projectRoot: projectRoot)
        self.log = log
    }

    /// Loads and validates a spec file (path relative to the project root, or an experiment name).
    public func loadSpec(path: String, overrides: [SpecOverride] = []) throws -> LoadedSpec {
        let url = try specURL(path)
        return try SpecLoader(project: paths).load(url: url, overrides: overrides)
    }

    /// Runs one experiment for one seed (default: the spec's first seed), reusing a finished
    /// run with the same spec hash, code version, thread count, BLAS kernel, seed and mode unless `force`.
    @discardableResult
    public func runExperiment(path: String, overrides: [SpecOverride] = [], seed: UInt64? = nil,
                              quick: Bool = false, force: Bool = false) throws -> RunRecord {
        let loaded = try loadSpec(path: path, overrides: overrides)
        return try run(loaded.spec, seed: seed ?? loaded.spec.seeds[0], quick: quick, force: force)
    }

    /// Runs one experiment for each seed (default: the spec's `seeds`).
    public func runExperiment(path: String, overrides: [SpecOverride] = [], seeds: [UInt64]?,
                              quick: Bool = false, force: Bool = false) throws -> [RunRecord] {
        let loaded = try loadSpec(path: path, overrides: overrides)
        return try (seeds ?? loaded.spec.seeds).map { try run(loaded.spec, seed: $0, quick: quick, force: force) }
    }

    /// The folder a run of `spec` with `seed` uses; named by the hash of the spec it trains.
    public func runFolder(for spec: ExperimentSpec, seed: UInt64, quick: Bool) -> RunFolder {
        let hash = (quick ? spec.quickened() : spec).specHash
        return RunFolder(url: paths.runs.appendingPathComponent(RunFolder.name(specName: spec.name, specHash: hash, seed: seed, quick: quick), isDirectory: true))
    }

    /// Runs a decoded spec: the cache, the lock, resume, the executor, the chart hook, `run.json`.
    public func run(_ spec: ExperimentSpec, seed: UInt64, quick: Bool, force: Bool = false) throws -> RunRecord {
        precondition(ProjectPaths.checkFileName(spec.name), "spec names are checked when loaded")
        let folder = runFolder(for: spec, seed: seed, quick: quick)
        try folder.create()
        let lock = try RunLock(file: folder.lockFile, log: log)
        defer { lock.release() }

        let trained = quick ? spec.quickened() : spec
        let hash = trained.specHash
        let previous = try? folder.readRecord()
        let sameKey = previous.map {
            $0.specHash == hash && $0.codeVersion == codeVersion && $0.threads == environment.threads && $0.blasCore == environment.blasCore
                && $0.seed == seed && $0.quick == quick
        } ?? false
        if var previous, sameKey, previous.status.isComplete, !force {
            guard previous.chartsVersion != chartsVersion else {
                log("cached: \(paths.display(folder.url)) (\(previous.status))")
                return previous
            }
            previous.charts = try drawCharts(trained, in: folder, adding: previous.charts)
            previous.chartsVersion = chartsVersion
            try folder.writeRecord(previous)
            log("cached: \(paths.display(folder.url)) (\(previous.status)); charts redrawn by the current chart code")
            return previous
        }
        let resume = sameKey && !force && folder.hasCheckpoint
        if !resume { try folder.clearOutputs() }

        var resolved = trained
        resolved.seeds = [seed]
        try AtomicFile.write(resolved.canonicalYAML, to: folder.specFile)
        let start = Date()
        var record = RunRecord(
            name: spec.name, seed: seed, specHash: hash, codeVersion: codeVersion, gitCommit: gitCommit, threads: environment.threads,
            blasCore: environment.blasCore, quick: quick, startedAt: Notebook.timestamp(start), status: .running,
            totalSteps: trained.steps, folder: paths.display(folder.url))
        try folder.writeRecord(record)
        log("\(resume ? "resuming" : "running") \(spec.name) seed \(seed)\(quick ? " (quick)" : "") in \(paths.display(folder.url))")

        let outcome: RunOutcome
        do {
            outcome = try executor.execute(trained, seed: seed, in: folder, resume: resume) { [progress] event in
                progress(spec.name, seed, event)
            }
        } catch {
            record.status = .interrupted
            record.endedAt = Notebook.timestamp(Date())
            record.wallSeconds = Date().timeIntervalSince(start)
            try? folder.writeRecord(record)
            throw error
        }
        let chartFiles = try drawCharts(trained, in: folder, adding: outcome.charts)
        let end = Date()
        record.status = outcome.status
        record.stepsDone = outcome.stepsDone
        record.finalMetrics = outcome.finalMetrics
        record.charts = chartFiles
        record.chartsVersion = chartsVersion
        record.endedAt = Notebook.timestamp(end)
        record.wallSeconds = (end.timeIntervalSince(start) * 1000).rounded() / 1000
        try folder.writeRecord(record)
        return record
    }

    /// Draws the charts `spec` asks for into the run folder; returns `existing` plus the new files.
    private func drawCharts(_ spec: ExperimentSpec, in folder: RunFolder, adding existing: [String]) throws -> [String] {
        var chartFiles = existing
        for file in try charts.renderRunCharts(spec.charts, spec: spec, folder: folder) where !chartFiles.contains(file) {
            chartFiles.append(file)
        }
        for file in chartFiles where !ProjectPaths.checkFileName(file) {
            throw NotebookError.pathEscapesProject(path: "charts/\(file)")
        }
        return chartFiles
    }

    /// Reads a run folder (absolute or project-relative path): its record, resolved spec and metrics.
    public func show(runFolder path: String) throws -> RunSummary {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : paths.root.appendingPathComponent(path)
        let folder = RunFolder(url: url)
        guard let record = try folder.readRecord() else {
            throw NotebookError.invalidRun(folder: path, message: "no run.json (not a run folder, or the run never started)")
        }
        let specText = (try? String(contentsOf: folder.specFile, encoding: .utf8)) ?? ""
        let metrics = try? MetricsTable.read(folder.metricsFile)
        return RunSummary(folder: folder, record: record, specYAML: specText, metrics: metrics)
    }

    func specURL(_ path: String) throws -> URL {
        if path.contains("/") || path.hasSuffix(".yaml") {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : paths.root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw NotebookError.missingSpec(reference: path, location: "command line",
                                                message: "no such file\(EditDistance.didYouMean(url.deletingPathExtension().lastPathComponent, among: paths.experimentNames()))")
            }
            return url
        }
        return try paths.experimentURL(path, location: "command line")
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// What `Notebook.show(runFolder:)` returns.
public struct RunSummary: Sendable, CustomStringConvertible {
    public var folder: RunFolder
    public var record: RunRecord
    public var specYAML: String
    public var metrics: MetricsTable?

    public var description: String {
        var lines = [
            "run \(record.folder)",
            "  spec \(record.name), hash \(record.specHash.prefix(12)), seed \(record.seed)\(record.quick ? ", quick" : "")",
            "  code \(record.codeVersion), \(record.threads) threads, BLAS \(record.blasCore)",
            "  status \(record.status), \(record.stepsDone)/\(record.totalSteps) steps"
                + (record.wallSeconds.map { String(format: ", %.1f s", $0) } ?? ""),
        ]
        for (name, value) in record.finalMetrics.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(name) = \(Placeholder.format(value, with: nil))")
        }
        if !record.charts.isEmpty { lines.append("  charts: \(record.charts.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
