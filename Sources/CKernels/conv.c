// conv2d's forward pass and weight gradient without the column matrix.
//
// The GEMM route builds cols = im2col(x), [C·kH·kW, N·P] (12.8 MB for DCGAN-MNIST's
// Conv2d(64, 128, 4, 2, 1)), for the forward product weight · cols and again for the weight
// gradient g · colsᵀ. Here both read a zero-padded copy of x directly and make the GEMM route's
// additions in its order when OpenBLAS sums in k order (see CKernels.h), so where that holds the
// bits are the same (the Swift caller checks).
#include "CKernels.h"

#pragma STDC FP_CONTRACT OFF

// Tiles of 16 × 16: a tile's rows are read and its columns written a cache line at a time.
void minimax_transpose(const float *restrict src, float *restrict dst, ptrdiff_t rows, ptrdiff_t columns) {
    enum { T = 16 };
    for (ptrdiff_t i0 = 0; i0 < rows; i0 += T)
        for (ptrdiff_t j0 = 0; j0 < columns; j0 += T) {
            const ptrdiff_t i1 = i0 + T < rows ? i0 + T : rows, j1 = j0 + T < columns ? j0 + T : columns;
            for (ptrdiff_t j = j0; j < j1; j++)
                for (ptrdiff_t i = i0; i < i1; i++) dst[j * rows + i] = src[i * columns + j];
        }
}

#if defined(__x86_64__) && defined(__linux__)
#include <immintrin.h>
#include <string.h>

enum { FORWARD_PIXELS = 7, GRADIENT_CHANNELS = 6, GRADIENT_OUT_CHANNELS = 64, PIXEL_CHUNK = 64, FORWARD_CHANNELS = 32 };

/// Forward tile: `count` (≤ 7) pixels ox0, ox0 + 1, … of output row (n, oy), channels
/// [o0, o0 + 32): 14 accumulators (64 channels spilled one to the stack and ran 11% slower).
__attribute__((target("avx512f"), always_inline)) static inline void
forward_tile(const float *x, const float *weight, const float *bias, float *out, const int count, ptrdiff_t n,
             ptrdiff_t oy, ptrdiff_t ox0, ptrdiff_t o0, ptrdiff_t channels, ptrdiff_t outChannels, ptrdiff_t paddedHeight,
             ptrdiff_t paddedWidth, ptrdiff_t outHeight, ptrdiff_t outWidth, ptrdiff_t sH, ptrdiff_t sW,
             const ptrdiff_t *tapOffsets, const ptrdiff_t *blocks, ptrdiff_t blockCount) {
    const float *corner = x + (n * channels * paddedHeight + oy * sH) * paddedWidth + ox0 * sW;
    float sum[FORWARD_PIXELS][FORWARD_CHANNELS] __attribute__((aligned(64)));
    const float *w = weight + o0;
    ptrdiff_t k = 0;
    for (ptrdiff_t b = 0; b < blockCount; b++) {
        __m512 acc[FORWARD_PIXELS][FORWARD_CHANNELS / 16];
        for (int r = 0; r < count; r++)
            for (int v = 0; v < FORWARD_CHANNELS / 16; v++) acc[r][v] = _mm512_setzero_ps();
        for (const ptrdiff_t end = k + blocks[b]; k < end; k++, w += outChannels) {
            const float *tap = corner + tapOffsets[k];
            const __m512 w0 = _mm512_loadu_ps(w), w1 = _mm512_loadu_ps(w + 16);
            for (int r = 0; r < count; r++) {
                const __m512 a = _mm512_set1_ps(tap[r * sW]);
                acc[r][0] = _mm512_fmadd_ps(a, w0, acc[r][0]);
                acc[r][1] = _mm512_fmadd_ps(a, w1, acc[r][1]);
            }
        }
        for (int r = 0; r < count; r++)
            for (int v = 0; v < FORWARD_CHANNELS / 16; v++) {
                float *s = &sum[r][16 * v];
                _mm512_store_ps(s, b == 0 ? acc[r][v] : _mm512_add_ps(_mm512_load_ps(s), acc[r][v]));
            }
    }
    for (ptrdiff_t o = 0; o < FORWARD_CHANNELS; o++) {
        float *to = out + ((n * outChannels + o0 + o) * outHeight + oy) * outWidth + ox0;
        if (bias) {
            const float add = bias[o0 + o];
            for (int r = 0; r < count; r++) to[r] = sum[r][o] + add;
        } else {
            for (int r = 0; r < count; r++) to[r] = sum[r][o];
        }
    }
}

__attribute__((target("avx512f")))
void minimax_conv2d_rows(const float *x, const float *weight, const float *bias, float *out, ptrdiff_t channels,
                         ptrdiff_t outChannels, ptrdiff_t paddedHeight, ptrdiff_t paddedWidth, ptrdiff_t outHeight,
                         ptrdiff_t outWidth, ptrdiff_t strideHeight, ptrdiff_t strideWidth, const ptrdiff_t *tapOffsets,
                         const ptrdiff_t *blocks, ptrdiff_t blockCount, ptrdiff_t rowStart, ptrdiff_t rowEnd) {
    for (ptrdiff_t row = rowStart; row < rowEnd; row++) {
        const ptrdiff_t n = row / outHeight, oy = row % outHeight;
        for (ptrdiff_t ox0 = 0; ox0 < outWidth; ox0 += FORWARD_PIXELS) {
            const ptrdiff_t left = outWidth - ox0;
            for (ptrdiff_t o0 = 0; o0 < outChannels; o0 += FORWARD_CHANNELS) {
#define MINIMAX_TILE(count)                                                                                        \
    forward_tile(x, weight, bias, out, count, n, oy, ox0, o0, channels, outChannels, paddedHeight, paddedWidth,     \
                 outHeight, outWidth, strideHeight, strideWidth, tapOffsets, blocks, blockCount)
                switch (left >= FORWARD_PIXELS ? FORWARD_PIXELS : left) {
                case 7: MINIMAX_TILE(7); break;
                case 6: MINIMAX_TILE(6); break;
                case 5: MINIMAX_TILE(5); break;
                case 4: MINIMAX_TILE(4); break;
                case 3: MINIMAX_TILE(3); break;
                case 2: MINIMAX_TILE(2); break;
                default: MINIMAX_TILE(1); break;
                }
#undef MINIMAX_TILE
            }
        }
    }
}

/// Weight-gradient tile: `count` (≤ 6) input channels c0, c0 + 1, … of one tap, output channels
/// [o0, o0 + 64), over pixels [p0, p1): the running sums live in `acc` between calls (from +0
/// when `fresh`), so a k block is one unbroken chain however many pixel chunks it spans.
__attribute__((target("avx512f"), always_inline)) static inline void
gradient_tile(const float *tapCorner, const float *gradient, float *acc, const int count, ptrdiff_t channelStride,
              ptrdiff_t outChannels, ptrdiff_t o0, const ptrdiff_t *pixelOffsets, ptrdiff_t p0, ptrdiff_t p1, int fresh) {
    __m512 a[GRADIENT_CHANNELS][4];
    for (int r = 0; r < count; r++)
        for (int v = 0; v < 4; v++)
            a[r][v] = fresh ? _mm512_setzero_ps() : _mm512_loadu_ps(acc + r * outChannels + o0 + 16 * v);
    for (ptrdiff_t p = p0; p < p1; p++) {
        const float *g = gradient + p * outChannels + o0, *in = tapCorner + pixelOffsets[p];
        const __m512 g0 = _mm512_loadu_ps(g), g1 = _mm512_loadu_ps(g + 16);
        const __m512 g2 = _mm512_loadu_ps(g + 32), g3 = _mm512_loadu_ps(g + 48);
        for (int r = 0; r < count; r++) {
            const __m512 b = _mm512_set1_ps(in[r * channelStride]);
            a[r][0] = _mm512_fmadd_ps(b, g0, a[r][0]);
            a[r][1] = _mm512_fmadd_ps(b, g1, a[r][1]);
            a[r][2] = _mm512_fmadd_ps(b, g2, a[r][2]);
            a[r][3] = _mm512_fmadd_ps(b, g3, a[r][3]);
        }
    }
    for (int r = 0; r < count; r++)
        for (int v = 0; v < 4; v++) _mm512_storeu_ps(acc + r * outChannels + o0 + 16 * v, a[r][v]);
}

__attribute__((target("avx512f")))
void minimax_conv2d_weight_gradient_taps(const float *x, const float *gradient, float *dw, float *scratch,
                                         ptrdiff_t channels, ptrdiff_t outChannels, ptrdiff_t paddedHeight,
                                         ptrdiff_t paddedWidth, ptrdiff_t kernelWidth, ptrdiff_t taps,
                                         const ptrdiff_t *pixelOffsets, const ptrdiff_t *blocks, ptrdiff_t blockCount,
                                         ptrdiff_t tapStart, ptrdiff_t tapEnd) {
    const ptrdiff_t channelStride = paddedHeight * paddedWidth, perTap = channels * outChannels;
    float *acc = scratch + tapStart * perTap;                       // this block's chains, [tap][c][o]
    float *sum = scratch + (taps + tapStart) * perTap;              // the blocks added so far
    const ptrdiff_t region = (tapEnd - tapStart) * perTap;
    ptrdiff_t p = 0;
    for (ptrdiff_t b = 0; b < blockCount; b++) {
        const ptrdiff_t blockStart = p, blockEnd = p + blocks[b];
        for (ptrdiff_t p0 = blockStart; p0 < blockEnd; p0 += PIXEL_CHUNK) {
            const ptrdiff_t p1 = p0 + PIXEL_CHUNK < blockEnd ? p0 + PIXEL_CHUNK : blockEnd;
            for (ptrdiff_t t = tapStart; t < tapEnd; t++) {
                const ptrdiff_t ki = t / kernelWidth, kj = t % kernelWidth;
                for (ptrdiff_t c0 = 0; c0 < channels; c0 += GRADIENT_CHANNELS) {
                    const float *tapCorner = x + c0 * channelStride + ki * paddedWidth + kj;
                    float *a = acc + ((t - tapStart) * channels + c0) * outChannels;
                    const ptrdiff_t left = channels - c0;
                    for (ptrdiff_t o0 = 0; o0 < outChannels; o0 += GRADIENT_OUT_CHANNELS) {
#define MINIMAX_TILE(count)                                                                                          \
    gradient_tile(tapCorner, gradient, a, count, channelStride, outChannels, o0, pixelOffsets, p0, p1, p0 == blockStart)
                        switch (left >= GRADIENT_CHANNELS ? GRADIENT_CHANNELS : left) {
                        case 6: MINIMAX_TILE(6); break;
                        case 5: MINIMAX_TILE(5); break;
                        case 4: MINIMAX_TILE(4); break;
                        case 3: MINIMAX_TILE(3); break;
                        case 2: MINIMAX_TILE(2); break;
                        default: MINIMAX_TILE(1); break;
                        }
#undef MINIMAX_TILE
                    }
                }
            }
        }
        // C += this block's sums, as OpenBLAS adds a k block to C.
        if (b == 0) {
            memcpy(sum, acc, sizeof(float) * region);
        } else {
            for (ptrdiff_t i = 0; i < region; i += 16)
                _mm512_storeu_ps(sum + i, _mm512_add_ps(_mm512_loadu_ps(sum + i), _mm512_loadu_ps(acc + i)));
        }
        p = blockEnd;
    }
    for (ptrdiff_t t = tapStart; t < tapEnd; t++)
        for (ptrdiff_t c = 0; c < channels; c++) {
            const float *from = sum + ((t - tapStart) * channels + c) * outChannels;
            for (ptrdiff_t o = 0; o < outChannels; o++) dw[(o * channels + c) * taps + t] = from[o];
        }
}

#else

void minimax_conv2d_rows(const float *x, const float *weight, const float *bias, float *out, ptrdiff_t channels,
                         ptrdiff_t outChannels, ptrdiff_t paddedHeight, ptrdiff_t paddedWidth, ptrdiff_t outHeight,
                         ptrdiff_t outWidth, ptrdiff_t strideHeight, ptrdiff_t strideWidth, const ptrdiff_t *tapOffsets,
                         const ptrdiff_t *blocks, ptrdiff_t blockCount, ptrdiff_t rowStart, ptrdiff_t rowEnd) {}

void minimax_conv2d_weight_gradient_taps(const float *x, const float *gradient, float *dw, float *scratch,
                                         ptrdiff_t channels, ptrdiff_t outChannels, ptrdiff_t paddedHeight,
                                         ptrdiff_t paddedWidth, ptrdiff_t kernelWidth, ptrdiff_t taps,
                                         const ptrdiff_t *pixelOffsets, const ptrdiff_t *blocks, ptrdiff_t blockCount,
                                         ptrdiff_t tapStart, ptrdiff_t tapEnd) {}

#endif
