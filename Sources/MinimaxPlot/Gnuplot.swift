import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renders charts by running the `gnuplot` program (no shell) in the chart's folder.
///
/// `render` first writes `name.gp` and its data files into the folder, so they exist even
/// when gnuplot is missing or fails; the script refers to its data by relative path, and
/// `cd <folder> && gnuplot name.gp` redraws the chart.
public struct Gnuplot: Sendable {
    /// How the script reaches gnuplot.
    public enum ScriptInput: Sendable {
        /// `gnuplot name.gp`: gnuplot stops at the first error.
        case path
        /// The script piped on stdin (gnuplot reports every error and keeps going).
        case standardInput
    }

    /// The gnuplot program; `nil` means "search PATH when rendering".
    public var executable: URL?
    public var input: ScriptInput

    public init(executable: URL? = nil, input: ScriptInput = .path) {
        self.executable = executable
        self.input = input
    }

    /// The first `gnuplot` on PATH, if any.
    public static func findExecutable(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("gnuplot")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Whether a gnuplot program is available.
    public var isAvailable: Bool { resolvedExecutable() != nil }

    /// Writes and renders `figure` as `directory/name.<format>`; returns the image's URL.
    @discardableResult
    public func render(_ figure: Figure, name: String, in directory: URL, format: ChartFormat = .png) throws -> URL {
        try render(ChartWriter.files(for: figure, name: name, format: format), in: directory)
    }

    /// Writes and renders `animation` as `directory/name.gif`; returns the image's URL.
    @discardableResult
    public func render(_ animation: Animation, name: String, in directory: URL) throws -> URL {
        try render(ChartWriter.files(for: animation, name: name), in: directory)
    }

    /// Writes `files` into `directory` and renders them; returns the image's URL.
    @discardableResult
    public func render(_ files: ChartFiles, in directory: URL) throws -> URL {
        let script = try files.write(to: directory)
        let output = directory.appendingPathComponent(files.outputFileName)
        // A stale image from an earlier run must not pass for a fresh one.
        try? FileManager.default.removeItem(at: output)
        try run(script: script)
        guard FileManager.default.fileExists(atPath: output.path) else {
            throw GnuplotError.missingOutput(script: script, output: output)
        }
        return output
    }

    /// Runs an existing script with the working directory set to the script's folder, so its
    /// relative paths resolve there. Throws `GnuplotError` naming the script on failure.
    public func run(script: URL) throws {
        guard let executable = resolvedExecutable() else { throw GnuplotError.notInstalled(script: script) }
        // Without this, gnuplot exiting while we still write its stdin kills us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = script.deletingLastPathComponent()
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let scriptPipe = Pipe()
        switch input {
        case .path:
            process.arguments = [script.lastPathComponent]
            process.standardInput = FileHandle.nullDevice
        case .standardInput:
            process.arguments = []
            process.standardInput = scriptPipe
        }
        do {
            try process.run()
        } catch {
            throw GnuplotError.launchFailed(script: script, reason: error.localizedDescription)
        }
        if input == .standardInput {
            let text = (try? Data(contentsOf: script)) ?? Data()
            // Written on another thread so a chatty stderr cannot deadlock against a full stdin pipe.
            let writer = scriptPipe.fileHandleForWriting
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                try? writer.write(contentsOf: text)
                try? writer.close()
                done.signal()
            }
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            done.wait()
            process.waitUntilExit()
            try check(process, stderr: stderr, script: script)
        } else {
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try check(process, stderr: stderr, script: script)
        }
    }

    private func check(_ process: Process, stderr: Data, script: URL) throws {
        let message = String(decoding: stderr, as: UTF8.self)
        // On stdin gnuplot keeps going after an error, so its message is the only sign.
        let reportedError = input == .standardInput && message.range(of: "error", options: .caseInsensitive) != nil
        if process.terminationStatus != 0 || process.terminationReason != .exit || reportedError {
            throw GnuplotError.failed(script: script, status: process.terminationStatus, stderr: message)
        }
    }

    private func resolvedExecutable() -> URL? {
        if let executable {
            return FileManager.default.isExecutableFile(atPath: executable.path) ? executable : nil
        }
        return Self.findExecutable()
    }
}
