import Foundation
import MinimaxNotebook
import MinimaxTensor

/// One command's notebook: the project root, the trainer, gnuplot charts, progress output and Ctrl-C.
enum Session {
    /// The project root: the nearest folder, from the working directory up, with `Experiments/` or `Lessons/`.
    static func projectRoot() -> URL {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        while true {
            for marker in ["Lessons", "Experiments"] where FileManager.default.fileExists(atPath: dir.appendingPathComponent(marker).path) {
                return dir
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }
            dir = parent
        }
    }

    static func notebook(_ options: EngineOptions, json: Bool = false) -> Notebook {
        Engine.threads = options.threads
        Interrupt.install()
        let printer = ProgressPrinter()
        let notebook = Notebook(
            projectRoot: projectRoot(),
            executor: GANExecutor(shouldStop: { Interrupt.requested }),
            charts: GnuplotChartRenderer(),
            environment: ExecutionEnvironment(threads: options.threads, blasCore: Engine.blasCoreName),
            log: { message in printer.message(message) })
        notebook.progress = { name, seed, progress in printer.update(name: name, seed: seed, progress: progress) }
        return notebook
    }
}

/// Ctrl-C: the first press asks the trainer to checkpoint and stop; a second press exits at once.
enum Interrupt {
    nonisolated(unsafe) static var requested = false

    static func install() {
        signal(SIGINT) { _ in
            if Interrupt.requested { _exit(130) }
            Interrupt.requested = true
        }
    }
}

/// Training progress on stderr: one redrawn line on a terminal, plain periodic lines otherwise.
final class ProgressPrinter {
    let isTerminal = isatty(STDERR_FILENO) != 0
    private var current: (name: String, seed: UInt64, start: Date, firstStep: Int)?
    private var lastPrinted = Date.distantPast
    private var lineOpen = false

    func message(_ text: String) {
        endLine()
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func update(name: String, seed: UInt64, progress: RunProgress) {
        let now = Date()
        if current?.name != name || current?.seed != seed || progress.step < (current?.firstStep ?? 0) {
            current = (name, seed, now, progress.step)
        }
        guard let run = current else { return }
        let interval: TimeInterval = isTerminal ? 0.2 : 10
        let done = progress.step >= progress.totalSteps
        guard done || now.timeIntervalSince(lastPrinted) >= interval else { return }
        lastPrinted = now
        let elapsed = now.timeIntervalSince(run.start)
        let rate = elapsed > 0 ? Double(progress.step - run.firstStep) / elapsed : 0
        let eta = rate > 0 ? Double(progress.totalSteps - progress.step) / rate : 0
        let shown = ["d_loss", "g_loss", "modes", "high_quality"].compactMap { key in
            progress.values[key].map { "\(key) \(String(format: "%.3g", $0))" }
        }
        let line = "\(name) seed \(seed)  step \(progress.step)/\(progress.totalSteps)  "
            + String(format: "%.1f it/s  ETA %.0fs", rate, eta)
            + (shown.isEmpty ? "" : "  " + shown.joined(separator: "  "))
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            lineOpen = true
            if done { endLine() }
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    private func endLine() {
        if lineOpen { FileHandle.standardError.write(Data("\n".utf8)) }
        lineOpen = false
    }
}
