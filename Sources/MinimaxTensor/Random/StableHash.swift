/// Hashes that never change between runs, processes or platforms (unlike `Hasher`, which is
/// randomly seeded per process), so stream keys derived from names are reproducible forever.
public enum StableHash {
    /// FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of `text`'s UTF-8 bytes.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The splitmix64 finalizer (Steele, Lea & Flood 2014): a bijective avalanche mix of 64 bits,
    /// applied after adding the golden-ratio increment 0x9E3779B97F4A7C15.
    public static func splitmix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
