import MinimaxTensor
import Dispatch
import Foundation
import Testing

/// The worker pool runs every part exactly once, whoever calls it and however it nests.
@Suite struct WorkerPoolTests {
    /// Runs `parts` parts many times in a row and counts how often each part ran.
    static func counts(parts: Int, jobs: Int, pool: WorkerPool) -> [Int] {
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        for _ in 0..<jobs { pool.run(parts: parts) { p in counts[p] += 1 } }
        return Array(counts)
    }

    @Test func everyPartRunsOncePerJob() {
        let pool = WorkerPool()
        for parts in [1, 2, 3, 2, 4] {
            #expect(Self.counts(parts: parts, jobs: 2000, pool: pool) == Array(repeating: 2000, count: parts), "\(parts) parts")
        }
    }

    /// A worker that parked (no job for longer than the spin time) still picks up the next job.
    @Test func parkedWorkersWakeUp() {
        let pool = WorkerPool()
        for _ in 0..<5 {
            #expect(Self.counts(parts: 2, jobs: 3, pool: pool) == [3, 3])
            usleep(UInt32(WorkerPool.spinSeconds * 4e6))
        }
    }

    /// A split inside a split, and two threads splitting at once, run in turn instead of deadlocking.
    @Test func nestedAndConcurrentCallsRunInTurn() {
        let pool = WorkerPool()
        let inner = UnsafeMutableBufferPointer<Int>.allocate(capacity: 4)
        inner.initialize(repeating: 0)
        defer { inner.deallocate() }
        pool.run(parts: 2) { p in pool.run(parts: 2) { q in inner[2 * p + q] += 1 } }
        #expect(Array(inner) == [1, 1, 1, 1])

        let totals = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2)
        totals.initialize(repeating: 0)
        defer { totals.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 2) { caller in
            totals[caller] = Self.counts(parts: 2, jobs: 500, pool: pool).reduce(0, +)
        }
        #expect(Array(totals) == [1000, 1000])
    }
}
