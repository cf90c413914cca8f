import MinimaxTensor

/// A rule that updates parameters from their gradients, with state that can be saved
/// and restored (PyTorch's `optimizer.state_dict()`).
public protocol Optimizer: AnyObject {
    /// The parameters this optimizer updates, in a fixed order.
    var parameters: [Parameter] { get }
    /// A name per parameter used in saved state (`"exp_avg.<name>"`): the model's dotted
    /// names if given at construction, else `"0"`, `"1"`, ….
    var parameterNames: [String] { get }
    var learningRate: Float { get set }
    /// Steps taken so far.
    var stepCount: Int { get }
    /// One update from the current gradients (parameters without a gradient are skipped).
    func step()
    /// The state as tensors: `"step"` (a scalar; exact up to 2²⁴ steps) and one tensor per
    /// parameter and state slot, named `"<slot>.<parameter name>"` with PyTorch's slot names.
    /// Hyperparameters are not included: they come from the experiment spec.
    func stateTensors() -> [String: Tensor]
    /// Restores `stateTensors()`; throws a `StateDictError` naming every missing or unexpected
    /// key and shape mismatch, changing nothing in that case.
    func load(state: [String: Tensor]) throws
}

extension Optimizer {
    /// Clears the gradients of this optimizer's parameters.
    public func zeroGradients() {
        for p in parameters { p.value.zeroGrad() }
    }
}

/// Names and shapes of an optimizer's parameters, and the tensor encoding of its state:
/// `"step"` plus `"<slot>.<parameter name>"` for each per-parameter slot (`exp_avg`, …).
struct OptimizerStateCoder {
    let optimizerName: String
    let names: [String]
    let shapes: [[Int]]

    init(optimizerName: String, parameters: [Parameter], names: [String]?) {
        let names = names ?? parameters.indices.map(String.init)
        precondition(names.count == parameters.count,
                     "\(optimizerName): \(names.count) parameter names for \(parameters.count) parameters")
        precondition(Set(names).count == names.count, "\(optimizerName): parameter names must be unique")
        self.optimizerName = optimizerName
        self.names = names
        shapes = parameters.map(\.shape)
    }

    /// One zero array per parameter.
    func zeros() -> [[Float]] { shapes.map { [Float](repeating: 0, count: $0.reduce(1, *)) } }

    func encode(step: Int, slots: [(name: String, values: [[Float]])]) -> [String: Tensor] {
        var out: [String: Tensor] = ["step": Tensor(Float(step))]
        for slot in slots {
            for (i, name) in names.enumerated() {
                out["\(slot.name).\(name)"] = Tensor(shape: shapes[i], scalars: slot.values[i])
            }
        }
        return out
    }

    /// The step count and the slots (in the order of `slotNames`) from `state`, checked first.
    func decode(_ state: [String: Tensor], slotNames: [String]) throws -> (step: Int, slots: [[[Float]]]) {
        var expected: [(name: String, shape: [Int])] = [("step", [])]
        for slot in slotNames {
            for (i, name) in names.enumerated() { expected.append(("\(slot).\(name)", shapes[i])) }
        }
        let context = "\(optimizerName) state"
        try StateDictError.check(context: context, expected: expected, found: state)
        let step = state["step"]?.scalars.first ?? -1
        guard step >= 0, step == step.rounded() else {
            throw StateDictError(context: context, missingKeys: [], unexpectedKeys: [], shapeMismatches: [],
                                 invalidValues: ["step is \(step), not a step count"])
        }
        let slots = slotNames.map { slot in names.map { state["\(slot).\($0)"]?.scalars ?? [] } }
        return (Int(step), slots)
    }
}
