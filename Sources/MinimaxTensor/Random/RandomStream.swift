/// A named, seeded, counter-based stream of random numbers (Philox4x32-10 underneath).
///
/// Every consumer of randomness (weight init, data order, generator noise, dropout, metrics)
/// owns its own stream, keyed by `(seed, name)`, so adding a consumer never shifts the numbers
/// another one sees. Streams are values: copying one forks an identical copy.
///
/// Derivation (stable across runs and platforms):
/// - `nameHash = FNV-1a-64(UTF-8 bytes of name)`
/// - Philox key (64 bits) `= splitmix64(splitmix64(seed) ^ nameHash)`, low word first
/// - block `i` of the stream is `Philox4x32-10(counter: (lo(i), hi(i), lo(nameHash), hi(nameHash)), key)`,
///   so two names only share a block if both the mixed key and the name hash collide.
///
/// The four words of a block are handed out in order (word 0 first) before the next block is
/// computed; every draw documents how many 32-bit words it consumes, so a sequence of draws is
/// fully determined by the stream's position.
public struct RandomStream: Sendable {
    public let seed: UInt64
    public let name: String
    /// FNV-1a-64 of `name`, also the upper half of every counter.
    public let nameHash: UInt64
    /// The Philox key, packed as `UInt64(key[1]) << 32 | key[0]`.
    public let key: UInt64
    /// Index of the next block to compute.
    public internal(set) var blockCounter: UInt64
    /// Index (0...4) of the next unused word in `buffer`; 4 means the buffer is used up.
    public internal(set) var bufferPosition: Int
    @usableFromInline var buffer: SIMD4<UInt32>

    public init(seed: UInt64, name: String) {
        self.seed = seed
        self.name = name
        nameHash = StableHash.fnv1a64(name)
        key = RandomStream.deriveKey(seed: seed, nameHash: nameHash)
        blockCounter = 0
        bufferPosition = 4
        buffer = .zero
    }

    /// The key a `(seed, name)` pair gets; see the type's documentation.
    public static func deriveKey(seed: UInt64, nameHash: UInt64) -> UInt64 {
        StableHash.splitmix64(StableHash.splitmix64(seed) ^ nameHash)
    }

    /// The Philox block at `index` of this stream (does not move the stream).
    public func block(at index: UInt64) -> SIMD4<UInt32> {
        let counter = SIMD4<UInt32>(
            UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32),
            UInt32(truncatingIfNeeded: nameHash), UInt32(truncatingIfNeeded: nameHash >> 32))
        let philoxKey = SIMD2<UInt32>(UInt32(truncatingIfNeeded: key), UInt32(truncatingIfNeeded: key >> 32))
        return Philox4x32.block(counter: counter, key: philoxKey)
    }

    /// The next 32 random bits (one word).
    public mutating func nextUInt32() -> UInt32 {
        if bufferPosition == 4 {
            buffer = block(at: blockCounter)
            blockCounter &+= 1
            bufferPosition = 0
        }
        let word = buffer[bufferPosition]
        bufferPosition += 1
        return word
    }

    /// This stream moved on by `words` 32-bit words, as if that many had been drawn (without
    /// computing the blocks in between).
    public func advanced(byWords words: Int) -> RandomStream {
        precondition(words >= 0, "advanced(byWords:) needs words ≥ 0, got \(words)")
        var copy = self
        // Words drawn so far: every computed block's four, less those still unread in the buffer.
        let position = blockCounter &* 4 &- UInt64(4 - bufferPosition) &+ UInt64(words)
        if position % 4 == 0 {
            copy.blockCounter = position / 4
            copy.bufferPosition = 4
        } else {
            copy.buffer = block(at: position / 4)
            copy.blockCounter = position / 4 + 1
            copy.bufferPosition = Int(position % 4)
        }
        return copy
    }

    /// The next 64 random bits (two words, the first one in the low half).
    public mutating func nextUInt64() -> UInt64 {
        let low = UInt64(nextUInt32())
        return UInt64(nextUInt32()) << 32 | low
    }

    /// A child stream with the same seed and the name `"\(name)/\(childName)"`, e.g. one per step.
    ///
    /// The child does not depend on how far this stream has been drawn, and drawing from it
    /// never moves this one: `RandomStream(seed: s, name: "data").derived("epoch-3")` equals
    /// `RandomStream(seed: s, name: "data/epoch-3")`.
    public func derived(_ childName: String) -> RandomStream {
        RandomStream(seed: seed, name: name + "/" + childName)
    }
}

extension RandomStream: RandomNumberGenerator {
    /// `RandomNumberGenerator` conformance (two words), so `Array.shuffle(using:)` and friends
    /// also work; prefer the stream's own methods, whose word usage is documented.
    public mutating func next() -> UInt64 { nextUInt64() }
}
