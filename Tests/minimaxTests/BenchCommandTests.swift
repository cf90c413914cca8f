import Foundation
import Testing

/// `minimax bench` as a user runs it (one tiny timed repeat: this checks the report, not the speed).
@Suite struct BenchCommandTests {
    @Test func jsonReportHasTheFigures() throws {
        let result = try CommandLineTests.run(
            ["bench", "toy2d", "--threads", "2", "--iterations", "1", "--warmup", "0", "--repeats", "1", "--skip-sgemm", "--json"])
        let output = result.output
        #expect(result.status == 0, "\(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results.first?["workload"] as? String == "toy2d")
        #expect(results.first?["threads"] as? Int == 2)
        #expect((results.first?["iterationsPerSecond"] as? Double ?? 0) > 0)
        #expect((results.first?["peakMemoryMB"] as? Double ?? 0) > 0)
        #expect(results.first?["realData"] as? String == "ring-8")
    }

    @Test func unknownWorkloadIsRejectedWithTheChoices() throws {
        let result = try CommandLineTests.run(["bench", "toy3d"])
        #expect(result.status != 0)
        #expect(result.errors.contains("unknown workload 'toy3d'"))
        #expect(result.errors.contains("toy2d-wgangp"))
    }
}
