// The 8 × 8 float transpose in AVX registers shared by the C kernels (private to CKernels).
#ifndef MINIMAX_TRANSPOSE8X8_H
#define MINIMAX_TRANSPOSE8X8_H

#if defined(__x86_64__) && defined(__linux__)
#include <immintrin.h>
#include <stddef.h>

/// The block of 8 rows × 8 floats at `src` (rows `stride` floats apart), as its 8 columns:
/// out[j] = (src[0][j], src[1][j], …, src[7][j]). Unpack pairs of rows, shuffle pairs of pairs,
/// then swap the 128-bit halves.
__attribute__((target("avx"), always_inline)) static inline void
minimax_block_columns8(const float *src, ptrdiff_t stride, __m256 out[8]) {
    const __m256 r0 = _mm256_loadu_ps(src), r1 = _mm256_loadu_ps(src + stride),
                 r2 = _mm256_loadu_ps(src + 2 * stride), r3 = _mm256_loadu_ps(src + 3 * stride),
                 r4 = _mm256_loadu_ps(src + 4 * stride), r5 = _mm256_loadu_ps(src + 5 * stride),
                 r6 = _mm256_loadu_ps(src + 6 * stride), r7 = _mm256_loadu_ps(src + 7 * stride);
    const __m256 a0 = _mm256_unpacklo_ps(r0, r1), a1 = _mm256_unpackhi_ps(r0, r1), a2 = _mm256_unpacklo_ps(r2, r3),
                 a3 = _mm256_unpackhi_ps(r2, r3), a4 = _mm256_unpacklo_ps(r4, r5), a5 = _mm256_unpackhi_ps(r4, r5),
                 a6 = _mm256_unpacklo_ps(r6, r7), a7 = _mm256_unpackhi_ps(r6, r7);
    const __m256 b0 = _mm256_shuffle_ps(a0, a2, 0x44), b1 = _mm256_shuffle_ps(a0, a2, 0xEE),
                 b2 = _mm256_shuffle_ps(a1, a3, 0x44), b3 = _mm256_shuffle_ps(a1, a3, 0xEE),
                 b4 = _mm256_shuffle_ps(a4, a6, 0x44), b5 = _mm256_shuffle_ps(a4, a6, 0xEE),
                 b6 = _mm256_shuffle_ps(a5, a7, 0x44), b7 = _mm256_shuffle_ps(a5, a7, 0xEE);
    out[0] = _mm256_permute2f128_ps(b0, b4, 0x20);
    out[1] = _mm256_permute2f128_ps(b1, b5, 0x20);
    out[2] = _mm256_permute2f128_ps(b2, b6, 0x20);
    out[3] = _mm256_permute2f128_ps(b3, b7, 0x20);
    out[4] = _mm256_permute2f128_ps(b0, b4, 0x31);
    out[5] = _mm256_permute2f128_ps(b1, b5, 0x31);
    out[6] = _mm256_permute2f128_ps(b2, b6, 0x31);
    out[7] = _mm256_permute2f128_ps(b3, b7, 0x31);
}
#endif

#endif
