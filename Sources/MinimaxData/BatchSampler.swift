import MinimaxTensor

/// Shuffled minibatches over `count` items, epoch after epoch, resumable from a checkpoint.
///
/// Epoch `e`'s order is `stream.derived("epoch-\(e)").permutation(count)`, so it depends only on
/// the stream and `e`: restoring `(epoch, position)` continues exactly where a run stopped.
/// With `dropLast`, an epoch's final partial batch is skipped (PyTorch's `drop_last=True`).
public struct BatchSampler: Sendable {
    public let count: Int
    public let batchSize: Int
    public let dropLast: Bool
    public let stream: RandomStream
    public private(set) var state: State
    private var order: [Int]

    /// Where the sampler is: the epoch and the offset of the next batch within its order.
    public struct State: Codable, Equatable, Sendable {
        public var epoch: Int
        public var position: Int
        public init(epoch: Int = 0, position: Int = 0) {
            self.epoch = epoch
            self.position = position
        }
    }

    public init(count: Int, batchSize: Int, dropLast: Bool = true, stream: RandomStream, state: State = State()) {
        precondition(count > 0 && batchSize > 0, "BatchSampler needs count > 0 and batchSize > 0, got \(count), \(batchSize)")
        precondition(!dropLast || batchSize <= count, "batchSize \(batchSize) exceeds the \(count) items, so dropLast would leave no batch")
        precondition(state.epoch >= 0 && (0...count).contains(state.position), "invalid sampler state \(state)")
        self.count = count
        self.batchSize = batchSize
        self.dropLast = dropLast
        self.stream = stream
        self.state = state
        order = BatchSampler.order(count: count, epoch: state.epoch, stream: stream)
    }

    /// Batches per epoch.
    public var batchesPerEpoch: Int { dropLast ? count / batchSize : (count + batchSize - 1) / batchSize }

    /// The indices of the next batch, moving to a freshly shuffled epoch when this one is used up.
    public mutating func next() -> [Int] {
        let remaining = count - state.position
        if remaining == 0 || (dropLast && remaining < batchSize) {
            state = State(epoch: state.epoch + 1, position: 0)
            order = BatchSampler.order(count: count, epoch: state.epoch, stream: stream)
        }
        let end = min(count, state.position + batchSize)
        let batch = Array(order[state.position..<end])
        state.position = end
        return batch
    }

    private static func order(count: Int, epoch: Int, stream: RandomStream) -> [Int] {
        var epochStream = stream.derived("epoch-\(epoch)")
        return epochStream.permutation(count)
    }
}
