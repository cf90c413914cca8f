import MinimaxData
import MinimaxTensor
import Testing

@Suite struct BatchSamplerTests {
    @Test func everyEpochVisitsEachItemOnce() {
        var sampler = BatchSampler(count: 10, batchSize: 3, dropLast: false, stream: RandomStream(seed: 1, name: "data/batches"))
        #expect(sampler.batchesPerEpoch == 4)
        let epoch0 = (0..<4).flatMap { _ in sampler.next() }
        let epoch1 = (0..<4).flatMap { _ in sampler.next() }
        #expect(epoch0.sorted() == Array(0..<10) && epoch1.sorted() == Array(0..<10))
        #expect(epoch0 != epoch1)
        #expect(sampler.state == BatchSampler.State(epoch: 1, position: 10))
    }

    @Test func dropLastSkipsThePartialBatch() {
        var sampler = BatchSampler(count: 10, batchSize: 4, stream: RandomStream(seed: 1, name: "data/batches"))
        let sizes = (0..<5).map { _ in sampler.next().count }
        #expect(sizes == [4, 4, 4, 4, 4] && sampler.batchesPerEpoch == 2)
        #expect(sampler.state.epoch == 2)
    }

    @Test func resumingFromStateContinuesIdentically() {
        let stream = RandomStream(seed: 5, name: "data/batches")
        var running = BatchSampler(count: 17, batchSize: 5, stream: stream)
        for _ in 0..<7 { _ = running.next() }
        var resumed = BatchSampler(count: 17, batchSize: 5, stream: stream, state: running.state)
        #expect((0..<9).map { _ in resumed.next() } == (0..<9).map { _ in running.next() })
    }
}
