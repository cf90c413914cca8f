import CBLAS

/// The engine's single thread setting and what OpenBLAS reports about itself.
///
/// Every kernel that can run on several threads reads `Engine.threads`; nothing else
/// decides parallelism, so a run's thread count is one number recorded in its report.
/// OpenBLAS is kept on one thread and the engine splits GEMMs itself (see `GEMM`): that keeps
/// results bit-identical across thread counts and uses the second core on the small GEMMs
/// GANs run, where OpenBLAS's own threading barely helps.
public enum Engine {
    /// Number of threads the engine may use (default 1).
    public static var threads: Int {
        get { storedThreads }
        set {
            precondition(newValue >= 1, "Engine.threads must be at least 1, got \(newValue)")
            storedThreads = newValue
        }
    }
    nonisolated(unsafe) private static var storedThreads = 1

    /// Runs once before the first GEMM.
    static let pinBLASToOneThread: Void = { openblas_set_num_threads(1) }()

    /// OpenBLAS's own thread count (1 unless a benchmark changes it to compare threading models).
    public static var blasThreads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }

    /// The OpenBLAS kernel picked at run time for this CPU (e.g. "Cooperlake", "Haswell").
    public static var blasCoreName: String { String(cString: openblas_get_corename()) }

    /// The OpenBLAS build configuration string (version, threading model).
    public static var blasConfig: String { String(cString: openblas_get_config()) }
}
