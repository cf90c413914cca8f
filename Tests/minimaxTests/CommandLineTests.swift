import Foundation
import Testing

/// Runs the built `minimax` binary the way a user does, in a scratch copy of the project.
@Suite struct CommandLineTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func binary() -> URL {
        // The test bundle sits next to the built products.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("minimax").path) {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("minimax")
    }

    /// A fresh project folder with copies of the repository's experiments and lessons.
    static func scratchProject() throws -> URL {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("minimax-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Experiments", "Lessons"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(folder),
                                             to: root.appendingPathComponent(folder))
        }
        return root
    }

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        // stderr (progress lines, can be long) goes to a file so the child never blocks on a full pipe.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("minimax-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = (try? Data(contentsOf: errorFile)) ?? Data()
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                      errors: String(decoding: errorData, as: UTF8.self))
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try Self.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func helpNamesEverySubcommand() throws {
        let result = try Self.run(["--help"])
        #expect(result.status == 0)
        for command in ["lesson", "run", "compare", "course", "list", "show", "data", "bench", "gallery"] {
            #expect(result.output.contains("  \(command) "), "help lacks \(command)")
        }
    }

    @Test func runPrintsAJSONSummary() throws {
        let project = try Self.scratchProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let result = try Self.run(["run", "Experiments/ring8-vanilla.yaml", "--quick", "--seed", "1",
                                   "--set", "steps=40", "--json"], in: project)
        #expect(result.status == 0, "\(result.errors)")
        let data = try #require(result.output.data(using: .utf8))
        let runs = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run["name"] as? String == "ring8-vanilla")
        #expect(run["status"] as? String == "finished")
        #expect(run["seed"] as? Int == 1)
        // --quick uses the spec's `quick:` block (steps: 30), not the --set value.
        #expect(run["steps"] as? Int == 30)
        let metrics = try #require(run["final_metrics"] as? [String: Double])
        #expect(metrics["modes"] != nil && metrics["d_loss"] != nil)
        let folder = try #require(run["run_folder"] as? String)
        for file in ["spec.yaml", "run.json", "metrics.csv", "charts/samples.png"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(folder).appendingPathComponent(file).path), "\(file)")
        }

        // The same command again is served from the cache, with the same summary.
        let again = try Self.run(["run", "Experiments/ring8-vanilla.yaml", "--quick", "--seed", "1",
                                  "--set", "steps=40", "--json"], in: project)
        #expect(again.status == 0)
        #expect(again.errors.contains("cached"))
        #expect(again.output == result.output)
    }

    @Test func aTypoInASpecNamesFileLineAndKey() throws {
        let project = try Self.scratchProject()
        defer { try? FileManager.default.removeItem(at: project) }
        try "extends: ring8-vanilla\nobjectiv: wgan-gp\n"
            .write(to: project.appendingPathComponent("Experiments/typo.yaml"), atomically: true, encoding: .utf8)
        let result = try Self.run(["run", "typo", "--quick"], in: project)
        #expect(result.status != 0)
        #expect(result.errors.contains("Experiments/typo.yaml:2:1"), "\(result.errors)")
        #expect(result.errors.contains("objective"), "did-you-mean missing: \(result.errors)")
    }

    @Test func aWrongTypeAndAMissingParentAreErrors() throws {
        let project = try Self.scratchProject()
        defer { try? FileManager.default.removeItem(at: project) }
        try "extends: ring8-vanilla\nsteps: many\n"
            .write(to: project.appendingPathComponent("Experiments/wrong-type.yaml"), atomically: true, encoding: .utf8)
        let wrongType = try Self.run(["run", "wrong-type"], in: project)
        #expect(wrongType.status != 0)
        #expect(wrongType.errors.contains("Experiments/wrong-type.yaml:2:8"), "\(wrongType.errors)")
        #expect(wrongType.errors.contains("steps"))

        try "extends: no-such-parent\n"
            .write(to: project.appendingPathComponent("Experiments/orphan.yaml"), atomically: true, encoding: .utf8)
        let orphan = try Self.run(["run", "orphan"], in: project)
        #expect(orphan.status != 0)
        #expect(orphan.errors.contains("no-such-parent"), "\(orphan.errors)")
    }

    @Test func badCommandLineValuesAreErrors() throws {
        let project = try Self.scratchProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let badSet = try Self.run(["run", "ring8-vanilla", "--set", "stabilizers.pakc=2"], in: project)
        #expect(badSet.status != 0)
        #expect(badSet.errors.contains("pack"), "\(badSet.errors)")
        let badSeeds = try Self.run(["run", "ring8-vanilla", "--seeds", "4-1"], in: project)
        #expect(badSeeds.status != 0)
        let oneCompare = try Self.run(["compare", "ring8-vanilla"], in: project)
        #expect(oneCompare.status != 0)
        #expect(oneCompare.errors.contains("at least two"))
    }

    @Test func aLessonNamingAnUnknownExperimentFailsWithoutAReport() throws {
        let project = try Self.scratchProject()
        defer { try? FileManager.default.removeItem(at: project) }
        try "# Broken\n\n```minimax\nrun: ring8-vanila\n```\n"
            .write(to: project.appendingPathComponent("Lessons/99-broken.md"), atomically: true, encoding: .utf8)
        let result = try Self.run(["lesson", "99-broken", "--quick"], in: project)
        #expect(result.status != 0)
        #expect(result.errors.contains("Lessons/99-broken.md:4"), "\(result.errors)")
        #expect(result.errors.contains("ring8-vanilla"), "did-you-mean missing: \(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("Reports/99-broken/README.md").path))

        let escape = try Self.run(["lesson", "99-broken", "--quick", "--output", "../../x"], in: project)
        #expect(escape.status != 0)
        #expect(escape.errors.contains("../../x"), "\(escape.errors)")
    }
}
