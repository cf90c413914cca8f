/// The Philox4x32-10 counter-based block function (Salmon, Moraes, Dror & Shaw, "Parallel random
/// numbers: as easy as 1, 2, 3", SC 2011), bit-identical to Random123's `philox4x32_10`.
///
/// A block maps a 128-bit counter and a 64-bit key to 128 pseudo-random bits. Each of the 10 rounds
/// multiplies counter words 0 and 2 by 0xD2511F53 and 0xCD9E8D57 (full 64-bit products), then
///
///     (c0, c1, c2, c3) ← (hi(M1·c2) ⊕ c1 ⊕ k0,  lo(M1·c2),  hi(M0·c0) ⊕ c3 ⊕ k1,  lo(M0·c0))
///
/// and the key is bumped by the Weyl constants (0x9E3779B9, 0xBB67AE85) between rounds.
/// Because a block depends only on (counter, key), any position of a stream can be computed
/// directly, which is what makes resumable, order-independent streams cheap.
public enum Philox4x32 {
    public static let multiplier0: UInt32 = 0xD251_1F53
    public static let multiplier1: UInt32 = 0xCD9E_8D57
    public static let weyl0: UInt32 = 0x9E37_79B9
    public static let weyl1: UInt32 = 0xBB67_AE85
    public static let rounds = 10

    /// One Philox4x32-10 block: 4 output words for `counter` under `key`.
    @inlinable
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var c = counter
        var k = key
        for round in 0..<rounds {
            if round > 0 { k &+= SIMD2(weyl0, weyl1) }
            let p0 = multiplier0.multipliedFullWidth(by: c[0])
            let p1 = multiplier1.multipliedFullWidth(by: c[2])
            c = SIMD4(p1.high ^ c[1] ^ k[0], p1.low, p0.high ^ c[3] ^ k[1], p0.low)
        }
        return c
    }
}
