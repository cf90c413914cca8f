import Foundation
import MinimaxData
import MinimaxTensor

/// Timing of one `ReferenceWorkload` (what `minimax bench <workload>` prints).
public struct ReferenceBenchmarkResult: Codable, Sendable {
    public var workload: String
    public var threads: Int
    /// Median over the timed repeats of iterations per second.
    public var iterationsPerSecond: Double
    /// Iterations per second of every timed repeat, in order.
    public var repeatIterationsPerSecond: [Double]
    /// Iterations in each timed repeat.
    public var iterationsPerRepeat: Int
    /// Generated images per second (dcgan-mnist only).
    public var imagesPerSecond: Double?
    /// Analytic matmul/conv GFLOP per iteration × the median it/s.
    public var gflops: Double
    /// Raw OpenBLAS sgemm (512³, OpenBLAS threaded with the same thread count) measured just
    /// before the workload in the same process: how fast this machine multiplies right now
    /// (nil when skipped, e.g. under a profiler).
    public var sgemmGFLOPS: Double?
    /// Process CPU time (user + system, all threads) per iteration over the timed repeats, in
    /// milliseconds. On a busy machine this moves far less than the wall-clock rate: with one
    /// thread it is the step's own cost; with more, the excess over one thread's figure is the
    /// price of splitting the work (synchronisation, waiting workers polling).
    public var cpuMillisecondsPerIteration: Double?
    /// The process's peak resident memory so far (getrusage `ru_maxrss`), in MB.
    public var peakMemoryMB: Double
    public var realData: String
}

/// Runs a reference workload with warm-up and several timed repeats.
public enum ReferenceBenchmark {
    /// Sets `Engine.threads = threads` (restored afterwards), runs `warmup` iterations, then
    /// `repeats` timed repeats of `iterations` iterations each (nil: as many as fill about
    /// `secondsPerRepeat`, estimated from the warm-up) and reports the median.
    public static func run(_ workload: ReferenceWorkload, threads: Int, warmup: Int = 3, repeats: Int = 5,
                           iterations: Int? = nil, secondsPerRepeat: Double = 1, seed: UInt64 = 0,
                           mnist: ImageDataset? = nil, measuresSGEMM: Bool = true) -> ReferenceBenchmarkResult {
        precondition(threads >= 1 && repeats >= 1 && warmup >= 0, "ReferenceBenchmark.run: threads and repeats must be ≥ 1")
        let saved = Engine.threads
        Engine.threads = threads
        defer { Engine.threads = saved }
        let sgemm = measuresSGEMM ? TensorBenchmarks.sgemmGFLOPS(size: 512, threads: threads) : nil
        let training = ReferenceTraining(workload, seed: seed, mnist: mnist)
        var warmupSeconds = 0.0
        for _ in 0..<warmup { warmupSeconds += seconds { training.step() } }
        let perRepeat = iterations ?? Swift.max(1, Int((secondsPerRepeat / Swift.max(warmupSeconds / Double(Swift.max(warmup, 1)), 1e-6)).rounded()))
        var rates: [Double] = []
        let cpuBefore = processCPUSeconds()
        for _ in 0..<repeats {
            let elapsed = seconds { for _ in 0..<perRepeat { training.step() } }
            rates.append(Double(perRepeat) / elapsed)
        }
        let cpuPerIteration = (processCPUSeconds() - cpuBefore) / Double(repeats * perRepeat) * 1000
        let median = rates.sorted()[rates.count / 2]  // an odd count is the usual; else the upper middle
        return ReferenceBenchmarkResult(
            workload: workload.rawValue, threads: threads, iterationsPerSecond: median, repeatIterationsPerSecond: rates,
            iterationsPerRepeat: perRepeat, imagesPerSecond: workload.imagesPerIteration.map { Double($0) * median },
            gflops: workload.gigaFLOPPerIteration * median, sgemmGFLOPS: sgemm,
            cpuMillisecondsPerIteration: cpuPerIteration, peakMemoryMB: peakMemoryMB(),
            realData: training.realData)
    }

    /// The process's peak resident set size in MB (`ru_maxrss`, kilobytes on Linux).
    public static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// User + system CPU time of the whole process so far (getrusage), in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
