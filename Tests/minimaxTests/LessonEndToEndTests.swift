import Foundation
import Testing

/// Every lesson in quick mode, end to end, as `minimax lesson` runs them (the image lessons need
/// the data `scripts/setup.sh` installs: mnist-5k and Fashion-MNIST).
@Suite struct LessonEndToEndTests {
    /// Relative image links `![alt](path)` in a Markdown report.
    static func imageLinks(_ markdown: String) -> [String] {
        var links: [String] = []
        var rest = Substring(markdown)
        while let start = rest.range(of: "](") {
            let before = rest[..<start.lowerBound]
            rest = rest[start.upperBound...]
            guard let open = before.lastIndex(of: "["), open > before.startIndex,
                  before[before.index(before: open)] == "!", let close = rest.firstIndex(of: ")") else { continue }
            links.append(String(rest[..<close]))
            rest = rest[close...]
        }
        return links
    }

    /// Every `Lessons/NN-topic.md` of the repository, so a new lesson is tested without being listed.
    static let lessons: [String] = {
        let folder = CommandLineTests.repositoryRoot.appendingPathComponent("Lessons")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }
            .map { String($0.dropLast(".md".count)) }.sorted()
    }()

    @Test func everyLessonIsFound() {
        // Lessons 03, 05, 06, 07 and 08 are in the repository; an empty list would test nothing.
        #expect(Self.lessons.count >= 5, "\(Self.lessons)")
        #expect(Self.lessons.contains("03-mode-collapse"))
    }

    @Test(arguments: lessons)
    func lessonRunsAndEveryLinkedImageExists(lesson: String) throws {
        let project = try CommandLineTests.scratchProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let first = try CommandLineTests.run(["lesson", lesson, "--quick"], in: project)
        #expect(first.status == 0, "\(first.errors)")
        let reportURL = project.appendingPathComponent("Reports/\(lesson)/README.md")
        let report = try String(contentsOf: reportURL, encoding: .utf8)
        #expect(!report.contains("```minimax"))
        #expect(!report.contains("{{"))
        #expect(report.contains("Reproduce"))
        let links = Self.imageLinks(report)
        #expect(links.count >= 3, "\(links)")
        for link in links {
            #expect(!link.hasPrefix("/") && !link.contains(".."), "\(link)")
            #expect(FileManager.default.fileExists(atPath: reportURL.deletingLastPathComponent().appendingPathComponent(link).path), "missing \(link)")
        }

        // Nothing changed: every run comes from the cache and the report is byte-identical.
        let before = try Data(contentsOf: reportURL)
        let second = try CommandLineTests.run(["lesson", lesson, "--quick"], in: project)
        #expect(second.status == 0)
        #expect(second.errors.contains("cached"))
        #expect(!second.errors.contains("running "))
        #expect(try Data(contentsOf: reportURL) == before)
    }
}
