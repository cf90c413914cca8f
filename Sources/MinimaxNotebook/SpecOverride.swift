import Foundation
import MinimaxGAN
import Yams

/// One command-line override, `--set key=value`: a dotted key and a value parsed as YAML
/// (`--set steps=2000` is an integer, `--set objective=wgan-gp` a string,
/// `--set 'optimizer.generator.betas=[0.0, 0.9]'` a list).
public struct SpecOverride: Equatable, Sendable {
    public var key: String
    public var value: SpecValue

    public init(key: String, value: SpecValue) {
        self.key = key
        self.value = value
    }

    /// Parses `key=value` as written after `--set`.
    public init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "=") else {
            throw NotebookError.invalidOverride(key: "--set \(text)", message: "expected key=value, e.g. --set steps=2000")
        }
        key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw NotebookError.invalidOverride(key: "--set \(text)", message: "missing key before '='") }
        let valueText = String(text[text.index(after: equals)...])
        do {
            let node = try Yams.compose(yaml: valueText)
            let file = "--set \(key)"
            let tree = try node.map { try LocatedSpecTree(node: $0, file: file) } ?? LocatedSpecTree(value: .null)
            value = tree.value
        } catch {
            throw NotebookError.invalidOverride(key: "--set \(key)", message: "value '\(valueText)' is not valid YAML")
        }
    }
}
