// conv2d's forward pass and weight gradient without the column matrix.
//
// The GEMM route builds cols = im2col(x), [C·kH·kW, N·P] (12.8 MB for DCGAN-MNIST's
// Conv2d(64, 128, 4, 2, 1)), for the forward product weight · cols and again for the weight
// gradient g · colsᵀ. Here both read a zero-padded copy of x directly and make the GEMM route's
// additions in its order when OpenBLAS sums in k order (see CKernels.h), so where that holds the
// bits are the same (the Swift caller checks).
#include "CKernels.h"

#pragma STDC FP_CONTRACT OFF

// Whole rows written in one pass, margins and image together: per-row memset and memcpy calls
// for rows of 7 or 14 floats cost more than the copying.
__attribute__((no_builtin("memset", "memcpy")))
void minimax_pad_planes(const float *restrict src, float *restrict dst, ptrdiff_t planeStart, ptrdiff_t planeEnd,
                        ptrdiff_t inHeight, ptrdiff_t inWidth, ptrdiff_t top, ptrdiff_t left, ptrdiff_t height,
                        ptrdiff_t width) {
    for (ptrdiff_t plane = planeStart; plane < planeEnd; plane++) {
        const float *from = src + plane * inHeight * inWidth;
        float *to = dst + plane * height * width;
        for (ptrdiff_t y = 0; y < height; y++, to += width) {
            const ptrdiff_t row = y - top;
            if (row < 0 || row >= inHeight) {
                for (ptrdiff_t j = 0; j < width; j++) to[j] = 0;
                continue;
            }
            const float *line = from + row * inWidth;
            for (ptrdiff_t j = 0; j < left; j++) to[j] = 0;
            for (ptrdiff_t j = 0; j < inWidth; j++) to[left + j] = line[j];
            for (ptrdiff_t j = left + inWidth; j < width; j++) to[j] = 0;
        }
    }
}

#if defined(__x86_64__) && defined(__linux__)
#include <immintrin.h>
#include "transpose8x8.h"

// 8 × 8 blocks through AVX registers (`minimax_block_columns8`), the edges one element at a
// time: 3.7× the 16 × 16 scalar tiles it replaced on 64 × 49 matrices.
__attribute__((target("avx")))
void minimax_transpose(const float *restrict src, float *restrict dst, ptrdiff_t rows, ptrdiff_t columns,
                       ptrdiff_t dstRowLength) {
    ptrdiff_t i0 = 0;
    for (; i0 + 8 <= rows; i0 += 8) {
        ptrdiff_t j0 = 0;
        for (; j0 + 8 <= columns; j0 += 8) {
            __m256 c[8];
            minimax_block_columns8(src + i0 * columns + j0, columns, c);
            for (int j = 0; j < 8; j++) _mm256_storeu_ps(dst + (j0 + j) * dstRowLength + i0, c[j]);
        }
        for (ptrdiff_t j = j0; j < columns; j++)
            for (ptrdiff_t i = i0; i < i0 + 8; i++) dst[j * dstRowLength + i] = src[i * columns + j];
    }
    for (ptrdiff_t i = i0; i < rows; i++)
        for (ptrdiff_t j = 0; j < columns; j++) dst[j * dstRowLength + i] = src[i * columns + j];
}

enum { FORWARD_PIXELS = 7, FORWARD_CHANNELS = 32, GRADIENT_CHANNELS = 6, GRADIENT_OUT_CHANNELS = 64 };

/// Forward tile: `count` (≤ 7) pixels ox0, ox0 + 1, … of output row (n, oy), channels
/// [o0, o0 + 32): 14 accumulators (64 channels spilled one to the stack and ran 11% slower).
/// `weight` is these 32 channels' `[k][32]` panel, read front to back.
__attribute__((target("avx512f"), always_inline)) static inline void
forward_tile(const float *x, const float *weight, const float *bias, float *out, const int count, ptrdiff_t n,
             ptrdiff_t oy, ptrdiff_t ox0, ptrdiff_t o0, ptrdiff_t channels, ptrdiff_t outChannels, ptrdiff_t paddedHeight,
             ptrdiff_t paddedWidth, ptrdiff_t outHeight, ptrdiff_t outWidth, ptrdiff_t sH, ptrdiff_t sW,
             const ptrdiff_t *tapOffsets, const ptrdiff_t *blocks, ptrdiff_t blockCount) {
    const float *corner = x + (n * channels * paddedHeight + oy * sH) * paddedWidth + ox0 * sW;
    float sum[FORWARD_PIXELS][FORWARD_CHANNELS] __attribute__((aligned(64)));
    const float *w = weight;
    ptrdiff_t k = 0;
    for (ptrdiff_t b = 0; b < blockCount; b++) {
        __m512 acc[FORWARD_PIXELS][FORWARD_CHANNELS / 16];
        for (int r = 0; r < count; r++)
            for (int v = 0; v < FORWARD_CHANNELS / 16; v++) acc[r][v] = _mm512_setzero_ps();
        for (const ptrdiff_t end = k + blocks[b]; k < end; k++, w += FORWARD_CHANNELS) {
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
    ptrdiff_t k = 0;
    for (ptrdiff_t b = 0; b < blockCount; b++) k += blocks[b];
    for (ptrdiff_t row = rowStart; row < rowEnd; row++) {
        const ptrdiff_t n = row / outHeight, oy = row % outHeight;
        for (ptrdiff_t ox0 = 0; ox0 < outWidth; ox0 += FORWARD_PIXELS) {
            const ptrdiff_t left = outWidth - ox0;
            for (ptrdiff_t o0 = 0; o0 < outChannels; o0 += FORWARD_CHANNELS) {
                const float *panel = weight + o0 * k;
#define MINIMAX_TILE(count)                                                                                        \
    forward_tile(x, panel, bias, out, count, n, oy, ox0, o0, channels, outChannels, paddedHeight, paddedWidth,     \
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
/// [o0, o0 + 64), over one k block of pixels [p0, p1): each chain runs from +0 through the block
/// in registers, then C += the block's sums (`sum`, [c][o]; stored when `first`), as OpenBLAS
/// adds a k block to C. `gradient` is this tile's 64 channels, pixel-major: [pixel][64].
__attribute__((target("avx512f"), always_inline)) static inline void
gradient_tile(const float *tapCorner, const float *gradient, float *sum, const int count, ptrdiff_t channelStride,
              ptrdiff_t outChannels, const ptrdiff_t *pixelOffsets, ptrdiff_t p0, ptrdiff_t p1, int first) {
    __m512 a[GRADIENT_CHANNELS][4];
    for (int r = 0; r < count; r++)
        for (int v = 0; v < 4; v++) a[r][v] = _mm512_setzero_ps();
    for (ptrdiff_t p = p0; p < p1; p++) {
        const float *g = gradient + p * GRADIENT_OUT_CHANNELS, *in = tapCorner + pixelOffsets[p];
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
        for (int v = 0; v < 4; v++) {
            float *s = sum + r * outChannels + 16 * v;
            _mm512_storeu_ps(s, first ? a[r][v] : _mm512_add_ps(_mm512_loadu_ps(s), a[r][v]));
        }
}

__attribute__((target("avx512f")))
void minimax_conv2d_weight_gradient_taps(const float *x, const float *gradient, float *dw, float *scratch,
                                         ptrdiff_t channels, ptrdiff_t outChannels, ptrdiff_t paddedHeight,
                                         ptrdiff_t paddedWidth, ptrdiff_t kernelWidth, ptrdiff_t taps,
                                         const ptrdiff_t *pixelOffsets, const ptrdiff_t *blocks, ptrdiff_t blockCount,
                                         ptrdiff_t tapStart, ptrdiff_t tapEnd) {
    const ptrdiff_t channelStride = paddedHeight * paddedWidth, perTap = channels * outChannels;
    float *sum = scratch + tapStart * perTap;  // [tap][c][o]: the blocks added so far
    ptrdiff_t pixels = 0;
    for (ptrdiff_t b = 0; b < blockCount; b++) pixels += blocks[b];
    for (ptrdiff_t b = 0, p0 = 0; b < blockCount; p0 += blocks[b], b++) {
        for (ptrdiff_t t = tapStart; t < tapEnd; t++) {
            const ptrdiff_t ki = t / kernelWidth, kj = t % kernelWidth;
            for (ptrdiff_t c0 = 0; c0 < channels; c0 += GRADIENT_CHANNELS) {
                const float *tapCorner = x + c0 * channelStride + ki * paddedWidth + kj;
                const ptrdiff_t left = channels - c0;
                for (ptrdiff_t o0 = 0; o0 < outChannels; o0 += GRADIENT_OUT_CHANNELS) {
                    const float *g = gradient + o0 * pixels;
                    float *s = sum + ((t - tapStart) * channels + c0) * outChannels + o0;
#define MINIMAX_TILE(count)                                                                                    \
    gradient_tile(tapCorner, g, s, count, channelStride, outChannels, pixelOffsets, p0, p0 + blocks[b], b == 0)
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
    for (ptrdiff_t t = tapStart; t < tapEnd; t++)
        for (ptrdiff_t c = 0; c < channels; c++) {
            const float *from = sum + ((t - tapStart) * channels + c) * outChannels;
            for (ptrdiff_t o = 0; o < outChannels; o++) dw[(o * channels + c) * taps + t] = from[o];
        }
}

#else

void minimax_transpose(const float *restrict src, float *restrict dst, ptrdiff_t rows, ptrdiff_t columns,
                       ptrdiff_t dstRowLength) {
    for (ptrdiff_t i = 0; i < rows; i++)
        for (ptrdiff_t j = 0; j < columns; j++) dst[j * dstRowLength + i] = src[i * columns + j];
}

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
