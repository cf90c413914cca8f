import Foundation
import MinimaxGAN

/// What `Notebook.runLesson` produced.
public struct LessonReport: Sendable {
    public var lesson: String
    public var title: String
    /// The lesson's `headline:` with its placeholders expanded.
    public var headline: String?
    /// The written `README.md`.
    public var reportFile: URL
    /// Figure paths relative to the report folder (`figures/…`), in order.
    public var figures: [String]
    public var runs: [RunRecord]
}

extension Notebook {
    /// Runs a lesson's cells (through the run cache) and writes its report to
    /// `Reports/<lesson>/` (or `output`, which must stay inside the project). An error in any
    /// cell, placeholder or path leaves the previous report untouched.
    /// `nameOrPath`: `03-mode-collapse`, a unique prefix like `03`, or a path to a `.md` file.
    @discardableResult
    public func runLesson(nameOrPath: String, quick: Bool = false, force: Bool = false, output: String? = nil) throws -> LessonReport {
        let url = try lessonURL(nameOrPath)
        let target = try paths.outputURL(output ?? "Reports/\(url.deletingPathExtension().lastPathComponent)")
        let lesson = try Lesson(url: url, paths: paths)
        let runner = LessonRunner(notebook: self, lesson: lesson, quick: quick, force: force)
        let results = try runner.executeCells()
        let report = try runner.reportMarkdown(results)
        try ReportFolderWriter.write(markdown: report.markdown, figures: report.figures, to: target)
        log("wrote \(paths.display(target.appendingPathComponent("README.md")))")
        return LessonReport(lesson: lesson.name, title: lesson.title, headline: report.headline,
                            reportFile: target.appendingPathComponent("README.md"),
                            figures: report.figures.map { "figures/\($0.name)" }, runs: report.runs)
    }

    func lessonURL(_ nameOrPath: String) throws -> URL {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".md") {
            let url = nameOrPath.hasPrefix("/") ? URL(fileURLWithPath: nameOrPath) : paths.root.appendingPathComponent(nameOrPath)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw NotebookError.missingLesson(name: nameOrPath, message: "no such file")
            }
            return url
        }
        let names = lessonNames()
        if names.contains(nameOrPath) { return paths.lessons.appendingPathComponent(nameOrPath + ".md") }
        let matches = names.filter { $0.hasPrefix(nameOrPath + "-") || $0.hasPrefix(nameOrPath) }
        if matches.count == 1 { return paths.lessons.appendingPathComponent(matches[0] + ".md") }
        let message = matches.count > 1
            ? "ambiguous, matches \(matches.joined(separator: ", "))"
            : "not in \(paths.display(paths.lessons))\(EditDistance.didYouMean(nameOrPath, among: names))"
        throw NotebookError.missingLesson(name: nameOrPath, message: message)
    }

    /// Lesson file names without `.md` (`NN-topic`), sorted.
    func lessonNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: paths.lessons.path)) ?? [])
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.map { String($0.dropLast(3)) }.sorted()
    }
}
