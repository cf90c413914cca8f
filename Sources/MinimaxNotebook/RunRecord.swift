import Foundation

/// The contents of a run's `run.json`: what ran, where, how long, and how it ended.
///
/// JSON keys are snake_case and sorted, numbers non-finite-safe (`"nan"`, `"inf"`), so the file
/// diffs well and is the same bytes for the same record.
public struct RunRecord: Codable, Equatable, Sendable {
    public var name: String
    public var seed: UInt64
    /// `ExperimentSpec.specHash` (SHA-256 hex) of the spec the run trains (for a quick run,
    /// the quickened spec).
    public var specHash: String
    /// `CodeVersion.current(projectRoot:)`: the version plus a digest of the sources (cache key).
    public var codeVersion: String
    /// The git commit checked out when the run started (nil outside a checkout); informational,
    /// not part of the cache key.
    public var gitCommit: String?
    public var threads: Int
    public var blasCore: String
    public var quick: Bool
    /// ISO 8601 UTC.
    public var startedAt: String
    public var endedAt: String?
    public var wallSeconds: Double?
    public var status: RunStatus
    public var stepsDone: Int
    public var totalSteps: Int
    public var finalMetrics: [String: Double]
    /// Chart files in the run's `charts/` folder.
    public var charts: [String]
    /// `CodeVersion.chartsVersion` of the code that drew `charts` (nil in older records).
    public var chartsVersion: String?
    /// The run folder, relative to the project root.
    public var folder: String

    enum CodingKeys: String, CodingKey {
        case name, seed, threads, quick, status, charts, folder
        case specHash = "spec_hash"
        case codeVersion = "code_version"
        case chartsVersion = "charts_version"
        case gitCommit = "git_commit"
        case blasCore = "blas_core"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case wallSeconds = "wall_seconds"
        case stepsDone = "steps_done"
        case totalSteps = "total_steps"
        case finalMetrics = "final_metrics"
    }

    public init(name: String, seed: UInt64, specHash: String, codeVersion: String, gitCommit: String? = nil, threads: Int, blasCore: String,
                quick: Bool, startedAt: String, endedAt: String? = nil, wallSeconds: Double? = nil,
                status: RunStatus, stepsDone: Int = 0, totalSteps: Int, finalMetrics: [String: Double] = [:],
                charts: [String] = [], chartsVersion: String? = nil, folder: String) {
        self.name = name
        self.seed = seed
        self.specHash = specHash
        self.codeVersion = codeVersion
        self.gitCommit = gitCommit
        self.threads = threads
        self.blasCore = blasCore
        self.quick = quick
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.wallSeconds = wallSeconds
        self.status = status
        self.stepsDone = stepsDone
        self.totalSteps = totalSteps
        self.finalMetrics = finalMetrics
        self.charts = charts
        self.chartsVersion = chartsVersion
        self.folder = folder
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        seed = try container.decode(UInt64.self, forKey: .seed)
        specHash = try container.decode(String.self, forKey: .specHash)
        codeVersion = try container.decode(String.self, forKey: .codeVersion)
        gitCommit = try container.decodeIfPresent(String.self, forKey: .gitCommit)
        threads = try container.decode(Int.self, forKey: .threads)
        blasCore = try container.decode(String.self, forKey: .blasCore)
        quick = try container.decode(Bool.self, forKey: .quick)
        startedAt = try container.decode(String.self, forKey: .startedAt)
        endedAt = try container.decodeIfPresent(String.self, forKey: .endedAt)
        wallSeconds = try container.decodeIfPresent(Double.self, forKey: .wallSeconds)
        let statusText = try container.decode(String.self, forKey: .status)
        guard let status = RunStatus(text: statusText) else {
            throw DecodingError.dataCorruptedError(forKey: .status, in: container, debugDescription: "unknown status '\(statusText)'")
        }
        self.status = status
        stepsDone = try container.decode(Int.self, forKey: .stepsDone)
        totalSteps = try container.decode(Int.self, forKey: .totalSteps)
        finalMetrics = try container.decode([String: Double].self, forKey: .finalMetrics)
        charts = try container.decode([String].self, forKey: .charts)
        chartsVersion = try container.decodeIfPresent(String.self, forKey: .chartsVersion)
        folder = try container.decode(String.self, forKey: .folder)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(seed, forKey: .seed)
        try container.encode(specHash, forKey: .specHash)
        try container.encode(codeVersion, forKey: .codeVersion)
        try container.encodeIfPresent(gitCommit, forKey: .gitCommit)
        try container.encode(threads, forKey: .threads)
        try container.encode(blasCore, forKey: .blasCore)
        try container.encode(quick, forKey: .quick)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeIfPresent(endedAt, forKey: .endedAt)
        try container.encodeIfPresent(wallSeconds, forKey: .wallSeconds)
        try container.encode(status.description, forKey: .status)
        try container.encode(stepsDone, forKey: .stepsDone)
        try container.encode(totalSteps, forKey: .totalSteps)
        try container.encode(finalMetrics, forKey: .finalMetrics)
        try container.encode(charts, forKey: .charts)
        try container.encodeIfPresent(chartsVersion, forKey: .chartsVersion)
        try container.encode(folder, forKey: .folder)
    }

    /// Pretty, key-sorted JSON with a trailing newline.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(self)
        data.append(0x0a)
        return data
    }

    public static func decode(_ data: Data) throws -> RunRecord {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(RunRecord.self, from: data)
    }
}
