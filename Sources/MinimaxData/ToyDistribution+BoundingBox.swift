extension ToyDistribution {
    /// Where the data lives, padded by 10% on each side, for discriminator-surface grids.
    ///
    /// The unpadded box holds every mode's mean ± 4σ for mixtures, and the noiseless shape
    /// ± 3·noise for the other distributions, so essentially all samples fall inside it.
    public var boundingBox: BoundingBox {
        switch self {
        case .ring, .grid, .gaussian, .mixture:
            let components = modes ?? []
            var box = BoundingBox(minX: .infinity, maxX: -.infinity, minY: .infinity, maxY: -.infinity)
            for mode in components {
                box.minX = min(box.minX, mode.mean[0] - 4 * mode.std[0])
                box.maxX = max(box.maxX, mode.mean[0] + 4 * mode.std[0])
                box.minY = min(box.minY, mode.mean[1] - 4 * mode.std[1])
                box.maxY = max(box.maxY, mode.mean[1] + 4 * mode.std[1])
            }
            return box.padded(by: 0.1)
        case let .spiral(_, radius, noise):
            return Self.square(halfSide: radius + 3 * noise)
        case let .swissRoll(noise):
            return Self.square(halfSide: 4.5 * Float.pi / 5 + 3 * noise)
        case let .twoMoons(noise):
            let margin = 3 * noise
            return BoundingBox(minX: -1 - margin, maxX: 2 + margin, minY: -0.5 - margin, maxY: 1 + margin).padded(by: 0.1)
        case let .circles(innerRadius, noise):
            return Self.square(halfSide: max(1, innerRadius) + 3 * noise)
        case let .checkerboard(squares, squareSize):
            return Self.square(halfSide: Float(squares) * squareSize / 2)
        }
    }

    private static func square(halfSide: Float) -> BoundingBox {
        BoundingBox(minX: -halfSide, maxX: halfSide, minY: -halfSide, maxY: halfSide).padded(by: 0.1)
    }
}
