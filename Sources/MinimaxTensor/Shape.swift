/// Shape arithmetic shared by the ops: broadcasting (NumPy rules), strides, axis checks.
enum Shape {
    /// The broadcast shape of `a` and `b` under NumPy's rules, or a precondition failure naming the op.
    static func broadcast(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else {
                preconditionFailure("\(op): shapes \(a) and \(b) cannot be broadcast together")
            }
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s *= shape[i]
        }
        return strides
    }

    /// Strides of `shape` read as if it had shape `target` (0 along broadcast dimensions).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { i in
            i < offset || shape[i - offset] == 1 ? 0 : own[i - offset]
        }
    }

    /// `axis` of `shape` normalised to 0..<rank (negative counts from the end).
    static func axis(_ axis: Int, of shape: [Int], op: String) -> Int {
        let rank = shape.count
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "\(op): axis \(axis) is out of range for shape \(shape) (rank \(rank))")
        return a
    }

    /// Sorted unique normalised axes of `shape`; nil means all axes.
    static func axes(_ axes: [Int]?, of shape: [Int], op: String) -> [Int] {
        guard let axes else { return Array(0..<shape.count) }
        let normalised = Set(axes.map { axis($0, of: shape, op: op) })
        precondition(normalised.count == axes.count, "\(op): repeated axis in \(axes) for shape \(shape)")
        return normalised.sorted()
    }

    /// `shape` with adjacent dimensions merged wherever every operand steps through them as
    /// through one dimension (stride[d] = stride[d+1]·shape[d+1], which includes both being 0),
    /// and size-1 dimensions dropped: the same walk with longer rows. Never returns rank 0.
    static func collapsed(_ shape: [Int], _ strides: [[Int]]) -> (dims: [Int], strides: [[Int]]) {
        var dims: [Int] = []
        var out = [[Int]](repeating: [], count: strides.count)
        for d in 0..<shape.count where shape[d] != 1 {
            if let last = dims.last,
               (0..<strides.count).allSatisfy({ out[$0][dims.count - 1] == strides[$0][d] * shape[d] }) {
                dims[dims.count - 1] = last * shape[d]
                for s in 0..<strides.count { out[s][dims.count - 1] = strides[s][d] }
            } else {
                dims.append(shape[d])
                for s in 0..<strides.count { out[s].append(strides[s][d]) }
            }
        }
        if dims.isEmpty { return ([1], strides.map { _ in [0] }) }
        return (dims, out)
    }
}
