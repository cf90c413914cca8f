import ArgumentParser
import MinimaxNotebook

/// Entry point: pin the BLAS kernel (may re-execute, `BLASKernel`), fix malloc's thresholds
/// (`MallocPolicy`), then parse the command line.
@main
enum Entry {
    static func main() {
        BLASKernel.pinKernel()
        MallocPolicy.keepFreedMemory()
        Minimax.main()
    }
}

/// The `minimax` command: run lessons and experiments, compare them, build the course reports.
struct Minimax: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minimax",
        abstract: "Learn how GANs train, collapse and recover, by running experiments.",
        discussion: """
        Run a lesson:          minimax lesson 03-mode-collapse
        Compare experiments:   minimax compare ring8-vanilla ring8-wgan-gp --seeds 0-2
        Build the course:      minimax course
        """,
        version: MinimaxVersion.string,
        subcommands: [LessonCommand.self, RunCommand.self, CompareCommand.self, CourseCommand.self,
                      ListCommand.self, ShowCommand.self, DataCommand.self, BenchCommand.self, GalleryCommand.self]
    )
}
