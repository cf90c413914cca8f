// The order in which OpenBLAS 0.3.21's SkylakeX sgemm sums each element of C = A·B, as measured by
// sgemm_order_shim.c (no mismatch on any large GEMM of a DCGAN-MNIST iteration): k is cut into
// blocks by the level-3 driver's rule below (GEMM_Q = 448, GEMM_UNROLL_M = 16); within a block the
// products are added in k order by one fused multiply-add chain from +0; C += each block's sum.
#pragma once

enum { SKYLAKEX_SGEMM_Q = 448, SKYLAKEX_SGEMM_UNROLL_M = 16 };

/// Length of the next k block when `remaining` products are left.
static inline int skylakex_k_block(int remaining) {
    if (remaining >= 2 * SKYLAKEX_SGEMM_Q) return SKYLAKEX_SGEMM_Q;
    if (remaining > SKYLAKEX_SGEMM_Q)
        return ((remaining / 2 + SKYLAKEX_SGEMM_UNROLL_M - 1) / SKYLAKEX_SGEMM_UNROLL_M) * SKYLAKEX_SGEMM_UNROLL_M;
    return remaining;
}

// DCGAN-MNIST's Conv2d(64, 128, 4, 2, 1) on a batch of 64 (97% of the convolution FLOPs).
enum { N = 64, CI = 64, H = 14, W = 14, CO = 128, HO = 7, WO = 7, KK = 4, S = 2, PAD = 1 };
enum { K = CI * KK * KK, P = N * HO * WO };

#include <time.h>
static inline double now_seconds(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

/// The engine's column matrix: row (ci·4 + ki)·4 + kj, column (n, oh, ow); 0 outside the image.
static void im2col(const float *x, float *col) {
    for (int ci = 0; ci < CI; ci++) for (int ki = 0; ki < KK; ki++) for (int kj = 0; kj < KK; kj++) {
        float *row = col + (size_t)((ci * KK + ki) * KK + kj) * P;
        for (int n = 0; n < N; n++) {
            const float *plane = x + ((size_t)n * CI + ci) * H * W;
            for (int oh = 0; oh < HO; oh++) {
                int ih = oh * S + ki - PAD;
                float *dst = row + (n * HO + oh) * WO;
                for (int ow = 0; ow < WO; ow++) {
                    int iw = ow * S + kj - PAD;
                    dst[ow] = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? plane[ih * W + iw] : 0;
                }
            }
        }
    }
}

/// [N, C, P] → [C, N, P], the layout the engine's GEMMs read.
static void channel_major(const float *x, float *out, int channels, int plane) {
    for (int n = 0; n < N; n++) for (int c = 0; c < channels; c++)
        for (int q = 0; q < plane; q++) out[((size_t)c * N + n) * plane + q] = x[((size_t)n * channels + c) * plane + q];
}

static void fill_uniform(float *x, long count, unsigned seed) {
    srand(seed);
    for (long i = 0; i < count; i++) x[i] = rand() / (float)RAND_MAX - 0.5f;
}

static long same_bits(const float *a, const float *b, long count) {
    long same = 0;
    for (long i = 0; i < count; i++) same += !memcmp(&a[i], &b[i], sizeof(float));
    return same;
}
