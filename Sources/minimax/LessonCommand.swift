import ArgumentParser
import Foundation
import MinimaxNotebook

/// `minimax lesson <name>`: run a lesson's cells and write its report.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson", abstract: "Run a lesson notebook and write Reports/<lesson>/README.md.")

    @Argument(help: "A lesson name (e.g. 03-mode-collapse) or a path to a lesson file.")
    var lesson: String

    @OptionGroup var engine: EngineOptions

    @Option(help: "Write the report into this folder (inside the project) instead of Reports/<lesson>/.")
    var output: String?

    func run() throws {
        let notebook = Session.notebook(engine)
        let report = try notebook.runLesson(nameOrPath: lesson, quick: engine.quick, force: engine.force, output: output)
        if let headline = report.headline { print(headline) }
        try Interrupt.exitIfInterrupted()
    }
}

/// `minimax course`: every lesson, then the index.
struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "Rebuild every lesson's report and the index Reports/README.md.")

    @OptionGroup var engine: EngineOptions

    func run() throws {
        let notebook = Session.notebook(engine)
        let course = try notebook.buildCourse(quick: engine.quick, force: engine.force)
        for lesson in course.lessons {
            print("\(lesson.lesson): \(lesson.headline ?? lesson.title)")
        }
        print("wrote \(notebook.paths.display(course.indexFile))")
        try Interrupt.exitIfInterrupted()
    }
}
