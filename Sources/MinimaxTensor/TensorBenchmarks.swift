import CBLAS
import Dispatch

/// Microbenchmarks of the engine's hot paths, in GFLOP/s (multiply-add = 2 FLOP), for
/// `minimax bench` (release builds only: debug builds are 300-1000x slower).
///
/// Measures, on 1 and 2 threads: raw OpenBLAS `cblas_sgemm` with OpenBLAS's own threading
/// (`Engine.blasThreads`), our `GEMM` split (OpenBLAS on one thread per band, `Engine.threads`),
/// the im2col GEMM as one call per batch vs one per image, and conv2d / convTranspose2d
/// forward and forward+backward at DCGAN-MNIST's shapes. Each figure is the best of repeated
/// runs after a warm-up (the machine is shared; the best run is the least disturbed one).
/// Restores `Engine.threads` and pins OpenBLAS back to one thread when done.
public enum TensorBenchmarks {
    /// Runs every benchmark for about `secondsPerCase` each and returns a Markdown report.
    public static func run(secondsPerCase: Double = 0.3) -> String {
        let savedThreads = Engine.threads
        defer {
            Engine.threads = savedThreads
            Engine.blasThreads = 1
        }
        var lines = ["OpenBLAS core \(Engine.blasCoreName); GFLOP/s, best of repeats of ≥ \(secondsPerCase) s per case", ""]

        lines += ["| GEMM m×n×k | OpenBLAS 1 thread | OpenBLAS 2 threads | our split, 1 thread | our split, 2 threads |",
                  "| --- | --- | --- | --- | --- |"]
        for size in [256, 1024] {
            let a = [Float](repeating: 0.5, count: size * size), b = [Float](repeating: 0.25, count: size * size)
            var c = [Float](repeating: 0, count: size * size)
            let flops = 2 * Double(size * size * size)
            var cells: [String] = []
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        for blas in [1, 2] {
                            Engine.blasThreads = blas
                            let s = bestSeconds(secondsPerCase) {
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(size), Int32(size), Int32(size),
                                            1, pa.baseAddress, Int32(size), pb.baseAddress, Int32(size), 0, pc.baseAddress, Int32(size))
                            }
                            cells.append(gflops(flops, s))
                        }
                        Engine.blasThreads = 1
                        for threads in [1, 2] {
                            Engine.threads = threads
                            let s = bestSeconds(secondsPerCase) {
                                GEMM.multiply(pa.baseAddress!, pb.baseAddress!, into: pc.baseAddress!, m: size, n: size, k: size,
                                              transposeA: false, transposeB: false)
                            }
                            cells.append(gflops(flops, s))
                        }
                    }
                }
            }
            lines.append("| \(size)³ | " + cells.joined(separator: " | ") + " |")
        }

        let layers: [(name: String, transposed: Bool, input: [Int], weight: [Int])] = [
            ("Conv2d(1, 64, 4, 2, 1) on [64, 1, 28, 28]", false, [64, 1, 28, 28], [64, 1, 4, 4]),
            ("Conv2d(64, 128, 4, 2, 1) on [64, 64, 14, 14]", false, [64, 64, 14, 14], [128, 64, 4, 4]),
            ("ConvTranspose2d(128, 64, 4, 2, 1) on [64, 128, 7, 7]", true, [64, 128, 7, 7], [128, 64, 4, 4]),
            ("ConvTranspose2d(64, 1, 4, 2, 1) on [64, 64, 14, 14]", true, [64, 64, 14, 14], [64, 1, 4, 4]),
        ]

        lines += ["", "im2col GEMM of conv2d (forward, weight · columns): one call for the batch vs one per image",
                  "", "| layer | GEMM | batched, 1 thread | per image, 1 thread | batched, 2 threads | per image, 2 threads |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for layer in layers where !layer.transposed {
            let (n, c, h) = (layer.input[0], layer.input[1], layer.input[2])
            let (o, k) = (layer.weight[0], layer.weight[2])
            let positions = ((h + 2 - k) / 2 + 1) * ((h + 2 - k) / 2 + 1), depth = c * k * k
            let weight = [Float](repeating: 0.5, count: o * depth), cols = [Float](repeating: 0.25, count: depth * n * positions)
            var out = [Float](repeating: 0, count: o * n * positions)
            let flops = 2 * Double(o * depth * n * positions)
            var cells: [String] = []
            for threads in [1, 2] {
                Engine.threads = threads
                weight.withUnsafeBufferPointer { pw in
                    cols.withUnsafeBufferPointer { pc in
                        out.withUnsafeMutableBufferPointer { po in
                            let batched = bestSeconds(secondsPerCase) {
                                GEMM.multiply(pw.baseAddress!, pc.baseAddress!, into: po.baseAddress!, m: o, n: n * positions,
                                              k: depth, transposeA: false, transposeB: false)
                            }
                            // Per image: the same columns stored image by image ([N][K, P]).
                            let perImage = bestSeconds(secondsPerCase) {
                                for i in 0..<n {
                                    GEMM.multiply(pw.baseAddress!, pc.baseAddress! + i * depth * positions,
                                                  into: po.baseAddress! + i * o * positions, m: o, n: positions, k: depth,
                                                  transposeA: false, transposeB: false)
                                }
                            }
                            cells += [gflops(flops, batched), gflops(flops, perImage)]
                        }
                    }
                }
            }
            lines.append("| \(layer.name) | \(o)×\(n * positions)×\(depth) | \(cells[0]) | \(cells[1]) | \(cells[2]) | \(cells[3]) |")
        }

        lines += ["", "Convolution layers (bias included; backward = input and weight gradients)", "",
                  "| layer | GFLOP fwd | fwd, 1 thread | fwd, 2 threads | fwd+bwd, 1 thread | fwd+bwd, 2 threads |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for layer in layers {
            let x = Tensor(shape: layer.input, scalars: (0..<layer.input.reduce(1, *)).map { Float($0 % 17) / 17 - 0.5 })
            let w = Tensor(shape: layer.weight, scalars: (0..<layer.weight.reduce(1, *)).map { Float($0 % 13) / 130 - 0.05 })
            let outChannels = layer.transposed ? layer.weight[1] : layer.weight[0]
            let b = Tensor.zeros([outChannels])
            func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
                layer.transposed ? x.convTranspose2d(weight: w, bias: b, stride: 2, padding: 1)
                                 : x.conv2d(weight: w, bias: b, stride: 2, padding: 1)
            }
            let y = forward(x, w, b)
            // Multiply-adds: every (input pixel or output pixel) × weight pair of the GEMM.
            let small = layer.transposed ? layer.input : y.shape
            let forwardFlops = 2 * Double(small[0] * small[2] * small[3] * layer.weight.reduce(1, *))
            let seed = Tensor(repeating: 0.01, shape: y.shape)
            var cells: [String] = []
            var forwardTimes: [Double] = [], trainTimes: [Double] = []
            for threads in [1, 2] {
                Engine.threads = threads
                forwardTimes.append(bestSeconds(secondsPerCase) { _ = withoutGradients { forward(x, w, b) } })
                trainTimes.append(bestSeconds(secondsPerCase) {
                    let (xg, wg, bg) = (x.requiringGrad(), w.requiringGrad(), b.requiringGrad())
                    _ = gradients(of: forward(xg, wg, bg), wrt: [xg, wg, bg], seed: seed)
                })
            }
            cells = forwardTimes.map { gflops(forwardFlops, $0) } + trainTimes.map { gflops(3 * forwardFlops, $0) }
            lines.append("| \(layer.name) | \(format(forwardFlops / 1e9, digits: 3)) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The shortest of repeated timings of `body` after one warm-up call, repeating for at least
    /// `seconds` in total and at least 3 times.
    static func bestSeconds(_ seconds: Double, _ body: () -> Void) -> Double {
        body()
        var best = Double.infinity, total = 0.0, repeats = 0
        while total < seconds || repeats < 3 {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = Swift.min(best, elapsed)
            total += elapsed
            repeats += 1
        }
        return best
    }

    static func gflops(_ flops: Double, _ seconds: Double) -> String { format(flops / seconds / 1e9, digits: 1) }

    static func format(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return String(rounded)
    }
}
