import MinimaxTensor
import Testing

/// Known-answer tests from Random123's `kat_vectors` (philox4x32 10 rounds).
@Suite struct RandomPhilox4x32Tests {
    @Test func zeroCounterAndKey() {
        let out = Philox4x32.block(counter: .zero, key: .zero)
        #expect(out == SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8))
    }

    @Test func allOnesCounterAndKey() {
        let out = Philox4x32.block(counter: SIMD4(repeating: 0xffff_ffff), key: SIMD2(repeating: 0xffff_ffff))
        #expect(out == SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd))
    }

    @Test func digitsOfPi() {
        let out = Philox4x32.block(
            counter: SIMD4(0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344),
            key: SIMD2(0xa409_3822, 0x299f_31d0))
        #expect(out == SIMD4(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1))
    }

    /// Published FNV-1a-64 values: "" is the offset basis, "a" is 0xaf63dc4c8601ec8c.
    @Test func stableHashMatchesPublishedFNV1a() {
        #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    }
}
