import Foundation
import Testing

/// Runs the built `minimax` binary the way a user does.
@Suite struct CommandLineTests {
    static func binary() -> URL {
        // The test bundle sits next to the built products.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("minimax").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("minimax")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary()
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func versionPrintsTheVersion() throws {
        let (status, output) = try Self.run(["--version"])
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func helpNamesTheTool() throws {
        let (status, output) = try Self.run(["--help"])
        #expect(status == 0)
        #expect(output.contains("USAGE: minimax"))
    }
}
