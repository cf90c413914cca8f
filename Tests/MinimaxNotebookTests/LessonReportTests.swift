import Foundation
import MinimaxGAN
import MinimaxNotebook
import Testing

@Suite struct LessonReportTests {
    static let lesson = """
        ---
        headline: "{{ ring.modes | %.1f }} modes covered"
        ---
        # Mode collapse

        The ring run covers {{ ring.modes }} modes ({{ ring.high_quality | %.0f }} high quality).

        ```minimax
        run: ring
        show: [samples]
        ```

        ```minimax
        compare: [ring, {label: wide, run: ring, set: {generator.width: 256}}]
        id: sweep
        seeds: 0-1
        metrics: [modes]
        ```

        Wide: {{ sweep.wide.modes | %.2f }} (std {{ sweep.wide.modes.std | %.4f }}, seed 1 alone
        {{ sweep.wide.modes.seed1 }}, from {{ sweep.ring.modes.min }} to {{ sweep.ring.modes.max }}). Literal in code:

        ```text
        {{ not.expanded }}
        ```
        """

    private func setUp() throws -> (TestProject, FakeExecutor, Notebook) {
        let project = try TestProject()
        try project.write("Experiments/ring.yaml", TestProject.ringSpec)
        try project.write("Lessons/03-mode-collapse.md", LessonReportTests.lesson)
        let executor = FakeExecutor()
        return (project, executor, project.notebook(executor))
    }

    @Test func reportSplicesOutputsAndIsByteIdenticalOnRerun() throws {
        let (project, executor, notebook) = try setUp()
        defer { project.remove() }
        let report = try notebook.runLesson(nameOrPath: "03")
        let text = try project.read("Reports/03-mode-collapse/README.md")
        // seed 0 → modes 8; the compare runs seeds 0 and 1 → 8 and 7.9: mean 7.95, std 0.0707.
        #expect(text.contains("The ring run covers 8 modes (1 high quality)."))
        #expect(text.contains("Wide: 7.95 (std 0.0707, seed 1 alone\n7.9, from 7.9 to 8)."))
        #expect(text.contains("| ring | 2 | 7.95 ± 0.07071 |"))
        #expect(text.contains("{{ not.expanded }}"))
        #expect(text.contains("![samples: ring, seed 0](figures/ring-samples.png)"))
        #expect(text.contains("minimax run Experiments/ring.yaml --seeds 0,1"))
        #expect(!text.contains("```minimax"))
        #expect(report.headline == "8.0 modes covered")
        #expect(project.exists("Reports/03-mode-collapse/figures/ring-samples.png"))
        // ring seeds 0, 1 and wide seeds 0, 1; the run cell's seed 0 is the compare's seed 0.
        #expect(executor.calls.count == 4)

        let before = try Data(contentsOf: report.reportFile)
        _ = try notebook.runLesson(nameOrPath: "03-mode-collapse")
        #expect(executor.calls.count == 4)
        #expect(try Data(contentsOf: report.reportFile) == before)
    }

    @Test func errorsNameTheLessonLineAndLeaveTheOldReport() throws {
        let (project, _, notebook) = try setUp()
        defer { project.remove() }
        try notebook.runLesson(nameOrPath: "03")
        let good = try project.read("Reports/03-mode-collapse/README.md")

        try project.write("Lessons/03-mode-collapse.md", "# x\n\n```minimax\nrun: ring8-vanila\n```\n")
        #expect(throws: NotebookError.missingSpec(reference: "ring8-vanila", location: "Lessons/03-mode-collapse.md:4",
                                                  message: "looked for Experiments/ring8-vanila.yaml")) {
            try notebook.runLesson(nameOrPath: "03")
        }
        try project.write("Lessons/03-mode-collapse.md", "# x\n\n```minimax\nrun: ring\n```\n\nSee {{ ring.mode }}.\n")
        #expect(throws: NotebookError.lesson(file: "Lessons/03-mode-collapse.md", line: 7,
                                             message: "unknown value {{ ring.mode }}: no such value; did you mean 'ring.modes'? (known: ring.high_quality, ring.modes, ring.steps; each metric also has .std, .min, .max and .seedN)")) {
            try notebook.runLesson(nameOrPath: "03")
        }
        try project.write("Lessons/03-mode-collapse.md", "# x\n\n```minimax\nrun: ring\nshwo: [samples]\n```\n")
        #expect(throws: NotebookError.lesson(file: "Lessons/03-mode-collapse.md", line: 5, message: "run cell: unknown key 'shwo'; did you mean 'show'?")) {
            try notebook.runLesson(nameOrPath: "03")
        }
        #expect(throws: NotebookError.pathEscapesProject(path: "../../x")) {
            try notebook.runLesson(nameOrPath: "03", output: "../../x")
        }
        #expect(try project.read("Reports/03-mode-collapse/README.md") == good)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent("Reports").path)
        #expect(leftovers == ["03-mode-collapse"])
    }

    @Test func inlineSpecErrorsPointIntoTheLesson() throws {
        let (project, _, notebook) = try setUp()
        defer { project.remove() }
        try project.write("Lessons/04-x.md", "# x\n\n```minimax\nid: inline\nrun:\n  extends: ring\n  steps: -5\n```\n")
        #expect(throws: NotebookError.invalidSpec(file: "Lessons/04-x.md", messages: ["Lessons/04-x.md:7:10: steps: must be at least 1, got -5"])) {
            try notebook.runLesson(nameOrPath: "04")
        }
    }

    @Test func figureAndTableCellsReuseEarlierOutputsAndCourseIndexes() throws {
        let (project, executor, notebook) = try setUp()
        defer { project.remove() }
        try project.write("Lessons/04-again.md", """
            # Again

            ```minimax
            run: ring
            id: base
            seed: 1
            show: []
            ```

            ```minimax
            figure: base
            show: [samples, surface]
            caption: The ring.
            ```

            ```minimax
            table: [base]
            ```
            """)
        let course = try notebook.buildCourse()
        #expect(course.lessons.map(\.lesson) == ["03-mode-collapse", "04-again"])
        let again = try project.read("Reports/04-again/README.md")
        #expect(again.contains("![samples: ring, seed 1](figures/base-samples.png)\n\n_(surface chart not drawn for this run)_\n\n_The ring._"))
        #expect(again.contains("| experiment | seeds | modes | high_quality |\n| --- | --- | --- | --- |\n| ring | 1 | 7.9 | 0.9 |"))
        let index = try project.read("Reports/README.md")
        #expect(index.contains("| [Mode collapse](03-mode-collapse/README.md) | 8.0 modes covered | <img src=\"03-mode-collapse/figures/ring-samples.png\" width=\"160\" alt=\"Mode collapse\"> |"))
        #expect(index.contains("| [Again](04-again/README.md) | — | <img src=\"04-again/figures/base-samples.png\""))
        #expect(executor.calls.count == 4)
        let catalog = notebook.listLessonsAndExperiments()
        #expect(catalog.lessons.map(\.name) == ["03-mode-collapse", "04-again"])
        #expect(catalog.experiments.map(\.summary) == ["tiny ring"])
    }

    @Test func placeholderFormatsAreCheckedBeforeUse() throws {
        #expect(Placeholder.format(7.95, with: "%.1f") == "8.0")
        #expect(Placeholder.format(7.6, with: "%d") == "8")
        #expect(Placeholder.format(0.123456, with: nil) == "0.1235")
        let (project, _, notebook) = try setUp()
        defer { project.remove() }
        try project.write("Lessons/05-x.md", "# x\n\n```minimax\nrun: ring\n```\n\n{{ ring.modes | %s }}\n")
        #expect(throws: NotebookError.lesson(file: "Lessons/05-x.md", line: 7, message: "'%s' in {{ ring.modes | %s }} is not a number format like %.2f, %d or %.3g")) {
            try notebook.runLesson(nameOrPath: "05")
        }
    }
}
