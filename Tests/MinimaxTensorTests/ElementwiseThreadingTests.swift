import MinimaxTensor
import MinimaxTestSupport
import Testing

/// Large elementwise ops, broadcasts and reductions run split across `Engine.threads`: the
/// values must not depend on the split, and the row-merging walks must match a naive loop.
/// Serialized because it sets the engine-wide thread count (restored after each test).
@Suite(.serialized) struct ElementwiseThreadingTests {
    static func withThreads<T>(_ threads: Int, _ body: () -> T) -> T {
        let saved = Engine.threads
        Engine.threads = threads
        defer { Engine.threads = saved }
        return body()
    }

    /// Above the parallel threshold (2¹⁷ elements) and of odd length, so chunks end mid-vector.
    static let large = [3, 65_539]

    @Test func largeElementwiseOpsAreIdenticalOnOneAndTwoThreads() {
        let a = GradientCheck.tensor(Self.large, seed: 1), b = GradientCheck.tensor(Self.large, seed: 2)
        let ops: [(String, () -> Tensor)] = [
            ("add", { a + b }), ("multiply by scalar", { a * 0.3 }), ("tanh", { a.tanh() }),
            ("relu", { a.relu() }), ("leakyReLU", { a.leakyReLU(0.2) }), ("row broadcast", { a + b.slice(axis: 0, 0..<1) }),
        ]
        for (name, op) in ops {
            let one = Self.withThreads(1, op).scalars.map(\.bitPattern)
            let two = Self.withThreads(2, op).scalars.map(\.bitPattern)
            #expect(one == two, "\(name)")
        }
    }

    /// Reductions split their outputs between threads above the threshold; each output still
    /// adds its inputs in row order, so the bits match one thread.
    @Test func largeReductionsAreIdenticalOnOneAndTwoThreads() {
        let x = GradientCheck.tensor([17, 6, 41, 37], seed: 5)  // 154,938 elements
        let cases: [(String, () -> Tensor)] = [
            ("per channel", { x.sum(axes: [0, 2, 3]) }), ("columns", { x.sum(axes: [0]) }),
            ("rows", { x.sum(axes: [3]) }), ("all", { x.sum() }), ("max per channel", { x.max(axes: [0, 2, 3]) }),
        ]
        for (name, reduction) in cases {
            let one = Self.withThreads(1, reduction).scalars.map(\.bitPattern)
            let two = Self.withThreads(2, reduction).scalars.map(\.bitPattern)
            #expect(one == two, "\(name)")
        }
    }

    /// Broadcast against the definition: out[n, c, h, w] = x[0, c, 0, w] (size-1 axes repeat).
    @Test func broadcastMatchesTheDefinition() {
        let x = GradientCheck.tensor([1, 3, 1, 5], seed: 3)
        let y = x.broadcast(to: [2, 3, 4, 5])
        var expected: [Float] = []
        for _ in 0..<2 { for c in 0..<3 { for _ in 0..<4 { for w in 0..<5 { expected.append(x.scalars[c * 5 + w]) } } } }
        #expect(y.scalars == expected)
        // A missing leading dimension and a scalar.
        #expect(Tensor([1, 2]).broadcast(to: [3, 2]).scalars == [1, 2, 1, 2, 1, 2])
        #expect(Tensor(7).broadcast(to: [2, 2]).scalars == [7, 7, 7, 7])
    }

    /// Per-channel sums of [N, C, H, W] (batch norm's axes) against a Double loop in the same order.
    @Test func reductionsMatchANaiveLoop() {
        let (n, c, h, w) = (3, 4, 5, 6)
        let x = GradientCheck.tensor([n, c, h, w], seed: 4)
        var perChannel = [Double](repeating: 0, count: c), perColumn = [Double](repeating: 0, count: c * h * w)
        for i in 0..<n {
            for j in 0..<c {
                for k in 0..<(h * w) {
                    let v = Double(x.scalars[(i * c + j) * h * w + k])
                    perChannel[j] += v
                    perColumn[j * h * w + k] += v
                }
            }
        }
        #expect(x.sum(axes: [0, 2, 3]).scalars == perChannel.map { Float($0) })
        #expect(x.sum(axes: [0]).scalars == perColumn.map { Float($0) })
        // Middle axis only: [n, h·w] outputs.
        let middle = x.sum(axes: [1]).scalars
        for i in 0..<n {
            for k in 0..<(h * w) {
                var s = 0.0
                for j in 0..<c { s += Double(x.scalars[(i * c + j) * h * w + k]) }
                #expect(middle[i * h * w + k] == Float(s))
            }
        }
    }
}
