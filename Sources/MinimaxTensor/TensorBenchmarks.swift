import CBLAS
import Dispatch
import Foundation

/// Microbenchmarks of the engine's hot paths, in GFLOP/s (multiply-add = 2 FLOP), for
/// `minimax bench` (release builds only: debug builds are 300-1000x slower).
///
/// Measures, on 1 and 2 threads: raw OpenBLAS `cblas_sgemm` with OpenBLAS's own threading
/// (`Engine.blasThreads`), our `GEMM` split (OpenBLAS on one thread per band, `Engine.threads`),
/// the im2col GEMM as one call per batch vs one per image, the convolutions' two routes, and
/// conv2d / convTranspose2d forward and forward+backward at DCGAN-MNIST's shapes. Each figure
/// is the best of repeated runs after a warm-up, the compared cases taking turns (the machine
/// is shared; the best run is the least disturbed one).
/// Restores `Engine.threads` and pins OpenBLAS back to one thread when done.
public enum TensorBenchmarks {
    /// Runs every benchmark for about `secondsPerCase` each and returns a Markdown report.
    public static func run(secondsPerCase: Double = 0.5) -> String {
        let savedThreads = Engine.threads
        defer {
            Engine.threads = savedThreads
            Engine.blasThreads = 1
        }
        // Other processes on the same cores skew two-thread figures most: print the load with them.
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
            .map { "; load average \($0.split(separator: " ").prefix(3).joined(separator: " "))" } ?? ""
        var lines = ["OpenBLAS core \(Engine.blasCoreName)\(load); GFLOP/s, best of interleaved repeats, ≈ \(secondsPerCase) s per case", ""]

        lines += ["| GEMM m×n×k | OpenBLAS 1 thread | OpenBLAS 2 threads | our split, 1 thread | our split, 2 threads |",
                  "| --- | --- | --- | --- | --- |"]
        for size in [256, 1024] {
            let a = [Float](repeating: 0.5, count: size * size), b = [Float](repeating: 0.25, count: size * size)
            var c = [Float](repeating: 0, count: size * size)
            let flops = 2 * Double(size * size * size)
            let times = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        // Raw pointers, not the inout buffers, so the case closures may capture them.
                        let (pa, pb, pc) = (pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
                        let openBLAS = { (threads: Int) -> () -> Void in {
                            Engine.blasThreads = threads
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(size), Int32(size), Int32(size),
                                        1, pa, Int32(size), pb, Int32(size), 0, pc, Int32(size))
                            Engine.blasThreads = 1
                        } }
                        let split = { (threads: Int) -> () -> Void in {
                            Engine.threads = threads
                            GEMM.multiply(pa, pb, into: pc, m: size, n: size, k: size,
                                          transposeA: false, transposeB: false)
                        } }
                        return bestSeconds(secondsPerCase, [openBLAS(1), openBLAS(2), split(1), split(2)])
                    }
                }
            }
            lines.append("| \(size)³ | " + times.map { gflops(flops, $0) }.joined(separator: " | ") + " |")
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
            let times = weight.withUnsafeBufferPointer { pw in
                cols.withUnsafeBufferPointer { pc in
                    out.withUnsafeMutableBufferPointer { po in
                        let (pw, pc, po) = (pw.baseAddress!, pc.baseAddress!, po.baseAddress!)
                        let batched = { (threads: Int) -> () -> Void in {
                            Engine.threads = threads
                            GEMM.multiply(pw, pc, into: po, m: o, n: n * positions,
                                          k: depth, transposeA: false, transposeB: false)
                        } }
                        // Per image: the same columns stored image by image ([N][K, P]).
                        let perImage = { (threads: Int) -> () -> Void in {
                            Engine.threads = threads
                            for i in 0..<n {
                                GEMM.multiply(pw, pc + i * depth * positions,
                                              into: po + i * o * positions, m: o, n: positions, k: depth,
                                              transposeA: false, transposeB: false)
                            }
                        } }
                        return bestSeconds(secondsPerCase, [batched(1), perImage(1), batched(2), perImage(2)])
                    }
                }
            }
            lines.append("| \(layer.name) | \(o)×\(n * positions)×\(depth) | "
                         + times.map { gflops(flops, $0) }.joined(separator: " | ") + " |")
        }

        lines += ["", "Layout kernels of those layers: im2col (`Im2Col.columns`) and its adjoint col2im (`Im2Col.image`), "
                  + "in ms per call (the best call) and GB/s of column matrix written or read", "",
                  "| layer input | column matrix | im2col 1 thread | im2col 2 threads | col2im 1 thread | col2im 2 threads |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for layer in layers where !layer.transposed {
            let (n, c, h) = (layer.input[0], layer.input[1], layer.input[2])
            let window = Tensor.validated {
                try Window2D.sliding(op: "bench", height: h, width: h, kernel: 4, stride: 2, padding: 1, context: "bench")
            }
            let image = (0..<(n * c * h * h)).map { Float($0 % 17) / 17 - 0.5 }
            let cols = Im2Col.columns(of: image, batch: n, channels: c, window: window)
            let gigabytes = Double(cols.count * MemoryLayout<Float>.size) / 1e9
            let im2col = { (threads: Int) -> () -> Void in {
                Engine.threads = threads
                _ = Im2Col.columns(of: image, batch: n, channels: c, window: window)
            } }
            let col2im = { (threads: Int) -> () -> Void in {
                Engine.threads = threads
                _ = Im2Col.image(from: cols, batch: n, channels: c, window: window)
            } }
            let times = bestSeconds(secondsPerCase, [im2col(1), im2col(2), col2im(1), col2im(2)])
            let cells = times.map { "\(format($0 * 1e3, digits: 2)) (\(format(gigabytes / $0, digits: 1)))" }
            lines.append("| \(layer.input) | \(c * window.kernelArea)×\(n * window.positions) | " + cells.joined(separator: " | ") + " |")
        }

        let taken = Engine.convolutionsAreDirect ? "the direct ones" : "the column ones"
        lines += ["", "Convolutions without bias by their two routes (`ConvolutionRoutes`), in ms per call "
                  + "(the best call); here the engine takes \(taken)", "",
                  "| op | columns 1 thread | columns 2 threads | direct 1 thread | direct 2 threads |",
                  "| --- | --- | --- | --- | --- |"]
        for layer in layers {
            let x = Tensor(shape: layer.input, scalars: (0..<layer.input.reduce(1, *)).map { Float($0 % 17) / 17 - 0.5 })
            let w = Tensor(shape: layer.weight, scalars: (0..<layer.weight.reduce(1, *)).map { Float($0 % 13) / 130 - 0.05 })
            var ops: [(name: String, run: (Bool) -> Tensor?)] = []
            if layer.transposed {
                ops.append(("\(layer.name), forward", { direct in
                    ConvolutionRoutes.convTranspose2d(x, weight: w, stride: 2, padding: 1, direct: direct) }))
            } else {
                let y = x.conv2d(weight: w, stride: 2, padding: 1)
                let g = Tensor(shape: y.shape, scalars: (0..<y.count).map { Float($0 % 11) / 11 - 0.5 })
                ops.append(("\(layer.name), forward", { direct in
                    ConvolutionRoutes.conv2d(x, weight: w, stride: 2, padding: 1, direct: direct) }))
                ops.append(("\(layer.name), weight gradient", { direct in
                    ConvolutionRoutes.conv2dWeightGradient(input: x, gradOutput: g, kernelSize: 4, stride: 2, padding: 1,
                                                           direct: direct) }))
            }
            for op in ops {
                let route = { (threads: Int, direct: Bool) -> () -> Void in {
                    Engine.threads = threads
                    _ = op.run(direct)
                } }
                let canRunDirect = op.run(true) != nil
                let times = bestSeconds(secondsPerCase, [route(1, false), route(2, false)]
                                        + (canRunDirect ? [route(1, true), route(2, true)] : []))
                let cells = times.map { format($0 * 1e3, digits: 2) } + (canRunDirect ? [] : ["–", "–"])
                lines.append("| \(op.name) | " + cells.joined(separator: " | ") + " |")
            }
        }

        lines += ["", "Convolution layers (bias included; backward = input, weight and bias gradients)", "",
                  "| layer | GFLOP fwd | fwd, 1 thread | fwd, 2 threads | fwd+bwd, 1 thread | fwd+bwd, 2 threads |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for layer in layers {
            let x = Tensor(shape: layer.input, scalars: (0..<layer.input.reduce(1, *)).map { Float($0 % 17) / 17 - 0.5 })
            let w = Tensor(shape: layer.weight, scalars: (0..<layer.weight.reduce(1, *)).map { Float($0 % 13) / 130 - 0.05 })
            let b = Tensor.zeros([layer.transposed ? layer.weight[1] : layer.weight[0]])
            func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
                layer.transposed ? x.convTranspose2d(weight: w, bias: b, stride: 2, padding: 1)
                                 : x.conv2d(weight: w, bias: b, stride: 2, padding: 1)
            }
            let y = forward(x, w, b)
            // Multiply-adds: every pixel of the small side (conv output, transposed-conv input) × every weight.
            let small = layer.transposed ? layer.input : y.shape
            let forwardFlops = 2 * Double(small[0] * small[2] * small[3] * layer.weight.reduce(1, *))
            let seed = Tensor(repeating: 0.01, shape: y.shape)
            let inference = { (threads: Int) -> () -> Void in {
                Engine.threads = threads
                _ = withoutGradients { forward(x, w, b) }
            } }
            let training = { (threads: Int) -> () -> Void in {
                Engine.threads = threads
                let (xg, wg, bg) = (x.requiringGrad(), w.requiringGrad(), b.requiringGrad())
                _ = gradients(of: forward(xg, wg, bg), wrt: [xg, wg, bg], seed: seed)
            } }
            let times = bestSeconds(secondsPerCase, [inference(1), inference(2), training(1), training(2)])
            let cells = [gflops(forwardFlops, times[0]), gflops(forwardFlops, times[1]),
                         gflops(3 * forwardFlops, times[2]), gflops(3 * forwardFlops, times[3])]
            lines.append("| \(layer.name) | \(format(forwardFlops / 1e9, digits: 3)) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Raw OpenBLAS `cblas_sgemm` on `size`³ with OpenBLAS's own threading set to `threads`,
    /// in GFLOP/s: the median of `calls` timed calls after one warm-up (pins OpenBLAS back to
    /// one thread when done). A yardstick for the machine's speed at the moment of measuring.
    public static func sgemmGFLOPS(size: Int = 512, threads: Int = 1, calls: Int = 15) -> Double {
        precondition(size > 0 && threads > 0 && calls > 0, "sgemmGFLOPS: size, threads and calls must be positive")
        let a = [Float](repeating: 0.5, count: size * size), b = [Float](repeating: 0.25, count: size * size)
        var c = [Float](repeating: 0, count: size * size)
        Engine.blasThreads = threads
        defer { Engine.blasThreads = 1 }
        var times: [Double] = []
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    for call in 0...calls {
                        let start = DispatchTime.now().uptimeNanoseconds
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(size), Int32(size), Int32(size),
                                    1, pa.baseAddress, Int32(size), pb.baseAddress, Int32(size), 0, pc.baseAddress, Int32(size))
                        if call > 0 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
                    }
                }
            }
        }
        return 2 * Double(size * size * size) / times.sorted()[times.count / 2] / 1e9
    }

    /// The shortest timing of each of `cases` after one warm-up call each. The cases take turns
    /// in 5 rounds of about `seconds / 5` each (at least one call per round), so a burst of load
    /// from other processes hits all of them alike instead of skewing one comparison.
    static func bestSeconds(_ seconds: Double, _ cases: [() -> Void]) -> [Double] {
        let rounds = 5
        for body in cases { body() }
        var best = [Double](repeating: .infinity, count: cases.count)
        for _ in 0..<rounds {
            for (i, body) in cases.enumerated() {
                var total = 0.0
                repeat {
                    let start = DispatchTime.now().uptimeNanoseconds
                    body()
                    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    best[i] = Swift.min(best[i], elapsed)
                    total += elapsed
                } while total < seconds / Double(rounds)
            }
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
