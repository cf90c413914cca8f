import MinimaxTensor

extension NoiseDistribution {
    /// `count` noise vectors z as a [count, dimension] tensor drawn from `stream` in row-major
    /// order: N(0, 1) per entry (two words each) or U[−1, 1) (one word each).
    public func sample(count: Int, dimension: Int, stream: inout RandomStream) -> Tensor {
        let n = count * dimension
        switch self {
        case .normal:
            return Tensor(shape: [count, dimension], scalars: stream.normalArray(count: n))
        case .uniform:
            return Tensor(shape: [count, dimension], scalars: stream.uniformArray(count: n, low: -1, high: 1))
        }
    }

    /// A box holding nearly all the noise mass per coordinate, for the generator-manifold grid:
    /// [−3, 3] for the normal (99.7%), [−1, 1] for the uniform.
    public var gridRange: ClosedRange<Float> {
        switch self {
        case .normal: return -3...3
        case .uniform: return -1...1
        }
    }
}
