import MinimaxNN
import MinimaxTensor

extension ReferenceTraining {
    /// A 64-bit FNV-1a hash of the bit patterns of everything a step changes: both networks'
    /// parameters and buffers (batch-norm running statistics) and both optimizers' state, taken
    /// in sorted-name order. Two runs with the same seed have the same fingerprint after the
    /// same iterations exactly when they computed the same bits, which is how an optimisation
    /// of the engine is checked to leave results unchanged (`minimax bench --fingerprint`,
    /// `Benchmarks/check_identity.sh`).
    public func stateFingerprint() -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ tensors: [String: Tensor]) {
            for name in tensors.keys.sorted() {
                for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
                for value in tensors[name]!.scalars {
                    let bits = value.bitPattern
                    for shift in stride(from: 0, to: 32, by: 8) {
                        hash = (hash ^ UInt64((bits >> UInt32(shift)) & 0xff)) &* 0x0000_0100_0000_01b3
                    }
                }
            }
        }
        mix(generator.stateDict(prefix: "generator."))
        mix(discriminator.stateDict(prefix: "discriminator."))
        mix(generatorOptimizer.stateTensors())
        mix(discriminatorOptimizer.stateTensors())
        return hash
    }
}
