/// A vertex of the dynamic tape.
///
/// A leaf node (made by `requiringGrad()`) has no pullback and accumulates `grad` when
/// `backward()` reaches it. An interior node remembers the op's inputs and its pullback,
/// a function from the output's gradient (and the output itself) to the inputs' gradients,
/// written with differentiable tensor ops so that gradients can be differentiated again.
final class GradNode {
    let op: String
    let inputs: [Tensor]
    let pullback: ((_ gradient: Tensor, _ output: Tensor) -> [Tensor?])?
    /// The op's output, kept without a reference to this node to avoid a cycle; rebuilt
    /// with the node attached when the pullback needs it.
    let outputShape: [Int]
    let outputScalars: [Float]
    /// Accumulated gradient of a leaf.
    var grad: Tensor?

    init(op: String, inputs: [Tensor], outputShape: [Int], outputScalars: [Float],
         pullback: ((_ gradient: Tensor, _ output: Tensor) -> [Tensor?])?) {
        self.op = op
        self.inputs = inputs
        self.outputShape = outputShape
        self.outputScalars = outputScalars
        self.pullback = pullback
    }

    var isLeaf: Bool { pullback == nil }
}

/// Reverse-mode differentiation: recording switch, `backward()` and `gradients(of:wrt:)`.
public enum Autograd {
    /// Whether ops record a tape, per task/thread: parallel callers (tests, tools) never
    /// switch recording off for each other.
    @TaskLocal static var isRecording = true
    /// When true, every op checks its output for NaN/Inf and stops with the op's name and
    /// input shapes (like PyTorch's anomaly detection). Off by default: it costs a pass per op.
    nonisolated(unsafe) public static var checksNumerics = false

    /// Whether ops currently record a tape.
    public static var isRecordingEnabled: Bool { isRecording }

    /// While pullbacks run: the nodes whose gradient leads to a wanted result (a leaf for
    /// `backward()`, an input of `gradients(of:wrt:)`). Pullbacks skip the gradient of an
    /// input outside this set (`needsGradient`): e.g. D's weight gradients in a generator
    /// step that asks only for G's, or in a gradient penalty that asks only for ∇ₓD.
    /// nil outside a propagation (every differentiable input is needed).
    @TaskLocal static var neededNodes: Set<ObjectIdentifier>?
}

/// Runs `body` without recording a tape: results are constants (like `torch.no_grad()`).
public func withoutGradients<T>(_ body: () throws -> T) rethrows -> T {
    try Autograd.$isRecording.withValue(false) { try body() }
}

extension Tensor {
    /// Whether this tensor takes part in differentiation.
    public var requiresGrad: Bool { node != nil }

    /// Whether a pullback must compute this input's gradient: it is differentiable and, during
    /// a propagation, lies on a path to a wanted node (see `Autograd.neededNodes`).
    var needsGradient: Bool {
        guard let node else { return false }
        return Autograd.neededNodes?.contains(ObjectIdentifier(node)) ?? true
    }

    /// The gradient accumulated by `backward()` for a leaf, or nil.
    public var grad: Tensor? { node?.grad }

    /// The same values as a new differentiable leaf.
    public func requiringGrad() -> Tensor {
        let leaf = GradNode(op: "leaf", inputs: [], outputShape: shape, outputScalars: [], pullback: nil)
        return Tensor(shape: shape, scalars: scalars, node: leaf)
    }

    /// The same values as a constant: gradients stop here (`torch.Tensor.detach`).
    public func detached() -> Tensor { Tensor(shape: shape, scalars: scalars, node: nil) }

    /// Clears a leaf's accumulated gradient.
    public func zeroGrad() { node?.grad = nil }

    /// Wraps an op's result: records a node when any input is differentiable and recording is on.
    static func record(_ op: String, _ shape: [Int], _ scalars: [Float], inputs: [Tensor],
                       pullback: @escaping (_ gradient: Tensor, _ output: Tensor) -> [Tensor?]) -> Tensor {
        if Autograd.checksNumerics {
            for v in scalars where !v.isFinite {
                let shapes = inputs.map { "\($0.shape)" }.joined(separator: ", ")
                preconditionFailure("\(op): produced \(v) from inputs of shapes \(shapes)")
            }
        }
        guard Autograd.isRecording, inputs.contains(where: { $0.node != nil }) else {
            return Tensor(shape: shape, scalars: scalars, node: nil)
        }
        let node = GradNode(op: op, inputs: inputs, outputShape: shape, outputScalars: scalars, pullback: pullback)
        return Tensor(shape: shape, scalars: scalars, node: node)
    }

    /// Accumulates d(self)/d(leaf) into every differentiable leaf's `grad`.
    ///
    /// `self` must be a scalar unless `seed` (the gradient of some scalar with respect to
    /// `self`) is given: a non-scalar without a seed is an error, not a silent sum.
    /// With `createGraph`, the accumulated gradients are themselves differentiable.
    public func backward(seed: Tensor? = nil, createGraph: Bool = false) {
        precondition(node != nil, "backward: tensor of shape \(shape) does not require gradients")
        let leafGrads = Autograd.propagate(from: self, seed: seed, createGraph: createGraph, keepLeaves: true)
        for (node, g) in leafGrads {
            node.grad = node.grad.map { $0 + g } ?? g
        }
    }

    /// The check shared by `backward` and `gradients`: the seed gradient of the output.
    func seedGradient(_ seed: Tensor?, op: String) -> Tensor {
        if let seed {
            precondition(seed.shape == shape, "\(op): seed gradient of shape \(seed.shape) does not match output shape \(shape)")
            return seed.detached()
        }
        precondition(count == 1, "\(op): output of shape \(shape) is not a scalar; pass the seed gradient explicitly")
        return Tensor(repeating: 1, shape: shape)
    }
}

/// d`output`/d`inputs`, like `torch.autograd.grad`: the gradients are returned, no leaf's
/// `grad` changes. An input that `output` does not depend on gets zeros. With
/// `createGraph: true` the returned gradients are recorded on the tape, so a penalty on
/// them (WGAN-GP, R1) can be differentiated again.
public func gradients(of output: Tensor, wrt inputs: [Tensor], seed: Tensor? = nil, createGraph: Bool = false) -> [Tensor] {
    for (i, x) in inputs.enumerated() {
        precondition(x.node != nil, "gradients(of:wrt:): input \(i) of shape \(x.shape) does not require gradients")
    }
    guard output.node != nil else { return inputs.map { Tensor.zeros($0.shape) } }
    let grads = Autograd.propagate(from: output, seed: seed, createGraph: createGraph, keepLeaves: false,
                                   wanted: Set(inputs.compactMap { $0.node.map(ObjectIdentifier.init) }))
    return inputs.map { x in
        grads.first { $0.node === x.node }?.gradient ?? Tensor.zeros(x.shape)
    }
}

extension Autograd {
    /// Runs the pullbacks in reverse topological order from `output`.
    /// Returns the gradients of the leaves (`keepLeaves`) or of the `wanted` nodes.
    static func propagate(from output: Tensor, seed: Tensor?, createGraph: Bool, keepLeaves: Bool,
                          wanted: Set<ObjectIdentifier> = []) -> [(node: GradNode, gradient: Tensor)] {
        let seedGrad = output.seedGradient(seed, op: keepLeaves ? "backward" : "gradients(of:wrt:)")
        guard let root = output.node else { return [] }

        // Iterative depth-first post-order: deep tapes must not overflow the stack.
        var order: [GradNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(GradNode, Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                stack.append((node, next + 1))
                if let child = node.inputs[next].node, visited.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }

        // `order` lists inputs before the nodes that use them: one pass marks every node from
        // which a wanted node can be reached.
        var needed = Set<ObjectIdentifier>()
        for node in order {
            let id = ObjectIdentifier(node)
            if keepLeaves ? node.isLeaf : wanted.contains(id) {
                needed.insert(id)
            } else if node.inputs.contains(where: { $0.node.map { needed.contains(ObjectIdentifier($0)) } ?? false }) {
                needed.insert(id)
            }
        }
        return $isRecording.withValue(createGraph) {
            $neededNodes.withValue(needed) {
                runPullbacks(order: order, root: root, seedGrad: seedGrad, keepLeaves: keepLeaves, wanted: wanted,
                             needed: needed)
            }
        }
    }

    private static func runPullbacks(order: [GradNode], root: GradNode, seedGrad: Tensor, keepLeaves: Bool,
                                     wanted: Set<ObjectIdentifier>, needed: Set<ObjectIdentifier>)
        -> [(node: GradNode, gradient: Tensor)] {
        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seedGrad]
        var result: [(node: GradNode, gradient: Tensor)] = []
        for node in order.reversed() {
            let id = ObjectIdentifier(node)
            guard let g = grads[id] else { continue }
            if keepLeaves ? node.isLeaf : wanted.contains(id) {
                result.append((node, g))
            }
            guard let pullback = node.pullback, needed.contains(id) else { continue }
            if !keepLeaves && wanted.contains(id) && wanted.count == result.count { break }
            let output = Tensor(shape: node.outputShape, scalars: node.outputScalars, node: node)
            let inputGrads = pullback(g, output)
            for (input, ig) in zip(node.inputs, inputGrads) {
                guard let child = input.node, let ig, needed.contains(ObjectIdentifier(child)) else { continue }
                precondition(ig.shape == input.shape,
                             "\(node.op) pullback: gradient shape \(ig.shape) does not match input shape \(input.shape)")
                let cid = ObjectIdentifier(child)
                grads[cid] = grads[cid].map { $0 + ig } ?? ig
            }
            grads[id] = nil
        }
        return result
    }
}
