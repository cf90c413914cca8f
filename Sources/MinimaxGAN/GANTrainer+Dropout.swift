import MinimaxNN
import MinimaxTensor

extension GANTrainer {
    /// The mask streams of D's dropout layers, in layer order (saved in checkpoints).
    var dropoutStreamStates: [RandomStream.State] { [] }

    func restoreDropoutStreams(_ states: [RandomStream.State], file: String) throws {
        guard states.isEmpty else { throw GANSetupError(file, "has \(states.count) dropout streams for 0 dropout layers") }
    }
}
