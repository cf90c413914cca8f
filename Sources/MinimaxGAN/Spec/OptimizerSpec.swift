/// An optimizer and its hyperparameters, named and defaulted as in `torch.optim`, except
/// where GAN practice differs (stated per case).
public enum OptimizerSpec: Equatable, Sendable {
    /// `torch.optim.SGD` (defaults lr 1e-3, no momentum).
    case sgd(lr: Double, momentum: Double, dampening: Double, nesterov: Bool, weightDecay: Double)
    /// `torch.optim.Adam` with bias correction. Defaults lr 1e-4, betas (0.5, 0.999) follow DCGAN
    /// practice (Radford et al. 2016 lower β1 to 0.5); PyTorch's are 1e-3 and (0.9, 0.999).
    case adam(lr: Double, betas: [Double], eps: Double, weightDecay: Double, amsgrad: Bool)
    /// `torch.optim.AdamW` (decoupled weight decay, default 0.01); lr and betas as for Adam here.
    case adamw(lr: Double, betas: [Double], eps: Double, weightDecay: Double, amsgrad: Bool)
    /// `torch.optim.RMSprop`; default lr 5e-5 as in WGAN (Arjovsky et al. 2017), PyTorch's is 1e-2.
    case rmsprop(lr: Double, alpha: Double, eps: Double, momentum: Double, centered: Bool, weightDecay: Double)

    public enum Kind: String, SpecEnum { case sgd, adam, adamw, rmsprop }

    /// Adam with the GAN defaults.
    public static let ganDefault = OptimizerSpec.adam(lr: 1e-4, betas: [0.5, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false)

    public var kind: Kind {
        switch self {
        case .sgd: return .sgd
        case .adam: return .adam
        case .adamw: return .adamw
        case .rmsprop: return .rmsprop
        }
    }

    public var learningRate: Double {
        switch self {
        case let .sgd(lr, _, _, _, _), let .adam(lr, _, _, _, _), let .adamw(lr, _, _, _, _),
             let .rmsprop(lr, _, _, _, _, _):
            return lr
        }
    }

    static func read(_ reader: SpecReader) -> OptimizerSpec {
        let kind = reader.enumeration("kind", default: Kind.adam)
        let result: OptimizerSpec
        switch kind {
        case .sgd:
            result = .sgd(lr: reader.double("lr", default: 1e-3), momentum: reader.double("momentum", default: 0),
                          dampening: reader.double("dampening", default: 0), nesterov: reader.bool("nesterov", default: false),
                          weightDecay: reader.double("weight_decay", default: 0))
        case .adam, .adamw:
            let lr = reader.double("lr", default: 1e-4)
            let betas = reader.doubles("betas", default: [0.5, 0.999])
            let eps = reader.double("eps", default: 1e-8)
            let weightDecay = reader.double("weight_decay", default: kind == .adamw ? 0.01 : 0)
            let amsgrad = reader.bool("amsgrad", default: false)
            result = kind == .adam
                ? .adam(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad)
                : .adamw(lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad)
        case .rmsprop:
            result = .rmsprop(lr: reader.double("lr", default: 5e-5), alpha: reader.double("alpha", default: 0.99),
                              eps: reader.double("eps", default: 1e-8), momentum: reader.double("momentum", default: 0),
                              centered: reader.bool("centered", default: false),
                              weightDecay: reader.double("weight_decay", default: 0))
        }
        reader.finish()
        return result
    }

    var specValue: SpecValue {
        var entries = [SpecEntry("kind", .string(kind.rawValue))]
        switch self {
        case let .sgd(lr, momentum, dampening, nesterov, weightDecay):
            entries += [SpecEntry("lr", .double(lr)), SpecEntry("momentum", .double(momentum)),
                        SpecEntry("dampening", .double(dampening)), SpecEntry("nesterov", .bool(nesterov)),
                        SpecEntry("weight_decay", .double(weightDecay))]
        case let .adam(lr, betas, eps, weightDecay, amsgrad), let .adamw(lr, betas, eps, weightDecay, amsgrad):
            entries += [SpecEntry("lr", .double(lr)), SpecEntry("betas", .sequence(betas.map { .double($0) })),
                        SpecEntry("eps", .double(eps)), SpecEntry("weight_decay", .double(weightDecay)),
                        SpecEntry("amsgrad", .bool(amsgrad))]
        case let .rmsprop(lr, alpha, eps, momentum, centered, weightDecay):
            entries += [SpecEntry("lr", .double(lr)), SpecEntry("alpha", .double(alpha)), SpecEntry("eps", .double(eps)),
                        SpecEntry("momentum", .double(momentum)), SpecEntry("centered", .bool(centered)),
                        SpecEntry("weight_decay", .double(weightDecay))]
        }
        return .mapping(entries)
    }

    func validate(at path: String, _ add: (String, String) -> Void) {
        if !(learningRate > 0) { add("\(path).lr", "must be greater than 0, got \(learningRate)") }
        switch self {
        case let .sgd(_, momentum, dampening, nesterov, weightDecay):
            if !(momentum >= 0) { add("\(path).momentum", "must be at least 0, got \(momentum)") }
            if !(dampening >= 0) { add("\(path).dampening", "must be at least 0, got \(dampening)") }
            if nesterov && !(momentum > 0 && dampening == 0) {
                add("\(path).nesterov", "needs momentum > 0 and dampening 0 (as torch.optim.SGD requires)")
            }
            if !(weightDecay >= 0) { add("\(path).weight_decay", "must be at least 0, got \(weightDecay)") }
        case let .adam(_, betas, eps, weightDecay, _), let .adamw(_, betas, eps, weightDecay, _):
            if betas.count != 2 {
                add("\(path).betas", "must be two numbers [beta1, beta2], got \(betas.count)")
            } else {
                for (index, beta) in betas.enumerated() where !(beta >= 0 && beta < 1) {
                    add("\(path).betas.\(index)", "must be in [0, 1), got \(beta)")
                }
            }
            if !(eps > 0) { add("\(path).eps", "must be greater than 0, got \(eps)") }
            if !(weightDecay >= 0) { add("\(path).weight_decay", "must be at least 0, got \(weightDecay)") }
        case let .rmsprop(_, alpha, eps, momentum, _, weightDecay):
            if !(alpha >= 0 && alpha < 1) { add("\(path).alpha", "must be in [0, 1), got \(alpha)") }
            if !(eps > 0) { add("\(path).eps", "must be greater than 0, got \(eps)") }
            if !(momentum >= 0) { add("\(path).momentum", "must be at least 0, got \(momentum)") }
            if !(weightDecay >= 0) { add("\(path).weight_decay", "must be at least 0, got \(weightDecay)") }
        }
    }
}
