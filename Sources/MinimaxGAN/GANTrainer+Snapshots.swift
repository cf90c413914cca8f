import Foundation
import MinimaxNN
import MinimaxTensor

/// The files charts are drawn from, one set per snapshot step in `snapshots/` (step numbers
/// zero-padded to six digits): samples, D's surface, G's gradient arrows and, when noise_dim
/// is 2, the generator manifold. `real.csv` holds the evaluation reals once.
extension GANTrainer {
    /// `snapshots/<kind>-<step>.csv`.
    public func snapshotFile(_ kind: String, step: Int) -> URL {
        let digits = max(6, String(spec.steps).count)
        let number = String(step)
        return folder.appendingPathComponent("snapshots", isDirectory: true)
            .appendingPathComponent("\(kind)-\(String(repeating: "0", count: max(0, digits - number.count)))\(number).csv")
    }

    /// Writes the snapshot files for `step` (`samples` are the evaluation samples G just made).
    func writeSnapshot(step: Int, samples: [Float]) throws {
        try AtomicFile.write(Self.pointsCSV(samples), to: snapshotFile("samples", step: step))
        guard samples.allSatisfy(\.isFinite) else { return }
        try AtomicFile.write(surfaceCSV(), to: snapshotFile("surface", step: step))
        try AtomicFile.write(gradientArrowsCSV(samples: samples), to: snapshotFile("gradients", step: step))
        if spec.generator.noiseDim == 2 {
            try AtomicFile.write(manifoldCSV(), to: snapshotFile("manifold", step: step))
        }
    }

    /// `x,y` rows of row-major 2-D points.
    static func pointsCSV(_ points: [Float]) -> String {
        var text = "x,y\n"
        for index in 0..<points.count / 2 {
            text += "\(points[2 * index]),\(points[2 * index + 1])\n"
        }
        return text
    }

    /// D's output (`Objective.displayedOutput`: σ(logit) for the BCE games, the raw score
    /// otherwise) on a 64×64 grid over the data's bounding box: `x,y,d`, x varying fastest.
    /// D runs in evaluation mode on chunks of batch_size grid points (row-major order); with
    /// packing, each grid point is repeated m times to fill a pack, so d is D's verdict on m
    /// copies of that point. With minibatch features, d depends on the chunk's other points.
    func surfaceCSV() -> String {
        let n = Self.surfaceResolution
        let box = evaluation.box
        var points: [Float] = []
        points.reserveCapacity(2 * n * n)
        for row in 0..<n {
            for column in 0..<n {
                points.append(box.minX + box.width * Float(column) / Float(n - 1))
                points.append(box.minY + box.height * Float(row) / Float(n - 1))
            }
        }
        let m = spec.stabilizers.pack
        var packed = [Float]()
        packed.reserveCapacity(points.count * m)
        for index in 0..<n * n {
            for _ in 0..<m { packed += [points[2 * index], points[2 * index + 1]] }
        }
        // Chunks of batch_size grid points: D's batch features (minibatch discrimination compares
        // every pair in a batch) then see training-sized batches and cost what a step costs.
        var output: [Float] = []
        output.reserveCapacity(n * n)
        inEvaluationMode {
            withoutGradients {
                for start in stride(from: 0, to: n * n, by: spec.batchSize) {
                    let end = min(start + spec.batchSize, n * n)
                    let chunk = Tensor(shape: [(end - start) * m, 2], scalars: Array(packed[(2 * start * m)..<(2 * end * m)]))
                    output += spec.objective.displayedOutput(critic(chunk)).scalars
                }
            }
        }
        var text = "x,y,d\n"
        for index in 0..<n * n {
            text += "\(points[2 * index]),\(points[2 * index + 1]),\(output[index])\n"
        }
        return text
    }

    /// GAN Lab's arrows: at the first ~200 evaluation samples x = G(z) (a multiple of the
    /// packing degree), the direction −∂L/∂x that G's update pushes x along, with
    /// L = packs · `Objective.generatorLoss` (the sum of the per-pack losses, so an arrow does
    /// not shrink with the number of arrows). D in evaluation mode, no instance noise, not unrolled.
    func gradientArrowsCSV(samples: [Float]) -> String {
        let m = spec.stabilizers.pack
        let count = min(Self.gradientArrowCount, samples.count / 2) / m * m
        guard count > 0 else { return "x,y,dx,dy\n" }
        let points = Array(samples[0..<(2 * count)])
        let direction: Tensor = inEvaluationMode {
            let x = Tensor(shape: [count, 2], scalars: points).requiringGrad()
            let loss = spec.objective.generatorLoss(fakeLogits: critic(x)) * Float(count / m)
            return -gradients(of: loss, wrt: [x])[0]
        }
        var text = "x,y,dx,dy\n"
        for index in 0..<count {
            text += "\(points[2 * index]),\(points[2 * index + 1]),\(direction.scalars[2 * index]),\(direction.scalars[2 * index + 1])\n"
        }
        return text
    }

    /// G on a 21×21 grid of z over the noise's `gridRange`: `row,column,x,y` (row indexes z₂,
    /// column z₁), so a chart can draw the image of the grid lines (the generator manifold).
    func manifoldCSV() -> String {
        let n = Self.manifoldResolution
        let range = spec.generator.noise.gridRange
        var z: [Float] = []
        for row in 0..<n {
            for column in 0..<n {
                z.append(range.lowerBound + (range.upperBound - range.lowerBound) * Float(column) / Float(n - 1))
                z.append(range.lowerBound + (range.upperBound - range.lowerBound) * Float(row) / Float(n - 1))
            }
        }
        let x = inEvaluationMode { withoutGradients { generator(Tensor(shape: [n * n, 2], scalars: z)) } }
        var text = "row,column,x,y\n"
        for row in 0..<n {
            for column in 0..<n {
                let index = row * n + column
                text += "\(row),\(column),\(x.scalars[2 * index]),\(x.scalars[2 * index + 1])\n"
            }
        }
        return text
    }
}
