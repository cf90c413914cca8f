import ArgumentParser
import Foundation
import MinimaxGAN
import MinimaxNotebook

/// Options every training command shares.
struct EngineOptions: ParsableArguments {
    @Option(help: "Threads for the tensor engine (part of the run cache key).")
    var threads: Int = 1

    @Flag(help: "Scaled-down run (fewer steps and samples, same code path), for tests and a first look.")
    var quick = false

    @Flag(help: "Rerun even when a finished run with the same spec, code version, threads and BLAS kernel is cached.")
    var force = false

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be between 1 and 64, got \(threads)") }
    }
}

/// Options that change an experiment spec from the command line.
struct SpecOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Override a spec value, e.g. --set objective=wgan-gp --set steps=2000.", valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Run this one seed.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Run these seeds, e.g. 0-4 or 0,2,5.", valueName: "list"))
    var seeds: String?

    func parsedOverrides() throws -> [SpecOverride] {
        try overrides.map { try SpecOverride(parsing: $0) }
    }

    /// The seeds asked for, or nil for the spec's own.
    func parsedSeeds() throws -> [UInt64]? {
        if seed != nil && seeds != nil { throw ValidationError("give --seed or --seeds, not both") }
        if let seed { return [seed] }
        return try seeds.map { try SeedList.parse($0) }
    }
}
