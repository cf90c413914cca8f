import CKernels

/// Per-row sums in Double with a fixed order, the engine's reduction rule, made fast.
///
/// Every sum in the engine adds its terms in Double in the row-major order of the input, so a
/// result never depends on how the work is split. That order makes each output one dependency
/// chain of additions, bounded by the add latency (4 cycles) rather than by the data. Different
/// outputs' chains are independent, though: `add` runs eight rows' chains side by side (then
/// four, then one), which changes no addition and no order within a chain, so the bits are
/// those of one row at a time. Eight chains instead of four took batch norm's passes from 6.2%
/// to 3.4% of a one-thread DCGAN-MNIST iteration (perf, SkylakeX kernel, Zen 5). On AVX-512
/// CPUs, groups of eight rows run in the lanes of one vector instead (`minimax_row_sums_blocks`:
/// the same additions, a transposed 8 × 8 block at a time).
enum RowSums {
    /// `sums[r] += Σ_p rows[r·length + p]` (or `−=`, the same as adding the negated terms) in
    /// Double, p in order, for r in 0..<rows.
    @inline(__always)
    static func add(_ terms: UnsafePointer<Float>, rows: Int, length: Int, into sums: UnsafeMutablePointer<Double>,
                    subtracting: Bool = false) {
        if length == 1 {
            minimax_add_doubles(terms, rows, sums, subtracting ? 1 : 0)
            return
        }
        var r = minimax_row_sums_blocks(terms, rows, length, sums, subtracting ? 1 : 0)
        while r + 8 <= rows {
            let t0 = terms + r * length, t1 = t0 + length, t2 = t1 + length, t3 = t2 + length
            let t4 = t3 + length, t5 = t4 + length, t6 = t5 + length, t7 = t6 + length
            var (a0, a1, a2, a3) = (sums[r], sums[r + 1], sums[r + 2], sums[r + 3])
            var (a4, a5, a6, a7) = (sums[r + 4], sums[r + 5], sums[r + 6], sums[r + 7])
            if subtracting {
                for p in 0..<length {
                    a0 = a0 - Double(t0[p]); a1 = a1 - Double(t1[p]); a2 = a2 - Double(t2[p]); a3 = a3 - Double(t3[p])
                    a4 = a4 - Double(t4[p]); a5 = a5 - Double(t5[p]); a6 = a6 - Double(t6[p]); a7 = a7 - Double(t7[p])
                }
            } else {
                for p in 0..<length {
                    a0 = a0 + Double(t0[p]); a1 = a1 + Double(t1[p]); a2 = a2 + Double(t2[p]); a3 = a3 + Double(t3[p])
                    a4 = a4 + Double(t4[p]); a5 = a5 + Double(t5[p]); a6 = a6 + Double(t6[p]); a7 = a7 + Double(t7[p])
                }
            }
            (sums[r], sums[r + 1], sums[r + 2], sums[r + 3]) = (a0, a1, a2, a3)
            (sums[r + 4], sums[r + 5], sums[r + 6], sums[r + 7]) = (a4, a5, a6, a7)
            r += 8
        }
        while r + 4 <= rows {
            let t0 = terms + r * length, t1 = t0 + length, t2 = t1 + length, t3 = t2 + length
            var (a0, a1, a2, a3) = (sums[r], sums[r + 1], sums[r + 2], sums[r + 3])
            if subtracting {
                for p in 0..<length {
                    a0 = a0 - Double(t0[p]); a1 = a1 - Double(t1[p]); a2 = a2 - Double(t2[p]); a3 = a3 - Double(t3[p])
                }
            } else {
                for p in 0..<length {
                    a0 = a0 + Double(t0[p]); a1 = a1 + Double(t1[p]); a2 = a2 + Double(t2[p]); a3 = a3 + Double(t3[p])
                }
            }
            (sums[r], sums[r + 1], sums[r + 2], sums[r + 3]) = (a0, a1, a2, a3)
            r += 4
        }
        while r < rows {
            let t = terms + r * length
            var a = sums[r]
            if subtracting {
                for p in 0..<length { a = a - Double(t[p]) }
            } else {
                for p in 0..<length { a = a + Double(t[p]) }
            }
            sums[r] = a
            r += 1
        }
    }
}
