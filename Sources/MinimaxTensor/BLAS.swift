import CBLAS

/// The engine's single thread setting and what OpenBLAS reports about itself.
///
/// Every kernel that can run on several threads reads `Engine.threads`; nothing else
/// decides parallelism, so a run's thread count is one number recorded in its report.
public enum Engine {
    /// Number of threads the engine may use (default 1). Setting it also sets OpenBLAS's.
    public static var threads: Int {
        get { storedThreads }
        set {
            precondition(newValue >= 1, "Engine.threads must be at least 1, got \(newValue)")
            storedThreads = newValue
            openblas_set_num_threads(Int32(newValue))
        }
    }
    nonisolated(unsafe) private static var storedThreads = 1

    /// The OpenBLAS kernel picked at run time for this CPU (e.g. "Cooperlake", "Haswell").
    public static var blasCoreName: String { String(cString: openblas_get_corename()) }

    /// The OpenBLAS build configuration string (version, threading model).
    public static var blasConfig: String { String(cString: openblas_get_config()) }
}
