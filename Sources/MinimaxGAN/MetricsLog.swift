import Foundation
import MinimaxNN

/// `metrics.csv`: a header row, then one row per evaluation step, rewritten atomically after
/// every row. Numbers are written in Swift's shortest round-trip form (`0.6931472`, `1e-05`,
/// `nan`), so equal values always give equal bytes.
struct MetricsLog {
    let url: URL
    let columns: [String]
    private(set) var rows: [[String]] = []

    init(url: URL, columns: [String]) {
        self.url = url
        self.columns = columns
    }

    /// The log on disk cut back to rows with step ≤ `step` (the rows a checkpoint at `step`
    /// has seen). Throws if the file's header is not `columns`.
    static func resumed(url: URL, columns: [String], upTo step: Int) throws -> MetricsLog {
        var log = MetricsLog(url: url, columns: columns)
        guard FileManager.default.fileExists(atPath: url.path) else { return log }
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return log }
        let header = lines.removeFirst()
        guard header == columns.joined(separator: ",") else {
            throw GANSetupError(url.path, "header '\(header)' does not match this spec's columns '\(columns.joined(separator: ","))'")
        }
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns.count, let rowStep = Int(fields[0]) else {
                throw GANSetupError(url.path, "malformed row '\(line)'")
            }
            if rowStep <= step { log.rows.append(fields) }
        }
        return log
    }

    mutating func append(_ row: [String]) throws {
        precondition(row.count == columns.count, "metrics row has \(row.count) fields for \(columns.count) columns")
        rows.append(row)
        try write()
    }

    func write() throws {
        var text = columns.joined(separator: ",") + "\n"
        for row in rows { text += row.joined(separator: ",") + "\n" }
        try AtomicFile.write(text, to: url)
    }

    /// The last row as column → value (non-numbers become NaN).
    var lastRow: [String: Double] {
        guard let row = rows.last else { return [:] }
        var result: [String: Double] = [:]
        for (column, field) in zip(columns, row) { result[column] = Double(field) ?? .nan }
        return result
    }
}

/// Text of a CSV number.
enum CSVNumber {
    static func text(_ value: Float) -> String { value.isNaN ? "nan" : "\(value)" }
    static func text(_ value: Double) -> String { value.isNaN ? "nan" : "\(value)" }
    static func text(_ value: Int) -> String { "\(value)" }
}
