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

    /// A curve's band is mean ± std clipped to the seeds' range: seeds ending at 8 and 5 modes
    /// have mean 6.5 ± 2.12, but the band runs from 5 to 8, never past what a seed reached.
    @Test func curveBandsStayWithinTheSeedsRange() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.write("Experiments/ring.yaml", TestProject.ringSpec)
        let notebook = project.notebook(FakeExecutor())
        let comparison = try notebook.compare(paths: ["ring"], seeds: [0, 30], metrics: ["modes"])
        let bands = comparison.curves("modes") { RunFolder(url: project.root.appendingPathComponent($0.folder, isDirectory: true)) }
        #expect(bands.count == 1)
        let band = try #require(bands.first)
        #expect(band.steps == [50, 100])
        #expect(band.mean == [4, 6.5])
        #expect(abs(band.std[1] - 4.5.squareRoot()) < 1e-12)
        #expect(band.lower == [4, 5])
        #expect(band.upper == [4, 8])
    }
}
