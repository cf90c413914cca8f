import ArgumentParser
import Foundation
import MinimaxData
import MinimaxGAN
import MinimaxTensor

/// `minimax bench`: training throughput of the reference workloads, or the kernel report.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure training throughput of the reference workloads (release build).",
        discussion: """
        Workloads (the same in PyTorch and JAX: see Benchmarks/README.md):
          toy2d         MLP GAN on the 8-Gaussian ring, batch 256, D then G step
          toy2d-wgangp  the same networks, WGAN-GP, 5 critic steps per G step
          dcgan-mnist   DCGAN, 28×28, batch 64 (mnist-5k, else random images)
          all           the three in turn
          kernels       GEMM and convolution microbenchmarks
        Throughput: median of timed repeats after a warm-up. GFLOP/s: analytic
        work per iteration. Peak memory: the process's ru_maxrss so far.
        """)

    @Argument(help: "toy2d, toy2d-wgangp, dcgan-mnist, all or kernels.")
    var workload: String = "all"

    @Option(help: "Threads for the tensor engine.")
    var threads: Int = 1

    @Option(help: "Timed repeats (the median is reported).")
    var repeats: Int = 5

    @Option(help: "Untimed warm-up iterations.")
    var warmup: Int = 3

    @Option(help: "Iterations per timed repeat (default: about --seconds worth).")
    var iterations: Int?

    @Option(help: "Seconds per timed repeat (kernels: per case) when --iterations is not given.")
    var seconds: Double = 1

    @Flag(help: ArgumentHelp("Skip the sgemm yardstick (for profiling runs under valgrind).", visibility: .hidden))
    var skipSGEMM = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp(
        "Run this many iterations untimed (seed 0) and print each one's losses as bit patterns and a hash of all parameters, buffers and optimizer state.",
        discussion: "Two builds, or two thread counts, computed the same bits exactly when the lines agree (Benchmarks/check_identity.sh)."))
    var fingerprint: Int?

    func validate() throws {
        guard workload == "all" || workload == "kernels" || ReferenceWorkload(rawValue: workload) != nil else {
            let names = ReferenceWorkload.allCases.map(\.rawValue) + ["all", "kernels"]
            throw ValidationError("unknown workload '\(workload)'; choose one of \(names.joined(separator: ", "))")
        }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64, got \(threads)") }
        guard repeats >= 1, warmup >= 0, seconds > 0 else { throw ValidationError("--repeats must be ≥ 1, --warmup ≥ 0, --seconds > 0") }
        if let iterations, iterations < 1 { throw ValidationError("--iterations must be ≥ 1, got \(iterations)") }
        if let fingerprint, fingerprint < 1 { throw ValidationError("--fingerprint must be ≥ 1, got \(fingerprint)") }
    }

    func run() throws {
        if workload == "kernels" {
            print("OpenBLAS kernel: \(Engine.blasCoreName)")
            print(TensorBenchmarks.run(secondsPerCase: seconds / 2))
            return
        }
        let workloads = ReferenceWorkload(rawValue: workload).map { [$0] } ?? ReferenceWorkload.allCases
        let mnist = workloads.contains(.dcganMNIST) ? try? ImageDataset.load(.mnist5k) : nil
        if let fingerprint {
            printFingerprints(workloads, iterations: fingerprint, mnist: mnist)
            return
        }
        var results: [ReferenceBenchmarkResult] = []
        for w in workloads {
            results.append(ReferenceBenchmark.run(w, threads: threads, warmup: warmup, repeats: repeats,
                                                  iterations: iterations, secondsPerRepeat: seconds, mnist: mnist,
                                                  measuresSGEMM: !skipSGEMM))
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        if json {
            let report = BenchReport(blasCore: Engine.blasCoreName, loadAverage: load, results: results)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        let route = Engine.convolutionsAreDirect ? "direct" : "im2col + GEMM"
        print("OpenBLAS kernel \(Engine.blasCoreName); convolutions \(route); \(threads) thread(s); load average \(load); median of \(repeats) repeats")
        print("")
        print("| workload | it/s | images/s | GFLOP/s | CPU ms/it | sgemm 512³ GFLOP/s | peak MB | real data |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for r in results {
            let images = r.imagesPerSecond.map { String(format: "%.0f", $0) } ?? "–"
            print("| \(r.workload) | \(String(format: "%.2f", r.iterationsPerSecond)) | \(images) | "
                  + "\(String(format: "%.1f", r.gflops)) | \(r.cpuMillisecondsPerIteration.map { String(format: "%.2f", $0) } ?? "–") | "
                  + "\(r.sgemmGFLOPS.map { String(format: "%.1f", $0) } ?? "–") | "
                  + "\(String(format: "%.0f", r.peakMemoryMB)) | \(r.realData) |")
        }
    }
}

extension BenchCommand {
    /// `--fingerprint N`: one line per iteration, `<workload> threads=<t> iteration=<i> d=<bits> g=<bits> state=<hash>`.
    func printFingerprints(_ workloads: [ReferenceWorkload], iterations: Int, mnist: ImageDataset?) {
        let saved = Engine.threads
        Engine.threads = threads
        defer { Engine.threads = saved }
        for w in workloads {
            let training = ReferenceTraining(w, seed: 0, mnist: mnist)
            for i in 1...iterations {
                let (d, g) = training.step()
                let hex = { (v: UInt64, digits: Int) -> String in
                    let s = String(v, radix: 16)
                    return String(repeating: "0", count: Swift.max(0, digits - s.count)) + s
                }
                print("\(w.rawValue) threads=\(threads) iteration=\(i) d=\(hex(UInt64(d.bitPattern), 8)) "
                      + "g=\(hex(UInt64(g.bitPattern), 8)) state=\(hex(training.stateFingerprint(), 16))")
            }
        }
    }
}

/// The `--json` output of `minimax bench`.
struct BenchReport: Codable {
    var tool = "minimax"
    var blasCore: String
    var loadAverage: String
    var results: [ReferenceBenchmarkResult]
}
