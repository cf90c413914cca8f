import Foundation
import MinimaxNotebook
import Testing

@Suite struct ComparisonTableTests {
    /// A metric that is NaN on a seed (reverse KL without a high-quality sample) prints `–`,
    /// never `nan ± nan`, and the line under the table says why; a diverged (infinite) value
    /// still shows.
    @Test func undefinedMetricsPrintADashAndANote() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/ring.yaml", TestProject.ringSpec)
        try project.write("Experiments/other.yaml", "extends: ring\nsteps: 200\n")
        let executor = FakeExecutor()
        executor.extraMetrics = { seed in
            ["reverse_kl": seed == 1 ? .nan : 0.5, "energy": seed == 1 ? .infinity : 0.25]
        }
        let notebook = project.notebook(executor)
        let mixed = try notebook.compare(paths: ["ring"], seeds: [0, 1], metrics: ["modes", "reverse_kl", "energy"])
        let lines = mixed.markdownTable.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[2] == "| ring | 2 | 7.95 ± 0.07071 | – | inf |")
        #expect(lines[3] == "")
        #expect(lines[4].hasPrefix("– : undefined on at least one seed (`reverse_kl`)"))
        #expect(lines[4].contains("without a single high-quality sample"))
        #expect(!mixed.markdownTable.contains("nan"))

        let defined = try notebook.compare(paths: ["other"], seeds: [0, 2], metrics: ["modes", "reverse_kl"])
        #expect(defined.undefinedNote == nil)
        #expect(defined.markdownTable.hasSuffix("| other | 2 | 7.9 ± 0.1414 | 0.5 ± 0 |"))

        let single = try notebook.compare(paths: ["ring"], seeds: [1], metrics: ["reverse_kl"])
        #expect(single.undefinedNote?.hasPrefix("– : undefined for this run (`reverse_kl`)") == true)
    }
}
