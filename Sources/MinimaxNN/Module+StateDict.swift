import MinimaxTensor

extension Module {
    /// Every parameter and buffer as constant tensors, by dotted name (`"layers.0.weight"`,
    /// `"layers.1.runningMean"`), each prefixed with `prefix` (e.g. `"generator."`).
    public func stateDict(prefix: String = "") -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (name, p) in namedParameters() { out[prefix + name] = p.value.detached() }
        for (name, b) in namedBuffers() { out[prefix + name] = b.value.detached() }
        return out
    }

    /// Loads parameters and buffers from `state` (keys `prefix + dotted name`).
    ///
    /// Checks everything before changing anything: throws a `StateDictError` listing all
    /// missing keys, unexpected keys (those starting with `prefix` that this model does not
    /// have; keys with another prefix are ignored) and shape mismatches. Parameters keep
    /// their identity, so optimizers holding them stay valid.
    public func loadStateDict(_ state: [String: Tensor], prefix: String = "") throws {
        let parameters = namedParameters(), buffers = namedBuffers()
        let expected = parameters.map { (prefix + $0.name, $0.parameter.shape) } + buffers.map { (prefix + $0.name, $0.buffer.value.shape) }
        let relevant = state.filter { $0.key.hasPrefix(prefix) }
        try StateDictError.check(context: "\(String(describing: type(of: self))) state", expected: expected, found: relevant)
        for (name, p) in parameters {
            if let t = relevant[prefix + name] { p.assign(t.scalars) }
        }
        for (name, b) in buffers {
            if let t = relevant[prefix + name] { b.value = t.detached() }
        }
    }
}
