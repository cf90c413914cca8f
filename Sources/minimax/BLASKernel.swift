import Foundation
import MinimaxTensor

/// Pins OpenBLAS to one kernel, `Haswell` (AVX2 + FMA), so that a seed gives the same numbers
/// on every x86-64 machine that has those instructions.
///
/// Why pin: OpenBLAS picks its GEMM kernel from the CPU at load time, and kernels block the
/// sums differently, so the same seed gives runs that differ in their last bits, then in their
/// trajectories, from one CPU to the next. The committed `Reports/` were built under `Haswell`;
/// pinning it lets a reader's `minimax course` reproduce them bit for bit. Why `Haswell`: every
/// CPU of the last decade has AVX2 + FMA, and on an AMD Zen 4 (AVX-512 run as two 256-bit
/// halves) it is as fast as the AVX-512 kernels (sgemm 256³, one thread: 110 against 105
/// GFLOP/s for `Cooperlake`, `minimax bench kernels`). CPUs with full-width AVX-512 run
/// `SkylakeX`/`Cooperlake` up to about twice as fast; set `OPENBLAS_CORETYPE` to use one.
/// OpenBLAS reads the variable only while it loads, so when it is unset and OpenBLAS chose
/// another kernel, `minimax` sets it and re-executes itself once. A value set by the user or
/// the machine is never changed, and CPUs without AVX2 + FMA keep OpenBLAS's own choice. The
/// kernel in use is recorded in every `run.json` and is part of the run-cache key.
enum BLASKernel {
    static let pinned = "Haswell"

    static func pinKernel() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["MINIMAX_BLAS_REEXEC"] == nil,
              Engine.blasCoreName.lowercased() != pinned.lowercased(),
              let kernel = kernel(forFlags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", kernel, 1)
        setenv("MINIMAX_BLAS_REEXEC", "1", 1)
        let arguments = CommandLine.arguments
        var cArguments = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &cArguments)
        // execv returns only on failure: carry on with OpenBLAS's own choice.
        for pointer in cArguments { free(pointer) }
    }

    /// The kernel to pin on a CPU with these flags, or nil to keep OpenBLAS's choice.
    static func kernel(forFlags flags: Set<String>) -> String? {
        flags.isSuperset(of: ["avx2", "fma"]) ? pinned : nil
    }

    static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
}
