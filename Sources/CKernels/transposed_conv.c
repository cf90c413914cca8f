// A transposed convolution (so also conv2d's input gradient) without its column matrix.
//
// The GEMM route writes cols = weightᵀ · x, [O·kH·kW, N·P], a 12.8 MB matrix for DCGAN-MNIST's
// ConvTranspose2d(128, 64, 4, 2, 1), and col2im reads it back; both passes go through L3. Here
// each output tile (up to 7 pixels of one row that the same taps reach, × 32 output channels)
// lives in 14 AVX-512 registers: for each tap, in (ki, kj) order, the chain over input channels
// runs with the input value broadcast from x and 32 weights loaded per channel, then is added to
// the tile. The additions are the GEMM route's, in its order, when OpenBLAS sums each element in
// k order (see CKernels.h), so where that holds the bits are the same (the Swift caller checks).
#include "CKernels.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__linux__)
#include <immintrin.h>

int minimax_direct_convolutions_supported(void) { return __builtin_cpu_supports("avx512f"); }

enum { TILE_PIXELS = 7, TILE_CHANNELS = 32, VECTORS = TILE_CHANNELS / 16 };

/// One tile: `count` (≤ 7) pixels x = x0 + sW·r of row (n, y), channels [o0, o0 + 32).
/// (With 64 channels, 28 accumulators and 4 weight vectors left no register for the broadcast:
/// clang spilled an accumulator to the stack in the inner loop, and the tile ran 5% slower.)
__attribute__((target("avx512f"), always_inline)) static inline void
tile(const float *x, const float *weight, float *out, const int count, ptrdiff_t n, ptrdiff_t y, ptrdiff_t x0,
     ptrdiff_t o0, ptrdiff_t channels, ptrdiff_t outChannels, ptrdiff_t inHeight, ptrdiff_t paddedWidth,
     ptrdiff_t leftMargin, ptrdiff_t height, ptrdiff_t width, ptrdiff_t kH, ptrdiff_t kW, ptrdiff_t sH, ptrdiff_t sW,
     ptrdiff_t pH, ptrdiff_t pW, const ptrdiff_t *blocks, ptrdiff_t blockCount) {
    __m512 total[TILE_PIXELS][VECTORS];
    for (int r = 0; r < count; r++)
        for (int v = 0; v < VECTORS; v++) total[r][v] = _mm512_setzero_ps();
    float tapSum[TILE_PIXELS][TILE_CHANNELS] __attribute__((aligned(64)));
    const ptrdiff_t channelStride = inHeight * paddedWidth;
    for (ptrdiff_t ki = 0; ki < kH; ki++) {
        const ptrdiff_t dy = y + pH - ki;
        if (dy < 0 || dy % sH != 0 || dy / sH >= inHeight) continue;
        const ptrdiff_t oy = dy / sH;
        for (ptrdiff_t kj = 0; kj < kW; kj++) {
            const ptrdiff_t dx = x0 + pW - kj;
            if (dx % sW != 0) continue;
            // dx is a multiple of sW, so the division is exact even when dx < 0 (the margin).
            const float *in = x + (n * channels * inHeight + oy) * paddedWidth + leftMargin + dx / sW;
            const float *w = weight + (ki * kW + kj) * channels * outChannels + o0;
            for (ptrdiff_t b = 0; b < blockCount; b++) {
                __m512 acc[TILE_PIXELS][VECTORS];
                for (int r = 0; r < count; r++)
                    for (int v = 0; v < VECTORS; v++) acc[r][v] = _mm512_setzero_ps();
                for (ptrdiff_t c = 0; c < blocks[b]; c++, in += channelStride, w += outChannels) {
                    const __m512 w0 = _mm512_loadu_ps(w), w1 = _mm512_loadu_ps(w + 16);
                    for (int r = 0; r < count; r++) {
                        const __m512 a = _mm512_set1_ps(in[r]);
                        acc[r][0] = _mm512_fmadd_ps(a, w0, acc[r][0]);
                        acc[r][1] = _mm512_fmadd_ps(a, w1, acc[r][1]);
                    }
                }
                if (blockCount == 1) {
                    for (int r = 0; r < count; r++)
                        for (int v = 0; v < VECTORS; v++) total[r][v] = _mm512_add_ps(total[r][v], acc[r][v]);
                } else {
                    // The tap's element of cols is the blocks' sums added in turn (C += block).
                    for (int r = 0; r < count; r++)
                        for (int v = 0; v < VECTORS; v++) {
                            float *s = &tapSum[r][16 * v];
                            _mm512_store_ps(s, b == 0 ? acc[r][v] : _mm512_add_ps(_mm512_load_ps(s), acc[r][v]));
                        }
                }
            }
            if (blockCount > 1)
                for (int r = 0; r < count; r++)
                    for (int v = 0; v < VECTORS; v++) total[r][v] = _mm512_add_ps(total[r][v], _mm512_load_ps(&tapSum[r][16 * v]));
        }
    }
    float result[TILE_PIXELS][TILE_CHANNELS] __attribute__((aligned(64)));
    for (int r = 0; r < count; r++)
        for (int v = 0; v < VECTORS; v++) _mm512_store_ps(&result[r][16 * v], total[r][v]);
    for (ptrdiff_t o = 0; o < TILE_CHANNELS; o++) {
        float *to = out + ((n * outChannels + o0 + o) * height + y) * width + x0;
        for (int r = 0; r < count; r++) to[sW * r] = result[r][o];
    }
}

__attribute__((target("avx512f")))
void minimax_transposed_conv_rows(const float *x, const float *weight, float *out, ptrdiff_t channels,
                                  ptrdiff_t outChannels, ptrdiff_t inHeight, ptrdiff_t paddedWidth,
                                  ptrdiff_t leftMargin, ptrdiff_t height, ptrdiff_t width, ptrdiff_t kernelHeight,
                                  ptrdiff_t kernelWidth, ptrdiff_t strideHeight, ptrdiff_t strideWidth,
                                  ptrdiff_t paddingHeight, ptrdiff_t paddingWidth, const ptrdiff_t *blocks,
                                  ptrdiff_t blockCount, ptrdiff_t rowStart, ptrdiff_t rowEnd) {
    for (ptrdiff_t row = rowStart; row < rowEnd; row++) {
        const ptrdiff_t n = row / height, y = row % height;
        for (ptrdiff_t first = 0; first < strideWidth && first < width; first++) {
            const ptrdiff_t pixels = (width - first + strideWidth - 1) / strideWidth;
            for (ptrdiff_t r0 = 0; r0 < pixels; r0 += TILE_PIXELS) {
                const ptrdiff_t x0 = first + strideWidth * r0;
                const ptrdiff_t left = pixels - r0;
                for (ptrdiff_t o0 = 0; o0 < outChannels; o0 += TILE_CHANNELS) {
#define MINIMAX_TILE(count)                                                                                     \
    tile(x, weight, out, count, n, y, x0, o0, channels, outChannels, inHeight, paddedWidth, leftMargin, height,  \
         width, kernelHeight, kernelWidth, strideHeight, strideWidth, paddingHeight, paddingWidth, blocks,       \
         blockCount)
                    switch (left >= TILE_PIXELS ? TILE_PIXELS : left) {
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
}

#else

int minimax_direct_convolutions_supported(void) { return 0; }

void minimax_transposed_conv_rows(const float *x, const float *weight, float *out, ptrdiff_t channels,
                                  ptrdiff_t outChannels, ptrdiff_t inHeight, ptrdiff_t paddedWidth,
                                  ptrdiff_t leftMargin, ptrdiff_t height, ptrdiff_t width, ptrdiff_t kernelHeight,
                                  ptrdiff_t kernelWidth, ptrdiff_t strideHeight, ptrdiff_t strideWidth,
                                  ptrdiff_t paddingHeight, ptrdiff_t paddingWidth, const ptrdiff_t *blocks,
                                  ptrdiff_t blockCount, ptrdiff_t rowStart, ptrdiff_t rowEnd) {}

#endif
