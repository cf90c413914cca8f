import MinimaxNN

extension OptimizerSpec {
    /// The `MinimaxNN` optimizer this spec describes, over `parameters`. `setting` names the spec
    /// key for error messages (`optimizer.generator`).
    public func makeOptimizer(_ parameters: [Parameter], setting: String) throws -> any Optimizer {
        switch self {
        case let .adam(lr, betas, eps, weightDecay, amsgrad):
            if amsgrad { throw GANSetupError("\(setting).amsgrad", "AMSGrad is not implemented by MinimaxNN's Adam") }
            guard betas.count == 2 else { throw GANSetupError("\(setting).betas", "needs two numbers, got \(betas.count)") }
            return Adam(parameters, learningRate: Float(lr), betas: (Float(betas[0]), Float(betas[1])),
                        eps: Float(eps), weightDecay: Float(weightDecay))
        case .sgd, .adamw, .rmsprop:
            throw GANSetupError("\(setting).kind", "\(kind.rawValue) needs MinimaxNN's optimizer, which this build does not have yet")
        }
    }
}
