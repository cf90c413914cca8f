import Foundation
import MinimaxTensor
import Testing

@Suite struct RandomStreamTests {
    /// Golden words for (seed 42, "data"), computed independently by a 30-line Python version of
    /// the documented derivation (FNV-1a-64, splitmix64, Philox4x32-10). If this fails, every
    /// saved experiment would change: the derivation must not drift.
    @Test func goldenWordsPinTheDerivation() {
        var stream = RandomStream(seed: 42, name: "data")
        let words = (0..<8).map { _ in stream.nextUInt32() }
        #expect(words == [0xb10f_bd1f, 0xab38_c783, 0x9308_6e5a, 0xd9f5_3dac,
                          0x3805_1dbe, 0x745e_ea7f, 0xe8b6_00ff, 0x1766_09b0])
        var empty = RandomStream(seed: 0, name: "")
        #expect(empty.nextUInt32() == 0xcbc3_84ed)
    }

    /// Box–Muller on the first two golden words: sqrt(−2 ln u₁)·cos(2π u₂) = −0.41917686 (Python, Double).
    @Test func normalUsesTwoWordsByBoxMuller() {
        var stream = RandomStream(seed: 42, name: "data")
        let z = stream.normal()
        #expect(abs(z - (-0.41917686)) <= 1e-6)
        #expect(stream.nextUInt32() == 0x9308_6e5a)  // exactly two words were used
    }

    @Test func sameSeedAndNameGiveTheSameSequence() {
        var a = RandomStream(seed: 7, name: "noise")
        var b = RandomStream(seed: 7, name: "noise")
        #expect(a.normalArray(count: 1000) == b.normalArray(count: 1000))
        #expect(a.permutation(100) == b.permutation(100))
    }

    @Test func differentNamesOrSeedsGiveDifferentSequences() {
        var a = RandomStream(seed: 7, name: "noise")
        var b = RandomStream(seed: 7, name: "init")
        var c = RandomStream(seed: 8, name: "noise")
        let wa = (0..<16).map { _ in a.nextUInt32() }
        let wb = (0..<16).map { _ in b.nextUInt32() }
        let wc = (0..<16).map { _ in c.nextUInt32() }
        #expect(wa != wb)
        #expect(wa != wc)
        // Independent streams share a 32-bit word only by chance (16·16/2³² ≈ 6e-8).
        #expect(Set(wa).intersection(wb).isEmpty)
    }

    @Test func drawingFromOneStreamNeverShiftsAnother() {
        var noise = RandomStream(seed: 1, name: "noise")
        var reference = RandomStream(seed: 1, name: "noise")
        var metrics = RandomStream(seed: 1, name: "metrics")
        let first = noise.uniformArray(count: 10)
        _ = metrics.normalArray(count: 12345)
        let second = noise.uniformArray(count: 10)
        #expect(first + second == reference.uniformArray(count: 20))
    }

    @Test func derivedStreamIsNamedByPathAndIndependentOfPosition() {
        var parent = RandomStream(seed: 3, name: "data")
        var early = parent.derived("epoch-2")
        _ = parent.uniformArray(count: 99)
        var late = parent.derived("epoch-2")
        var byName = RandomStream(seed: 3, name: "data/epoch-2")
        let expected = byName.uniformArray(count: 8)
        #expect(early.uniformArray(count: 8) == expected)
        #expect(late.uniformArray(count: 8) == expected)
        #expect(parent.derived("epoch-3").name == "data/epoch-3")
    }

    /// Moving a stream on by k words equals drawing k words, from any offset within a block.
    @Test func advancedByWordsEqualsDrawingThem() {
        for offset in 0..<5 {
            for words in [0, 1, 2, 3, 4, 5, 7, 8, 13] {
                var drawn = RandomStream(seed: 9, name: "advance")
                for _ in 0..<offset { _ = drawn.nextUInt32() }
                var jumped = drawn.advanced(byWords: words)
                for _ in 0..<words { _ = drawn.nextUInt32() }
                #expect((0..<6).map { _ in jumped.nextUInt32() } == (0..<6).map { _ in drawn.nextUInt32() },
                        "offset \(offset), \(words) words")
            }
        }
    }

    @Test func fillAndArrayMatchScalarDraws() {
        var a = RandomStream(seed: 5, name: "x")
        var b = a
        var filled = [Float](repeating: 0, count: 7)
        filled.withUnsafeMutableBufferPointer { a.fillNormal($0, mean: 1, std: 2) }
        #expect(filled == (0..<7).map { _ in b.normal(mean: 1, std: 2) })
        filled.withUnsafeMutableBufferPointer { a.fillUniform($0, low: -1, high: 3) }
        #expect(filled == (0..<7).map { _ in b.uniform(low: -1, high: 3) })
    }

    /// `fillNormal` computes whole blocks many at a time (C, `minimax_philox4x32_blocks`):
    /// it must give `normal`'s draws from any word position, for lengths spanning several
    /// batches of 64 blocks, and across the 2³²-block carry into the counter's second word.
    @Test func batchedNormalFillMatchesScalarDrawsFromAnyPosition() {
        for startWord in [0, 1, 2, 3, 4 * (1 << 32) - 6] {
            for count in [1, 2, 3, 129, 300] {
                let start = RandomStream(seed: 11, name: "batched").advanced(byWords: startWord)
                var filled = start, scalar = start
                let values = filled.normalArray(count: count, mean: -1, std: 3)
                #expect(values.map(\.bitPattern) == (0..<count).map { _ in scalar.normal(mean: -1, std: 3).bitPattern },
                        "start word \(startWord), \(count) draws")
                #expect(filled.nextUInt32() == scalar.nextUInt32(), "position after start word \(startWord), \(count) draws")
            }
        }
    }
}
