import Foundation
import MinimaxTensor
import Testing

@Suite struct RandomStreamStateTests {
    /// Save after an odd number of words (mid-block), encode as JSON, restore: the continuation
    /// is bit-identical to the stream that never stopped.
    @Test(arguments: [0, 1, 3, 4, 5, 8, 11])
    func stateRoundTripContinuesIdentically(wordsBefore: Int) throws {
        var running = RandomStream(seed: 77, name: "generator/noise")
        for _ in 0..<wordsBefore { _ = running.nextUInt32() }
        let data = try JSONEncoder().encode(running.state)
        var resumed = try RandomStream(state: JSONDecoder().decode(RandomStream.State.self, from: data))
        #expect(resumed.state == running.state)
        #expect(resumed.normalArray(count: 9) == running.normalArray(count: 9))
        #expect(resumed.permutation(20) == running.permutation(20))
    }

    @Test func tamperedStateIsRejectedWithAClearError() {
        let stream = RandomStream(seed: 1, name: "init")
        var wrongKey = stream.state
        wrongKey.key ^= 1
        #expect(throws: RandomStreamStateError.self) { try RandomStream(state: wrongKey) }
        var wrongPosition = stream.state
        wrongPosition.bufferPosition = 7
        do {
            _ = try RandomStream(state: wrongPosition)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("'init'"))
            #expect("\(error)".contains("bufferPosition"))
        }
    }
}
