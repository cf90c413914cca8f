import Foundation

/// A run's `metrics.csv`: a header (`step,` then value names) and one numeric row per logged
/// step. Empty cells (a metric not evaluated at that step) read as NaN.
public struct MetricsTable: Equatable, Sendable {
    public var columns: [String]
    public var rows: [[Double]]

    public init(columns: [String], rows: [[Double]]) {
        self.columns = columns
        self.rows = rows
    }

    public static func read(_ url: URL) throws -> MetricsTable {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw NotebookError.io(path: url.path, message: "cannot read metrics: \(error.localizedDescription)")
        }
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw NotebookError.io(path: url.path, message: "empty metrics file") }
        let columns = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard columns.first == "step" else { throw NotebookError.io(path: url.path, message: "metrics must start with a 'step' column") }
        var rows: [[Double]] = []
        for (index, line) in lines.enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == columns.count else {
                throw NotebookError.io(path: url.path, message: "line \(index + 2) has \(cells.count) cells, header has \(columns.count)")
            }
            rows.append(cells.map { Double($0.trimmingCharacters(in: .whitespaces)) ?? .nan })
        }
        return MetricsTable(columns: columns, rows: rows)
    }

    /// (step, value) pairs of `column`, skipping steps where it is missing.
    public func series(_ column: String) -> [(step: Int, value: Double)] {
        guard let index = columns.firstIndex(of: column) else { return [] }
        return rows.compactMap { row in row[index].isNaN ? nil : (Int(row[0]), row[index]) }
    }
}
