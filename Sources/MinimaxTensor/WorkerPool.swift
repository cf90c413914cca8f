import Foundation
import Synchronization

/// Persistent worker threads that pick up a split loop within a microsecond or so.
///
/// `DispatchQueue.concurrentPerform` wakes a parked thread for every call; on these VMs that
/// round trip costs about as much as half of a 256 × 256 × 256 product, so a second thread made
/// the toy workloads *slower* (`Benchmarks/README.md`). Like an OpenMP runtime, the pool's
/// workers spin for a short while (`spinSeconds`) after each job, watching a generation
/// counter, and park on a condition variable only when no job came. The caller runs part 0
/// itself and spins until every worker has finished its part (or seen that it has none).
///
/// One job at a time: a call made while another is in flight (a nested split, or a second
/// thread using the engine) runs its parts in turn on the calling thread. Every caller gives
/// each part its own outputs, so where a part runs never changes a bit.
public final class WorkerPool: @unchecked Sendable {
    public static let shared = WorkerPool()

    public init() {}

    /// How long an idle worker spins before parking.
    public static let spinSeconds = 0.0005

    private let generation = Atomic<Int>(0)
    private let unfinished = Atomic<Int>(0)
    private let parked = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let condition = NSCondition()
    /// Written by the caller before it bumps `generation`, read by workers after they see the bump.
    private var job: ((Int) -> Void)?
    private var jobParts = 0
    /// Started workers; they serve part `index + 1`. Touched only while `busy` is held. Workers
    /// are never stopped: a job with fewer parts still waits for every worker's acknowledgement,
    /// so the pool stays as large as the largest split asked of it (`Engine.threads` is set once
    /// per run; only tests switch it).
    private var workerCount = 0

    /// Runs `body(0) ..< body(parts - 1)`, in parallel when the pool is free.
    public func run(parts: Int, _ body: (Int) -> Void) {
        guard parts > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for p in 0..<parts { body(p) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        while workerCount < parts - 1 { startWorker(index: workerCount); workerCount += 1 }
        withoutActuallyEscaping(body) { body in
            job = body
            jobParts = parts
            unfinished.store(workerCount, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            if parked.load(ordering: .sequentiallyConsistent) > 0 {
                condition.lock(); condition.broadcast(); condition.unlock()
            }
            body(0)
            var spins = 0
            while unfinished.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins & 1023 == 0 { sched_yield() }
            }
            job = nil
        }
    }

    private func startWorker(index: Int) {
        let seen = generation.load(ordering: .acquiring)
        let thread = Thread { [self] in workerLoop(part: index + 1, seen: seen) }
        thread.name = "minimax-worker-\(index + 1)"
        thread.start()
    }

    private func workerLoop(part: Int, seen start: Int) -> Never {
        var seen = start
        while true {
            seen = waitForJob(after: seen)
            if part < jobParts, let job { job(part) }
            // Every worker acknowledges every job, so none can still be reading this job's
            // `jobParts` when the caller publishes the next one.
            unfinished.subtract(1, ordering: .releasing)
        }
    }

    /// Spins, then parks, until `generation` moves past `seen`; returns the new generation.
    private func waitForJob(after seen: Int) -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(Self.spinSeconds * 1e9)
        var spins = 0
        while true {
            let now = generation.load(ordering: .acquiring)
            if now != seen { return now }
            spins += 1
            if spins & 255 == 0 && DispatchTime.now().uptimeNanoseconds > deadline { break }
        }
        condition.lock()
        parked.add(1, ordering: .sequentiallyConsistent)
        while generation.load(ordering: .sequentiallyConsistent) == seen { condition.wait() }
        parked.subtract(1, ordering: .sequentiallyConsistent)
        condition.unlock()
        return generation.load(ordering: .acquiring)
    }
}
