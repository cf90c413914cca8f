import MinimaxNN

extension OptimizerSpec {
    /// The `MinimaxNN` optimizer this spec describes, over `parameters` (their dotted names
    /// name the optimizer's saved state). `setting` names the spec key in error messages.
    public func makeOptimizer(_ parameters: [(name: String, parameter: Parameter)], setting: String) throws -> any Optimizer {
        let values = parameters.map(\.parameter), names = parameters.map(\.name)
        func pair(_ betas: [Double]) throws -> (Float, Float) {
            guard betas.count == 2 else { throw GANSetupError("\(setting).betas", "needs two numbers, got \(betas.count)") }
            return (Float(betas[0]), Float(betas[1]))
        }
        switch self {
        case let .sgd(lr, momentum, dampening, nesterov, weightDecay):
            return SGD(values, learningRate: Float(lr), momentum: Float(momentum), dampening: Float(dampening),
                       nesterov: nesterov, weightDecay: Float(weightDecay), parameterNames: names)
        case let .adam(lr, betas, eps, weightDecay, amsgrad):
            return Adam(values, learningRate: Float(lr), betas: try pair(betas), eps: Float(eps), weightDecay: Float(weightDecay),
                        amsgrad: amsgrad, parameterNames: names)
        case let .adamw(lr, betas, eps, weightDecay, amsgrad):
            return AdamW(values, learningRate: Float(lr), betas: try pair(betas), eps: Float(eps), weightDecay: Float(weightDecay),
                         amsgrad: amsgrad, parameterNames: names)
        case let .rmsprop(lr, alpha, eps, momentum, centered, weightDecay):
            return RMSProp(values, learningRate: Float(lr), alpha: Float(alpha), eps: Float(eps), momentum: Float(momentum),
                           centered: centered, weightDecay: Float(weightDecay), parameterNames: names)
        }
    }
}
