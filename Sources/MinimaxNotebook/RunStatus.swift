/// How a run ended (or that it has not).
public enum RunStatus: Equatable, Sendable, CustomStringConvertible {
    case running
    case finished
    /// Training produced non-finite losses or parameters at `step`; a result, not an error.
    case diverged(step: Int)
    /// Stopped early (error, signal); resumable when a checkpoint exists.
    case interrupted

    /// Whether the run reached its end (finished or diverged) and can be reused from the cache.
    public var isComplete: Bool {
        switch self {
        case .finished, .diverged: return true
        case .running, .interrupted: return false
        }
    }

    public var description: String {
        switch self {
        case .running: return "running"
        case .finished: return "finished"
        case let .diverged(step): return "diverged at step \(step)"
        case .interrupted: return "interrupted"
        }
    }

    /// Parses `description`'s forms.
    public init?(text: String) {
        switch text {
        case "running": self = .running
        case "finished": self = .finished
        case "interrupted": self = .interrupted
        default:
            let prefix = "diverged at step "
            guard text.hasPrefix(prefix), let step = Int(text.dropFirst(prefix.count)) else { return nil }
            self = .diverged(step: step)
        }
    }
}
