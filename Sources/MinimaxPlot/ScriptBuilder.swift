/// Accumulates a gnuplot script and its data files while a chart is written.
final class ScriptBuilder {
    let name: String
    private(set) var lines: [String] = []
    private(set) var dataFiles: [ChartFiles.DataFile] = []
    private var fileNamesByContents: [String: String] = [:]

    init(name: String) { self.name = name }

    func emit(_ line: String) { lines.append(line) }

    func blank() { if lines.last != "" { lines.append("") } }

    /// Index the next data file will get (1-based).
    var nextDataIndex: Int { dataFiles.count + 1 }

    /// Adds `name-<k>.dat` with a `# column names` header; returns its file name. Identical
    /// contents (e.g. the real data in every frame of an animation) share one file.
    func addData(columns header: [String], rows body: String) -> String {
        let contents = "# " + header.joined(separator: " ") + "\n" + body
        if let existing = fileNamesByContents[contents] { return existing }
        let fileName = "\(name)-\(nextDataIndex).dat"
        dataFiles.append(.init(name: fileName, contents: contents))
        fileNamesByContents[contents] = fileName
        return fileName
    }

    var script: String { lines.joined(separator: "\n") + "\n" }
}

/// Builds whitespace-separated data rows.
struct DataTable {
    private(set) var text = ""

    mutating func row(_ values: Double...) {
        text += values.map(GnuplotNumber.format).joined(separator: " ")
        text += "\n"
    }

    mutating func row(integers values: [Int]) {
        text += values.map(String.init).joined(separator: " ")
        text += "\n"
    }

    /// A blank line: gnuplot's separator between scan lines of a grid.
    mutating func blankLine() { text += "\n" }
}
