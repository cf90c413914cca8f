import MinimaxGAN
import Yams

/// One ```` ```minimax ```` cell of a lesson. The YAML inside says what the cell does:
///
/// - `run: ring8-vanilla` (a name in `Experiments/`, a project path, or an inline spec mapping),
///   with optional `id:`, `seeds:`, `set: {dotted.key: value}` and `show: [samples, modes]`.
/// - `compare: [ring8-vanilla, ring8-wgan-gp]` (each item a reference, or
///   `{label:, run:, set:}`), with `id:`, `seeds:` (e.g. `0-4`), `metrics:` (table columns;
///   default: every final metric), `curves:` (metrics drawn over steps with bands).
/// - `figure: cellid` with `show: [charts]` and optional `caption:`: charts of an earlier cell.
/// - `table: [cellid, …]` with optional `metrics:`: final metrics of earlier cells side by side.
public struct LessonCell {
    public enum Kind: String, Sendable, CaseIterable { case run, compare, figure, table }

    public var kind: Kind
    /// `id:`, or for a `run` of a named experiment the experiment's name, else `cell<N>`.
    public var id: String
    /// 1-based line of the opening fence in the lesson file.
    public var line: Int
    /// The parsed YAML of the cell.
    var node: Node
    /// Lines to add to a mark inside the cell YAML to get the lesson line.
    var lineOffset: Int

    static let allowedKeys: [Kind: [String]] = [
        .run: ["run", "id", "seeds", "seed", "set", "show"],
        .compare: ["compare", "id", "seeds", "set", "metrics", "curves"],
        .figure: ["figure", "id", "show", "caption"],
        .table: ["table", "id", "metrics"],
    ]
}
