extension RandomStream {
    /// Everything needed to resume a stream bit-identically, e.g. from a checkpoint.
    ///
    /// The buffered block is not stored: it is recomputed from `blockCounter - 1` on restore.
    /// `key` and `nameHash` are stored so a restore can detect a checkpoint whose derivation
    /// does not match this code (or a hand-edited file).
    public struct State: Codable, Equatable, Sendable {
        public var seed: UInt64
        public var name: String
        public var nameHash: UInt64
        public var key: UInt64
        public var blockCounter: UInt64
        public var bufferPosition: Int

        public init(seed: UInt64, name: String, nameHash: UInt64, key: UInt64, blockCounter: UInt64, bufferPosition: Int) {
            self.seed = seed
            self.name = name
            self.nameHash = nameHash
            self.key = key
            self.blockCounter = blockCounter
            self.bufferPosition = bufferPosition
        }
    }

    /// The stream's position, to save alongside a checkpoint.
    public var state: State {
        State(seed: seed, name: name, nameHash: nameHash, key: key,
              blockCounter: blockCounter, bufferPosition: bufferPosition)
    }

    /// Restores a stream saved with `state`; the next draw is the one the saved stream would have made.
    ///
    /// Throws `RandomStreamStateError` if the stored hash or key is not what `(seed, name)`
    /// derive to, or the position is impossible.
    public init(state: State) throws {
        self.init(seed: state.seed, name: state.name)
        guard nameHash == state.nameHash, key == state.key else {
            throw RandomStreamStateError(name: state.name, detail:
                "stored nameHash/key (\(state.nameHash), \(state.key)) do not match the ones derived from seed \(state.seed) and the name (\(nameHash), \(key))")
        }
        guard (0...4).contains(state.bufferPosition) else {
            throw RandomStreamStateError(name: state.name, detail: "bufferPosition must be in 0...4, got \(state.bufferPosition)")
        }
        guard state.bufferPosition == 4 || state.blockCounter > 0 else {
            throw RandomStreamStateError(name: state.name, detail: "bufferPosition \(state.bufferPosition) needs a block, but blockCounter is 0")
        }
        blockCounter = state.blockCounter
        bufferPosition = state.bufferPosition
        if bufferPosition < 4 { buffer = block(at: blockCounter &- 1) }
    }
}

/// A saved `RandomStream.State` that cannot be restored.
public struct RandomStreamStateError: Error, CustomStringConvertible, Equatable {
    public let name: String
    public let detail: String
    public var description: String { "cannot restore random stream '\(name)': \(detail)" }
}
