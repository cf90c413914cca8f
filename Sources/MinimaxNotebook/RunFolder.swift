import Foundation
import MinimaxNN

/// One run's folder, `.minimax/runs/<spec-name>-<hash8>[-quick]-seed<k>/`:
/// `spec.yaml` (resolved spec), `run.json` (`RunRecord`), `metrics.csv` (written by the
/// executor: a `step` column then one column per logged value), `snapshots/`, `checkpoints/`,
/// `charts/`, and `lock` while a process writes it.
public struct RunFolder: Equatable, Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// `<name>-<first 8 hex of hash>[-quick]-seed<k>`.
    public static func name(specName: String, specHash: String, seed: UInt64, quick: Bool) -> String {
        "\(specName)-\(specHash.prefix(8))\(quick ? "-quick" : "")-seed\(seed)"
    }

    public var specFile: URL { url.appendingPathComponent("spec.yaml") }
    public var recordFile: URL { url.appendingPathComponent("run.json") }
    public var metricsFile: URL { url.appendingPathComponent("metrics.csv") }
    public var lockFile: URL { url.appendingPathComponent("lock") }
    public var snapshots: URL { url.appendingPathComponent("snapshots", isDirectory: true) }
    public var checkpoints: URL { url.appendingPathComponent("checkpoints", isDirectory: true) }
    public var charts: URL { url.appendingPathComponent("charts", isDirectory: true) }

    /// Creates the folder and its subfolders.
    public func create() throws {
        for folder in [url, snapshots, checkpoints, charts] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    /// The record in `run.json`, or nil when there is none yet.
    public func readRecord() throws -> RunRecord? {
        guard FileManager.default.fileExists(atPath: recordFile.path) else { return nil }
        do { return try RunRecord.decode(Data(contentsOf: recordFile)) } catch {
            throw NotebookError.invalidRun(folder: url.path, message: "unreadable run.json: \(error)")
        }
    }

    public func writeRecord(_ record: RunRecord) throws {
        try AtomicFile.write(record.jsonData(), to: recordFile)
    }

    /// Whether the executor left a checkpoint to resume from.
    public var hasCheckpoint: Bool {
        !((try? FileManager.default.contentsOfDirectory(atPath: checkpoints.path)) ?? []).isEmpty
    }

    /// Removes everything a previous attempt wrote (but not the lock).
    public func clearOutputs() throws {
        for item in [specFile, recordFile, metricsFile, snapshots, checkpoints, charts]
        where FileManager.default.fileExists(atPath: item.path) {
            try FileManager.default.removeItem(at: item)
        }
        try create()
    }
}
