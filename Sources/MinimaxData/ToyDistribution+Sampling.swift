import Foundation
import MinimaxTensor

extension ToyDistribution {
    /// `count` samples as a row-major `[count, 2]` array (x₀, y₀, x₁, y₁, …), drawn from `stream`
    /// in sample order, so the first k samples do not depend on `count`.
    ///
    /// Per sample: mixtures draw the component (`nextInt(below:)` for equal weights,
    /// `categorical` otherwise) then two normals; the other shapes draw their shape
    /// parameters, then two normals for the noise (skipped when noise is 0).
    /// Precondition: the distribution is valid (see `validate()`).
    public func sample(count: Int, stream: inout RandomStream) -> [Float] {
        precondition(count >= 0, "sample(count:) needs count ≥ 0, got \(count)")
        do { try validate() } catch { preconditionFailure("sampling an invalid toy distribution: \(error)") }
        var points = [Float](repeating: 0, count: 2 * count)
        points.withUnsafeMutableBufferPointer { out in
            switch self {
            case .ring, .grid, .gaussian, .mixture:
                let components = modes ?? []
                let equalWeights = Set(components.map(\.weight)).count == 1
                let weights = components.map(\.weight)
                for index in 0..<count {
                    let mode = components[equalWeights ? stream.nextInt(below: components.count) : stream.categorical(weights: weights)]
                    out[2 * index] = stream.normal(mean: mode.mean[0], std: mode.std[0])
                    out[2 * index + 1] = stream.normal(mean: mode.mean[1], std: mode.std[1])
                }
            case let .spiral(turns, radius, noise):
                for index in 0..<count {
                    let t = Double(stream.uniform()).squareRoot()
                    let angle = 2 * Double.pi * Double(turns) * t
                    let r = Double(radius) * t
                    store(out, index, Float(r * cos(angle)), Float(r * sin(angle)), noise, &stream)
                }
            case let .swissRoll(noise):
                for index in 0..<count {
                    let t = 1.5 * Double.pi * (1 + 2 * Double(stream.uniform()))
                    store(out, index, Float(t * cos(t) / 5), Float(t * sin(t) / 5), noise, &stream)
                }
            case let .twoMoons(noise):
                for index in 0..<count {
                    let upper = stream.bernoulli(p: 0.5)
                    let angle = Double.pi * Double(stream.uniform())
                    let x = upper ? cos(angle) : 1 - cos(angle)
                    let y = upper ? sin(angle) : 0.5 - sin(angle)
                    store(out, index, Float(x), Float(y), noise, &stream)
                }
            case let .circles(innerRadius, noise):
                for index in 0..<count {
                    let r = stream.bernoulli(p: 0.5) ? 1 : Double(innerRadius)
                    let angle = 2 * Double.pi * Double(stream.uniform())
                    store(out, index, Float(r * cos(angle)), Float(r * sin(angle)), noise, &stream)
                }
            case let .checkerboard(squares, squareSize):
                let darkSquares = (0..<squares * squares).filter { ($0 / squares + $0 % squares) % 2 == 0 }
                let half = Float(squares) / 2
                for index in 0..<count {
                    let (row, column) = darkSquares[stream.nextInt(below: darkSquares.count)].quotientAndRemainder(dividingBy: squares)
                    out[2 * index] = (Float(column) - half + stream.uniform()) * squareSize
                    out[2 * index + 1] = (Float(row) - half + stream.uniform()) * squareSize
                }
            }
        }
        return points
    }
}

/// Writes one point plus isotropic Gaussian noise (no draws when `noise` is 0).
private func store(_ out: UnsafeMutableBufferPointer<Float>, _ index: Int, _ x: Float, _ y: Float,
                   _ noise: Float, _ stream: inout RandomStream) {
    out[2 * index] = noise > 0 ? x + stream.normal(mean: 0, std: noise) : x
    out[2 * index + 1] = noise > 0 ? y + stream.normal(mean: 0, std: noise) : y
}
