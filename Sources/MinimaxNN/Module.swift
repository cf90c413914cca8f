import MinimaxTensor

/// A trainable tensor with identity: layers own parameters, optimizers update them in place.
///
/// `value` is a differentiable leaf; after `backward()` its gradient is `grad`.
public final class Parameter {
    public var value: Tensor
    public init(_ value: Tensor) { self.value = value.detached().requiringGrad() }
    public var grad: Tensor? { value.grad }
    public var shape: [Int] { value.shape }
    /// Replaces the values (initialisation, checkpoint loading), keeping the same leaf.
    public func assign(_ scalars: [Float]) {
        precondition(scalars.count == value.count, "Parameter.assign: \(scalars.count) values for shape \(value.shape)")
        value.updateScalars { $0 = scalars }
    }
}

/// State that is saved with a model but not trained (batch-norm running statistics,
/// spectral norm's power-iteration vector).
public final class Buffer {
    public var value: Tensor
    public init(_ value: Tensor) { self.value = value.detached() }
}

/// The base of every layer and model (mlx-swift's `Module`).
///
/// Parameters, buffers and sublayers are stored properties; `namedParameters()` finds them
/// by reflection and names them with dots (`"layers.2.weight"`), so nothing keeps a
/// hand-written list. Arrays of modules are indexed by position.
open class Module {
    /// Training mode (batch statistics, dropout on) or evaluation mode.
    public internal(set) var isTraining = true

    public init() {}

    /// Sublayers in declaration order, with their property names.
    public func namedChildren() -> [(name: String, module: Module)] {
        var out: [(String, Module)] = []
        for child in Mirror(reflecting: self).allChildren {
            guard let label = child.label else { continue }
            let name = label.hasPrefix("_") ? String(label.dropFirst()) : label
            if let module = child.value as? Module {
                out.append((name, module))
            } else if let array = child.value as? [Any] {
                for (i, element) in array.enumerated() {
                    if let module = element as? Module { out.append(("\(name).\(i)", module)) }
                }
            }
        }
        return out
    }

    /// Every parameter of this module and its sublayers, with dotted names, in declaration order.
    public func namedParameters() -> [(name: String, parameter: Parameter)] {
        var out: [(String, Parameter)] = []
        for child in Mirror(reflecting: self).allChildren {
            guard let label = child.label, let p = child.value as? Parameter else { continue }
            out.append((label.hasPrefix("_") ? String(label.dropFirst()) : label, p))
        }
        for (name, module) in namedChildren() {
            out += module.namedParameters().map { ("\(name).\($0.name)", $0.parameter) }
        }
        return out
    }

    /// Every buffer, with dotted names.
    public func namedBuffers() -> [(name: String, buffer: Buffer)] {
        var out: [(String, Buffer)] = []
        for child in Mirror(reflecting: self).allChildren {
            guard let label = child.label, let b = child.value as? Buffer else { continue }
            out.append((label.hasPrefix("_") ? String(label.dropFirst()) : label, b))
        }
        for (name, module) in namedChildren() {
            out += module.namedBuffers().map { ("\(name).\($0.name)", $0.buffer) }
        }
        return out
    }

    public func parameters() -> [Parameter] { namedParameters().map(\.parameter) }

    /// Number of trainable scalars.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.value.count } }

    /// Switches this module and all sublayers to training (`true`) or evaluation mode.
    public func train(_ on: Bool = true) {
        isTraining = on
        for (_, child) in namedChildren() { child.train(on) }
    }

    public func eval() { train(false) }

    /// Clears every parameter's accumulated gradient.
    public func zeroGradients() {
        for p in parameters() { p.value.zeroGrad() }
    }

    /// Re-initialises every parameter with its layer's default rule, each parameter drawing
    /// from its own stream named `"init.<dotted name>"`, so adding a layer never shifts the
    /// initial values of the others.
    public func initialize(seed: UInt64) {
        initializeParameters(seed: seed, prefix: "")
    }

    func initializeParameters(seed: UInt64, prefix: String) {
        resetParameters { name in RandomStream(seed: seed, name: "init.\(prefix)\(name)") }
        for (name, child) in namedChildren() {
            child.initializeParameters(seed: seed, prefix: "\(prefix)\(name).")
        }
    }

    /// Sets this layer's own parameters (not its sublayers') from the streams that
    /// `stream(parameterName)` returns. Layers with parameters override it.
    open func resetParameters(_ stream: (String) -> RandomStream) {}

    /// What each of this layer's own parameters is (keyed by property name), so that an
    /// `Initializer` scheme knows which rule to apply. Parameters not listed keep their
    /// layer's default rule under every scheme.
    open var parameterRoles: [String: ParameterRole] { [:] }

    /// A one-line description used in summaries, e.g. `Linear(2 → 256)`.
    open var layerDescription: String { String(describing: type(of: self)) }
}

extension Mirror {
    /// Children of this type and its superclasses, superclass first.
    var allChildren: [Mirror.Child] {
        (superclassMirror?.allChildren ?? []) + Array(children)
    }
}

/// A module that maps one tensor to one tensor, the element type of `Sequential`.
public protocol UnaryLayer: Module {
    func callAsFunction(_ input: Tensor) -> Tensor
}
