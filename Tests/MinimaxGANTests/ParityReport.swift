import Foundation
import MinimaxTensor

/// Largest errors of a parity comparison, printed when `MINIMAX_PARITY_REPORT` is set (for
/// reports, not for the verdict): the largest absolute error, the largest relative error over
/// entries with |torch| ≥ 1e-3 × the tensor's largest |torch| (relative error means nothing
/// near 0), and the share of the tolerance used (≤ 1 passes).
enum ParityReport {
    static var isOn: Bool { ProcessInfo.processInfo.environment["MINIMAX_PARITY_REPORT"] != nil }

    static func note(fixture: String, _ text: String) {
        if isOn { print("parity \(fixture) \(text)") }
    }

    static func record(fixture: String, key: String, actual: Tensor, expected: Tensor, relative: Float, floors: [Float]) {
        guard isOn else { return }
        let scale = expected.scalars.map(abs).max() ?? 0
        var maxAbs: Float = 0, maxRel: Float = 0, used: Float = 0
        for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() where i < floors.count {
            maxAbs = max(maxAbs, abs(a - e))
            if abs(e) >= 1e-3 * scale && e != 0 { maxRel = max(maxRel, abs(a - e) / abs(e)) }
            used = max(used, abs(a - e) / (relative * abs(e) + floors[i]))
        }
        print("parity \(fixture) \(key): max abs \(maxAbs), max rel \(maxRel), tolerance used \(used)")
    }
}
