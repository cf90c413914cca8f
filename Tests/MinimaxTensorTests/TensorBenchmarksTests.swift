import Foundation
import MinimaxTensor
import Testing

/// Timed benchmarks never run in CI: `MINIMAX_BENCH=1 swift test -c release --filter TensorBenchmarksTests`.
@Suite(.serialized) struct TensorBenchmarksTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MINIMAX_BENCH"] == "1"))
    func printsTheBenchmarkReport() {
        let report = TensorBenchmarks.run()
        print(report)
        #expect(report.contains("| 1024³ |"))
    }
}
