/// How the evaluation classifier is trained: Adam (PyTorch defaults, lr 10⁻³), minibatches
/// of `batchSize` from a shuffled `BatchSampler`, each image shifted by up to `maxShift`
/// pixels in x and y (background −1 fills the gap), for `epochs` passes.
public struct ClassifierTraining: Equatable, Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Float
    public var maxShift: Int

    public init(epochs: Int, batchSize: Int = 64, learningRate: Float = 1e-3, maxShift: Int = 2) {
        precondition(epochs >= 1 && batchSize >= 1 && learningRate > 0 && maxShift >= 0, "ClassifierTraining: invalid settings")
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.maxShift = maxShift
    }

    /// The recipe for a training set of `count` images: about 40,000 image presentations,
    /// between 2 and 10 epochs (9 epochs for the 4,500 digits of mnist-5k, 2 for 60,000 images).
    public static func recommended(trainingCount count: Int) -> ClassifierTraining {
        ClassifierTraining(epochs: max(2, min(10, 40_000 / max(count, 1))))
    }
}
