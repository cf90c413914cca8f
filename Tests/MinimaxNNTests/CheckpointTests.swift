import Foundation
import MinimaxNN
import MinimaxTensor
import Testing

@Suite struct CheckpointTests {
    /// A fresh folder per test (tests run in parallel).
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("minimax-nn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A file made of an 8-byte length, `header` and `data`, for tampering tests.
    private func rawFile(_ header: String, data: [UInt8], in folder: URL, length: UInt64? = nil) throws -> URL {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (length ?? UInt64(header.utf8.count)).littleEndian) { bytes += $0 }
        bytes += Array(header.utf8) + data
        let url = folder.appendingPathComponent("tampered-\(UUID().uuidString).safetensors")
        try Data(bytes).write(to: url)
        return url
    }

    private func expectError(_ url: URL, _ problem: CheckpointError.Problem, sourceLocation: SourceLocation = #_sourceLocation) {
        expectError(url, sourceLocation: sourceLocation) { $0 == problem }
    }

    private func expectError(_ url: URL, sourceLocation: SourceLocation = #_sourceLocation,
                             _ matches: (CheckpointError.Problem) -> Bool) {
        do {
            _ = try Checkpoint.load(from: url)
            Issue.record("loading \(url.lastPathComponent) should fail", sourceLocation: sourceLocation)
        } catch let error as CheckpointError {
            #expect(matches(error.problem), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("checkpoint \(url.path) "), sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func roundTripKeepsValuesMetadataAndBytes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tensors: [String: Tensor] = ["b.weight": Tensor(shape: [2, 3], scalars: [1, -2, 3.5, .pi, -0, 1e-30]),
                                         "a": Tensor(7), "c.empty": Tensor.zeros([0, 4])]
        let url = folder.appendingPathComponent("model.safetensors")
        try Checkpoint.save(tensors: tensors, metadata: ["step": "12", "quote": "say \"hi\"\n"], to: url)
        let (loaded, metadata) = try Checkpoint.load(from: url)
        #expect(metadata == ["step": "12", "quote": "say \"hi\"\n"])
        #expect(loaded.keys.sorted() == ["a", "b.weight", "c.empty"])
        for (name, t) in tensors {
            #expect(loaded[name]?.shape == t.shape)
            #expect(loaded[name]?.scalars.map(\.bitPattern) == t.scalars.map(\.bitPattern))
        }
        let bytes = try Data(contentsOf: url)
        let again = folder.appendingPathComponent("again.safetensors")
        try Checkpoint.save(tensors: loaded, metadata: metadata, to: again)
        #expect(try Data(contentsOf: again) == bytes)
        // Layout: header length, then sorted names with consecutive offsets, padded to 8 bytes.
        let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        #expect(headerLength % 8 == 0 && bytes.count == 8 + headerLength + 7 * 4)
        let header = String(decoding: bytes[8..<(8 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix(#"{"__metadata__":{"quote":"say \"hi\"\n","step":"12"},"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"b.weight":{"dtype":"F32","shape":[2,3],"data_offsets":[4,28]},"c.empty":{"dtype":"F32","shape":[0,4],"data_offsets":[28,28]}}"#))
        // Nothing but the two checkpoints is left in the folder (the temporary file was renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["again.safetensors", "model.safetensors"])
    }

    @Test func truncatedAndTamperedFilesGiveClearErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("good.safetensors")
        try Checkpoint.save(tensors: ["w": Tensor([1, 2, 3, 4])], to: url)
        let good = try Data(contentsOf: url)
        let truncated = folder.appendingPathComponent("truncated.safetensors")
        try good.dropLast(4).write(to: truncated)
        expectError(truncated, .offsetsOutOfRange(name: "w", begin: 0, end: 16, dataSize: 12))
        let stub = folder.appendingPathComponent("stub.safetensors")
        try good.prefix(5).write(to: stub)
        expectError(stub, .tooShort(bytes: 5))
        let headerOnly = folder.appendingPathComponent("header-only.safetensors")
        try good.prefix(20).write(to: headerOnly)
        expectError(headerOnly, .headerLengthBeyondFile(headerLength: UInt64(good.count - 24), fileSize: 20))

        let four: [UInt8] = [UInt8](repeating: 0, count: 16)
        // (Foundation's wording of the underlying error varies by platform: only the case is compared.)
        expectError(try rawFile(#"{"w": {"dtype":"F32","#, data: four, in: folder)) {
            if case .invalidJSON(let reason) = $0 { reason.hasPrefix("not parseable") } else { false }
        }
        expectError(try rawFile(#"[1, 2]"#, data: four, in: folder), .invalidJSON("the top level is not an object"))
        expectError(try rawFile(#"{"w":{"dtype":"F16","shape":[8],"data_offsets":[0,16]}}"#, data: four, in: folder),
                    .unsupportedDType(name: "w", dtype: "F16"))
        expectError(try rawFile(#"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}}"#, data: four, in: folder),
                    .byteCountMismatch(name: "w", shape: [2, 3], bytes: 16))
        expectError(try rawFile(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"v":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                                data: [UInt8](repeating: 0, count: 12), in: folder), .overlapping(first: "w", second: "v"))
        expectError(try rawFile(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: four, in: folder),
                    .gap(after: "w", begin: 8, end: 16))
        expectError(try rawFile(#"{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}"#, data: four, in: folder),
                    .gap(after: nil, begin: 0, end: 8))
        expectError(try rawFile(#"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,16]}}"#, data: four, in: folder),
                    .invalidEntry(name: "w", reason: "shape is not a list of non-negative integers"))
        expectError(try rawFile(#"{"__metadata__":{"step":3}}"#, data: [], in: folder), .invalidMetadata("value of 'step' is not a string"))
        expectError(folder.appendingPathComponent("missing.safetensors")) {
            if case .unreadable = $0 { true } else { false }
        }
    }

    @Test func modelAndOptimizerResumeGivesTheSameNextStep() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func makeModel() -> Sequential { Sequential { Linear(2, 8); BatchNorm1d(8); LeakyReLU(0.2); Linear(8, 1) } }
        func trainStep(_ model: Sequential, _ optimizer: Adam, seed: UInt64) {
            var stream = RandomStream(seed: seed, name: "batch")
            let x = Tensor(shape: [6, 2], scalars: stream.normalArray(count: 12))
            optimizer.zeroGradients()
            Loss.binaryCrossEntropy(logits: model(x), target: 1).backward()
            optimizer.step()
        }
        let model = makeModel()
        model.initialize(seed: 4)
        let names = model.namedParameters().map(\.name)
        let optimizer = Adam(model.parameters(), learningRate: 0.01, betas: (0.5, 0.999), parameterNames: names)
        for seed in 0..<3 { trainStep(model, optimizer, seed: UInt64(seed)) }

        var tensors = model.stateDict(prefix: "discriminator.")
        for (key, value) in optimizer.stateTensors() { tensors["optimizer.discriminator.\(key)"] = value }
        let url = folder.appendingPathComponent("latest.safetensors")
        try Checkpoint.save(tensors: tensors, metadata: ["format": "minimax-test"], to: url)

        let (loaded, _) = try Checkpoint.load(from: url)
        let resumed = makeModel()
        try resumed.loadStateDict(loaded, prefix: "discriminator.")
        let resumedOptimizer = Adam(resumed.parameters(), learningRate: 0.01, betas: (0.5, 0.999), parameterNames: names)
        try resumedOptimizer.load(state: Dictionary(uniqueKeysWithValues: loaded.compactMap { key, value in
            key.hasPrefix("optimizer.discriminator.") ? (String(key.dropFirst("optimizer.discriminator.".count)), value) : nil
        }))
        trainStep(model, optimizer, seed: 9)
        trainStep(resumed, resumedOptimizer, seed: 9)
        #expect(model.stateDict().mapValues(\.scalars) == resumed.stateDict().mapValues(\.scalars))
        #expect(resumedOptimizer.stepCount == 4)

        if let path = ProcessInfo.processInfo.environment["MINIMAX_NN_INTEROP_OUTPUT"] {
            // For the by-hand check with Python's `safetensors.numpy.load_file`.
            try Checkpoint.save(tensors: model.stateDict(), metadata: ["written_by": "MinimaxNN"], to: URL(fileURLWithPath: path))
        }
    }
}
