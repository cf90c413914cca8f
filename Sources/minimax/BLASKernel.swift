import Foundation
import MinimaxTensor

/// Makes OpenBLAS use a fast kernel on CPUs it does not recognise.
///
/// Debian 12's OpenBLAS 0.3.21 does not know recent CPUs (an "Intel(R) Xeon(R) Processor"
/// with AVX-512 here) and falls back to its generic `Prescott` kernel: about 13 GFLOP/s on a
/// 256³ sgemm instead of about 95 (measured on these machines). OpenBLAS reads
/// `OPENBLAS_CORETYPE` only while it loads, so when the variable is unset and OpenBLAS chose a
/// generic kernel, `minimax` sets it from the CPU's own flags (`SkylakeX` with AVX-512,
/// `Haswell` with AVX2 + FMA) and re-executes itself once. A value set by the user or the
/// machine is never changed. The kernel in use is recorded in every run's `run.json`.
enum BLASKernel {
    static let genericKernels: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem", "katmai", "coppermine", "northwood", "banias", "atom"]

    static func ensureFastKernel() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["MINIMAX_BLAS_REEXEC"] == nil,
              genericKernels.contains(Engine.blasCoreName.lowercased()),
              let kernel = kernel(forFlags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", kernel, 1)
        setenv("MINIMAX_BLAS_REEXEC", "1", 1)
        let arguments = CommandLine.arguments
        var cArguments = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &cArguments)
        // execv returns only on failure: carry on with the generic kernel.
        for pointer in cArguments { free(pointer) }
    }

    /// The OpenBLAS kernel whose instructions the CPU is sure to have.
    static func kernel(forFlags flags: Set<String>) -> String? {
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
