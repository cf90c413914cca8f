import Foundation

/// Reads what a run left in `snapshots/` and `metrics.csv`, for the charts.
struct SnapshotFiles {
    let folder: RunFolder

    /// Snapshot steps that have a `<kind>-<step>.csv`, ascending.
    func steps(_ kind: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.snapshots.path)) ?? []
        return names.compactMap { name -> Int? in
            guard name.hasPrefix(kind + "-"), name.hasSuffix(".csv") else { return nil }
            return Int(name.dropFirst(kind.count + 1).dropLast(4))
        }.sorted()
    }

    /// The file of `kind` at `step` (the trainer zero-pads step numbers).
    func file(_ kind: String, step: Int) -> URL? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.snapshots.path)) ?? []
        let match = names.first { name in
            name.hasPrefix(kind + "-") && name.hasSuffix(".csv") && Int(name.dropFirst(kind.count + 1).dropLast(4)) == step
        }
        return match.map { folder.snapshots.appendingPathComponent($0) }
    }

    /// Numeric columns of a CSV with a header line; unparsable cells read as NaN.
    static func columns(_ url: URL) throws -> [String: [Double]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return [:] }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        var columns = [[Double]](repeating: [], count: header.count)
        for line in lines {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (i, cell) in cells.enumerated() where i < header.count {
                columns[i].append(Double(cell) ?? .nan)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(header, columns))
    }

    func points(_ kind: String, step: Int) -> (x: [Double], y: [Double])? {
        guard let url = file(kind, step: step), let table = try? Self.columns(url),
              let x = table["x"], let y = table["y"] else { return nil }
        return (x, y)
    }

    var real: (x: [Double], y: [Double])? {
        let url = folder.snapshots.appendingPathComponent("real.csv")
        guard let table = try? Self.columns(url), let x = table["x"], let y = table["y"] else { return nil }
        return (x, y)
    }
}
