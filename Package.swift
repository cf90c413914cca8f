// swift-tools-version:6.1
import PackageDescription

/// Minimax: a Swift package that teaches GANs by experiment.
/// Targets from lowest to highest; a lower module never imports a higher one (see README.md).
let package = Package(
    name: "Minimax",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "minimax", targets: ["minimax"]),
        .library(name: "MinimaxTensor", targets: ["MinimaxTensor"]),
        .library(name: "MinimaxNN", targets: ["MinimaxNN"]),
        .library(name: "MinimaxData", targets: ["MinimaxData"]),
        .library(name: "MinimaxPlot", targets: ["MinimaxPlot"]),
        .library(name: "MinimaxGAN", targets: ["MinimaxGAN"]),
        .library(name: "MinimaxNotebook", targets: ["MinimaxNotebook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        /// Elementwise C loops clang vectorises where Swift cannot (see kernels.c); no fused
        /// multiply-adds, so their results are the scalar code's bits on every CPU.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-ffp-contract=off", "-fno-math-errno"])]),
        .target(name: "MinimaxTensor", dependencies: ["CBLAS", "CKernels"]),
        .target(name: "MinimaxNN", dependencies: ["MinimaxTensor", "CKernels"]),
        .target(name: "MinimaxData", dependencies: ["MinimaxTensor", "CZlib"]),
        .target(name: "MinimaxPlot"),
        .target(name: "MinimaxGAN", dependencies: ["MinimaxNN", "MinimaxData"]),
        .target(name: "MinimaxNotebook", dependencies: [
            "MinimaxGAN", "MinimaxPlot", .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "minimax", dependencies: [
            "MinimaxNotebook", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        /// Shared test helpers: gradient checks with stated tolerances.
        .target(name: "MinimaxTestSupport", dependencies: ["MinimaxTensor"]),

        .testTarget(name: "CBLASTests", dependencies: ["CBLAS"]),
        .testTarget(name: "CZlibTests", dependencies: ["CZlib"]),
        .testTarget(name: "MinimaxTensorTests", dependencies: ["MinimaxTensor", "MinimaxTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "MinimaxNNTests", dependencies: ["MinimaxNN", "MinimaxTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "MinimaxDataTests", dependencies: ["MinimaxData"]),
        .testTarget(name: "MinimaxPlotTests", dependencies: ["MinimaxPlot", "CZlib"]),
        .testTarget(name: "MinimaxGANTests", dependencies: ["MinimaxGAN"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MinimaxNotebookTests", dependencies: ["MinimaxNotebook"]),
        .testTarget(name: "minimaxTests", dependencies: ["minimax"]),
    ],
    swiftLanguageModes: [.v5]
)
