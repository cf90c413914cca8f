import Foundation
import MinimaxGAN

/// The lessons and experiments of the project, for `minimax list`.
public struct Catalog: Sendable, CustomStringConvertible {
    public struct Entry: Sendable {
        public var name: String
        /// Lesson title or experiment description.
        public var summary: String
        public var path: String
        /// Set when the entry cannot be loaded (the listing still shows it).
        public var problem: String?
    }

    public var lessons: [Entry]
    public var experiments: [Entry]

    public var description: String {
        func lines(_ entries: [Entry]) -> [String] {
            entries.map { "  \($0.name)\($0.summary.isEmpty ? "" : "  \($0.summary)")\($0.problem.map { "  (invalid: \($0.split(separator: "\n")[0]))" } ?? "")" }
        }
        return (["Lessons:"] + lines(lessons) + ["Experiments:"] + lines(experiments)).joined(separator: "\n")
    }
}

extension Notebook {
    /// Every lesson (with its title) and every experiment spec (with its description).
    public func listLessonsAndExperiments() -> Catalog {
        let lessons = lessonNames().map { name -> Catalog.Entry in
            let url = paths.lessons.appendingPathComponent(name + ".md")
            do {
                let lesson = try Lesson(url: url, paths: paths)
                return .init(name: name, summary: lesson.title, path: paths.display(url), problem: nil)
            } catch {
                return .init(name: name, summary: "", path: paths.display(url), problem: "\(error)")
            }
        }
        let experiments = paths.experimentNames().map { name -> Catalog.Entry in
            let url = paths.experiments.appendingPathComponent(name + ".yaml")
            do {
                let loaded = try SpecLoader(project: paths).load(url: url)
                return .init(name: name, summary: loaded.spec.description, path: paths.display(url), problem: nil)
            } catch {
                return .init(name: name, summary: "", path: paths.display(url), problem: "\(error)")
            }
        }
        return Catalog(lessons: lessons, experiments: experiments)
    }
}
