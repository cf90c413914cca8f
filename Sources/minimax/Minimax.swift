import ArgumentParser
import MinimaxNotebook

/// The `minimax` command: run lessons and experiments, compare them, build the course reports.
@main
struct Minimax: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimax",
        abstract: "Learn how GANs train, collapse and recover, by running experiments.",
        version: MinimaxVersion.string,
        subcommands: []
    )
}
