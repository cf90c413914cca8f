// Per-row sums in Double, each row one chain of additions in order (`RowSums` in Swift), with
// eight rows' chains in the lanes of one AVX-512 register: an 8 × 8 block of the rows is
// transposed in registers, so that column p of the block (one term of each row) is one vector,
// widened to Double and added to the lanes. Lane i sees row i's terms in order, one IEEE
// addition each, so the sums have the bits of the scalar chains.
#include "CKernels.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__linux__)
#include <immintrin.h>
#include "transpose8x8.h"

/// `blocks` groups of 8 rows from `terms` (the groups 8 rows apart), chains in lanes; two
/// groups at a time where there are two, so that two chains of additions overlap.
__attribute__((target("avx512f"))) static void
row_sums_avx512(const float *terms, ptrdiff_t blocks, ptrdiff_t length, double *sums, int subtracting) {
    const ptrdiff_t full = length / 8 * 8;
    ptrdiff_t b = 0;
    for (; b + 2 <= blocks; b += 2) {
        const float *t0 = terms + 8 * b * length, *t1 = t0 + 8 * length;
        __m512d s0 = _mm512_loadu_pd(sums + 8 * b), s1 = _mm512_loadu_pd(sums + 8 * b + 8);
        for (ptrdiff_t p = 0; p < full; p += 8) {
            __m256 c0[8], c1[8];
            minimax_block_columns8(t0 + p, length, c0);
            minimax_block_columns8(t1 + p, length, c1);
            for (int j = 0; j < 8; j++) {
                const __m512d d0 = _mm512_cvtps_pd(c0[j]), d1 = _mm512_cvtps_pd(c1[j]);
                s0 = subtracting ? _mm512_sub_pd(s0, d0) : _mm512_add_pd(s0, d0);
                s1 = subtracting ? _mm512_sub_pd(s1, d1) : _mm512_add_pd(s1, d1);
            }
        }
        _mm512_storeu_pd(sums + 8 * b, s0);
        _mm512_storeu_pd(sums + 8 * b + 8, s1);
    }
    for (; b < blocks; b++) {
        const float *t = terms + 8 * b * length;
        __m512d s = _mm512_loadu_pd(sums + 8 * b);
        for (ptrdiff_t p = 0; p < full; p += 8) {
            __m256 c[8];
            minimax_block_columns8(t + p, length, c);
            for (int j = 0; j < 8; j++) {
                const __m512d d = _mm512_cvtps_pd(c[j]);
                s = subtracting ? _mm512_sub_pd(s, d) : _mm512_add_pd(s, d);
            }
        }
        _mm512_storeu_pd(sums + 8 * b, s);
    }
    // The last length − full terms of each row, after the others.
    for (ptrdiff_t r = 0; r < 8 * blocks; r++) {
        const float *t = terms + r * length;
        double a = sums[r];
        for (ptrdiff_t p = full; p < length; p++) a = subtracting ? a - (double)t[p] : a + (double)t[p];
        sums[r] = a;
    }
}

ptrdiff_t minimax_row_sums_blocks(const float *terms, ptrdiff_t rows, ptrdiff_t length, double *sums, int subtracting) {
    if (length < 8 || rows < 8 || !__builtin_cpu_supports("avx512f")) return 0;
    row_sums_avx512(terms, rows / 8, length, sums, subtracting);
    return rows / 8 * 8;
}

#else

ptrdiff_t minimax_row_sums_blocks(const float *terms, ptrdiff_t rows, ptrdiff_t length, double *sums, int subtracting) {
    return 0;
}

#endif
