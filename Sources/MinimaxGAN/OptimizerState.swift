import MinimaxNN
import MinimaxTensor

/// The optimizers' saved state, through `MinimaxNN`'s optimizer state API.
enum OptimizerState {
    static func tensors(of optimizer: any Optimizer) throws -> [String: Tensor] {
        throw GANSetupError("checkpoint", "saving optimizer state needs MinimaxNN's Optimizer.stateTensors(), which this build does not have yet")
    }

    static func load(_ optimizer: any Optimizer, from state: [String: Tensor], file: String) throws {
        throw GANSetupError(file, "restoring optimizer state needs MinimaxNN's Optimizer.load(state:), which this build does not have yet")
    }
}
