import Foundation

/// gnuplot could not render a written script. The message names the script and says how to
/// re-render it by hand.
public enum GnuplotError: Error, LocalizedError, CustomStringConvertible, Equatable {
    /// No `gnuplot` executable was found; the script and data files were still written.
    case notInstalled(script: URL)
    /// gnuplot could not be started.
    case launchFailed(script: URL, reason: String)
    /// gnuplot exited with a failure status; `stderr` is what it printed.
    case failed(script: URL, status: Int32, stderr: String)
    /// gnuplot exited cleanly but the image it should have drawn is missing.
    case missingOutput(script: URL, output: URL)

    public var description: String {
        switch self {
        case .notInstalled(let script):
            return "gnuplot was not found on PATH, so \(script.lastPathComponent) was written but not rendered. "
                + "Install it (Debian/Ubuntu: sudo apt-get install gnuplot-nox; macOS: brew install gnuplot) "
                + "and re-render with: cd \(script.deletingLastPathComponent().path) && gnuplot \(script.lastPathComponent)"
        case .launchFailed(let script, let reason):
            return "could not start gnuplot for \(script.path): \(reason)"
        case .failed(let script, let status, let stderr):
            let message = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            return "gnuplot failed on \(script.path) (exit status \(status))"
                + (message.isEmpty ? "" : ":\n\(message)")
        case .missingOutput(let script, let output):
            return "gnuplot ran \(script.path) but did not write \(output.lastPathComponent)"
        }
    }

    public var errorDescription: String? { description }
}
