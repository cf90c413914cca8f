import ArgumentParser
import Foundation
import MinimaxData
import MinimaxNotebook

/// `minimax list`: lessons and experiments with one-line descriptions.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the lessons and experiments.")

    func run() throws {
        let notebook = Session.notebook(try EngineOptions.parse([]))
        print(notebook.listLessonsAndExperiments())
    }
}

/// `minimax show <run>`: a finished run's summary.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Summarise a run folder (.minimax/runs/…).")

    @Argument(help: "A run folder, as printed by `minimax run`.")
    var folder: String

    func run() throws {
        let notebook = Session.notebook(try EngineOptions.parse([]))
        print(try notebook.show(runFolder: folder))
    }
}

/// `minimax data`: which datasets are present, where, and how to get the missing ones.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Show which datasets are present and how to get missing ones.")

    func run() throws {
        print(DatasetCatalog.report(locations: DatasetLocations()))
    }
}
