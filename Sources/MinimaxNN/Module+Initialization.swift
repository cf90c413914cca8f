import MinimaxTensor

extension Module {
    /// Re-initialises every parameter (and random buffer) with `scheme` (see `Initializer`):
    /// first each layer's default rule, then the scheme's rule for each parameter with a
    /// role, both drawing from the parameter's stream `"init.<dotted name>"` with `seed`.
    public func initialize(seed: UInt64, scheme: Initializer) {
        initialize(seed: seed)
        guard scheme != .pytorchDefault else { return }
        applyScheme(scheme, seed: seed, prefix: "")
    }

    private func applyScheme(_ scheme: Initializer, seed: UInt64, prefix: String) {
        let roles = parameterRoles
        for child in Mirror(reflecting: self).allChildren {
            guard let label = child.label, let p = child.value as? Parameter else { continue }
            let name = label.hasPrefix("_") ? String(label.dropFirst()) : label
            guard let role = roles[name] else { continue }
            var stream = RandomStream(seed: seed, name: "init.\(prefix)\(name)")
            if let values = scheme.values(shape: p.shape, role: role, stream: &stream) { p.assign(values) }
        }
        for (name, module) in namedChildren() {
            module.applyScheme(scheme, seed: seed, prefix: "\(prefix)\(name).")
        }
    }
}
