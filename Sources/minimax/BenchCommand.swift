import ArgumentParser
import MinimaxTensor

/// `minimax bench`: throughput of the engine's kernels on this machine.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure GEMM and convolution throughput (release build).")

    @Option(help: "Seconds spent timing each case.")
    var seconds: Double = 0.5

    func run() throws {
        print("OpenBLAS kernel: \(Engine.blasCoreName)")
        print(TensorBenchmarks.run(secondsPerCase: seconds))
    }
}
