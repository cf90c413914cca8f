import Foundation

/// A fresh folder per test (tests run in parallel), removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("minimax-plot-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Every file name below the folder, recursively.
    func allFileNames() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        var names: [String] = []
        while let path = enumerator?.nextObject() as? String { names.append((path as NSString).lastPathComponent) }
        return names
    }
}
