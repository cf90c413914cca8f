#if canImport(Glibc)
import Glibc
#endif

/// Keeps glibc's malloc from handing large buffers back to the kernel between training steps.
///
/// A step allocates and frees the same large tensors (pairwise distances, column matrices,
/// activations of 256 KB to 13 MB) again and again. glibc adjusts its mmap and trim thresholds
/// as it goes, and some allocation orders make it return the top of the heap (or an mmap'd
/// block) at a free, so the next step faults the same pages back in. Seen at 405f8b9 on
/// `ring8-minibatch` (1,000 steps, `perf stat -e page-faults`): 21 thousand faults in one run,
/// 0.5 and 1.6 million in the next two of the same command (9.7 s of CPU against 6.8 s), and
/// 2,000-step runs of 16.6–19.2 s against 12.6–13.5 s. Fixed thresholds (blocks below 32 MiB
/// from the heap, the heap trimmed only past 256 MiB free) keep freed memory for reuse: 20.8
/// thousand faults in every run. Looked up with `dlsym`, so other C libraries skip it; nothing
/// a run computes depends on it.
enum MallocPolicy {
    static func keepFreedMemory() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        // RTLD_DEFAULT is the null handle in glibc; M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3 (malloc.h).
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 32 << 20)
        _ = mallopt(-1, 256 << 20)
        #endif
    }
}
