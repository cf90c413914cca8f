import Foundation
import MinimaxNN
import Testing

@Suite struct AtomicFileTests {
    @Test func replacesTheFileAndLeavesNoTemporaryFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minimax-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("deep/metrics.csv")
        try AtomicFile.write("step\n1\n", to: file)
        try AtomicFile.write("step\n2\n", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "step\n2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["metrics.csv"])
    }

    /// A folder in the way of the file: the error names the file, and nothing is left behind.
    @Test func unwritableTargetNamesTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("minimax-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("run.json")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let error = try #require(throws: FileWriteError.self) { try AtomicFile.write("{}", to: target) }
        #expect(error.path == target.path)
        #expect(error.description.hasPrefix("\(target.path): cannot write: cannot move the temporary file into place"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["run.json"])
    }
}
