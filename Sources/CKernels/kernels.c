// Elementwise loops that Swift cannot vectorise well: its `squareRoot()` on SIMD vectors is a
// scalar `sqrtss` plus an errno check per lane, and it only targets SSE2. Here clang vectorises
// with `sqrtps`/`divps`, and `target_clones` adds AVX2 and AVX-512 versions picked at load
// time from the CPU (no binary that fails on older CPUs). Built with -ffp-contract=off and
// -fno-math-errno: no fused multiply-adds, so every version rounds exactly like the scalar code.
#include "CKernels.h"
#include <math.h>

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__linux__)
#define MINIMAX_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MINIMAX_CLONES
#endif

MINIMAX_CLONES
void minimax_adam_plain_update(const float *restrict theta, const float *restrict gradient, float *restrict m,
                               float *restrict v, float *restrict updated, ptrdiff_t n, float beta1, float beta2, float stepSize,
                               float sqrtCorrection2, float eps) {
    const float c1 = 1 - beta1, c2 = 1 - beta2;
    for (ptrdiff_t j = 0; j < n; j++) {
        const float g = gradient[j];
        const float mj = beta1 * m[j] + c1 * g;
        const float vj = beta2 * v[j] + c2 * g * g;
        m[j] = mj;
        v[j] = vj;
        updated[j] = theta[j] - stepSize * mj / (sqrtf(vj) / sqrtCorrection2 + eps);
    }
}

MINIMAX_CLONES
void minimax_philox4x32_blocks(uint64_t first, ptrdiff_t count, uint64_t nameHash, uint64_t key, uint32_t *out) {
    const uint32_t c2 = (uint32_t)nameHash, c3 = (uint32_t)(nameHash >> 32);
    const uint32_t k0 = (uint32_t)key, k1 = (uint32_t)(key >> 32);
    for (ptrdiff_t b = 0; b < count; b++) {
        const uint64_t index = first + (uint64_t)b;
        uint32_t x0 = (uint32_t)index, x1 = (uint32_t)(index >> 32), x2 = c2, x3 = c3;
        uint32_t key0 = k0, key1 = k1;
        for (int round = 0; round < 10; round++) {
            const uint64_t p0 = (uint64_t)0xD2511F53u * x0, p1 = (uint64_t)0xCD9E8D57u * x2;
            const uint32_t y0 = (uint32_t)(p1 >> 32) ^ x1 ^ key0, y2 = (uint32_t)(p0 >> 32) ^ x3 ^ key1;
            x1 = (uint32_t)p1;
            x3 = (uint32_t)p0;
            x0 = y0;
            x2 = y2;
            key0 += 0x9E3779B9u;
            key1 += 0xBB67AE85u;
        }
        out[4 * b] = x0;
        out[4 * b + 1] = x1;
        out[4 * b + 2] = x2;
        out[4 * b + 3] = x3;
    }
}

MINIMAX_CLONES
void minimax_slope_mask_row_sums(const float *restrict g, const float *restrict x, float *restrict out,
                                 double *restrict sums, ptrdiff_t n, float slope) {
    for (ptrdiff_t j = 0; j < n; j++) {
        const float v = g[j] * (x[j] > 0 ? 1.0f : slope);
        out[j] = v;
        sums[j] = sums[j] + (double)v;
    }
}

MINIMAX_CLONES
void minimax_bias_activation(float *product, ptrdiff_t width, ptrdiff_t rowStart, ptrdiff_t rowEnd,
                             ptrdiff_t colStart, ptrdiff_t colEnd, const float *bias, minimax_activation activation,
                             float slope) {
    const ptrdiff_t n = colEnd - colStart;
    const float zero = 0.0f;
    for (ptrdiff_t r = rowStart; r < rowEnd; r++) {
        float *restrict row = product + r * width + colStart;
        const float *restrict b = bias ? bias + colStart : NULL;
        switch (activation) {
        case MINIMAX_IDENTITY:
            if (b) for (ptrdiff_t j = 0; j < n; j++) row[j] = row[j] + b[j];
            break;
        case MINIMAX_RELU:
            if (b) {
                for (ptrdiff_t j = 0; j < n; j++) {
                    const float v = row[j] + b[j];
                    row[j] = (v > 0 || v != v) ? v : zero;
                }
            } else {
                for (ptrdiff_t j = 0; j < n; j++) {
                    const float v = row[j];
                    row[j] = (v > 0 || v != v) ? v : zero;
                }
            }
            break;
        case MINIMAX_LEAKY_RELU:
            if (b) {
                for (ptrdiff_t j = 0; j < n; j++) {
                    const float v = row[j] + b[j];
                    row[j] = v > 0 ? v : v * slope;
                }
            } else {
                for (ptrdiff_t j = 0; j < n; j++) {
                    const float v = row[j];
                    row[j] = v > 0 ? v : v * slope;
                }
            }
            break;
        }
    }
}

// Batch norm's elementwise passes (`BatchNormLayout`), each element's operations in the order
// the Swift composition makes them. A parameter p is read as p[i·s]: s = 0 for one channel's
// row (a single value), s = 1 for a row across channels ([N, C] input, one value per element).
#define MINIMAX_PARAMETER_LOOPS(s, n, body_scalar, body_row)                                                       \
    if ((s) == 0) {                                                                                                \
        for (ptrdiff_t i = 0; i < (n); i++) { body_scalar; }                                                       \
    } else {                                                                                                       \
        for (ptrdiff_t i = 0; i < (n); i++) { body_row; }                                                          \
    }

MINIMAX_CLONES
void minimax_bn_squares(const float *restrict x, const float *restrict mean, ptrdiff_t s, float *restrict out,
                        ptrdiff_t n) {
    const float m = mean[0];
    MINIMAX_PARAMETER_LOOPS(s, n, const float d = x[i] - m; out[i] = d * d,
                            const float d = x[i] - mean[i]; out[i] = d * d)
}

MINIMAX_CLONES
void minimax_bn_normalize(const float *restrict x, const float *restrict mean, const float *restrict std,
                          const float *restrict weight, const float *restrict bias, ptrdiff_t s, float *restrict out,
                          ptrdiff_t n) {
    const float m = mean[0], sd = std[0];
    if (weight) {
        const float w = weight[0], b = bias[0];
        MINIMAX_PARAMETER_LOOPS(s, n, out[i] = (x[i] - m) / sd * w + b,
                                out[i] = (x[i] - mean[i]) / std[i] * weight[i] + bias[i])
    } else {
        MINIMAX_PARAMETER_LOOPS(s, n, out[i] = (x[i] - m) / sd, out[i] = (x[i] - mean[i]) / std[i])
    }
}

MINIMAX_CLONES
void minimax_bn_normalized_product(const float *restrict g, const float *restrict x, const float *restrict mean,
                                   const float *restrict std, ptrdiff_t s, float *restrict out, ptrdiff_t n) {
    const float m = mean[0], sd = std[0];
    MINIMAX_PARAMETER_LOOPS(s, n, out[i] = g[i] * ((x[i] - m) / sd), out[i] = g[i] * ((x[i] - mean[i]) / std[i]))
}

MINIMAX_CLONES
void minimax_bn_deviation_terms(const float *restrict g, const float *restrict x, const float *restrict mean,
                                const float *restrict std, const float *restrict weight, ptrdiff_t s,
                                float *restrict out, ptrdiff_t n) {
    const float m = mean[0], square = std[0] * std[0];
    if (weight) {
        const float w = weight[0];
        MINIMAX_PARAMETER_LOOPS(s, n, out[i] = -(g[i] * w * (x[i] - m)) / square,
                                out[i] = -(g[i] * weight[i] * (x[i] - mean[i])) / (std[i] * std[i]))
    } else {
        MINIMAX_PARAMETER_LOOPS(s, n, out[i] = -(g[i] * (x[i] - m)) / square,
                                out[i] = -(g[i] * (x[i] - mean[i])) / (std[i] * std[i]))
    }
}

MINIMAX_CLONES
void minimax_bn_centred_gradient(const float *restrict g, const float *restrict x, const float *restrict mean,
                                 const float *restrict std, const float *restrict dv, const float *restrict weight,
                                 ptrdiff_t s, float *restrict out, ptrdiff_t n) {
    const float m = mean[0], sd = std[0], v = dv[0];
    if (weight) {
        const float w = weight[0];
        MINIMAX_PARAMETER_LOOPS(s, n, const float t = v * (x[i] - m); out[i] = (g[i] * w / sd + t) + t,
                                const float t = dv[i] * (x[i] - mean[i]); out[i] = (g[i] * weight[i] / std[i] + t) + t)
    } else {
        MINIMAX_PARAMETER_LOOPS(s, n, const float t = v * (x[i] - m); out[i] = (g[i] / sd + t) + t,
                                const float t = dv[i] * (x[i] - mean[i]); out[i] = (g[i] / std[i] + t) + t)
    }
}

// The piecewise-linear activations and their pullback, elementwise (`Tensor+Activations`).
MINIMAX_CLONES
void minimax_relu(const float *restrict x, float *restrict out, ptrdiff_t n) {
    for (ptrdiff_t i = 0; i < n; i++) out[i] = (x[i] > 0 || x[i] != x[i]) ? x[i] : 0.0f;
}

MINIMAX_CLONES
void minimax_leaky_relu(const float *restrict x, float *restrict out, ptrdiff_t n, float slope) {
    for (ptrdiff_t i = 0; i < n; i++) out[i] = x[i] > 0 ? x[i] : x[i] * slope;
}

MINIMAX_CLONES
void minimax_slope_mask(const float *restrict g, const float *restrict x, float *restrict out, ptrdiff_t n,
                        float slope) {
    for (ptrdiff_t i = 0; i < n; i++) out[i] = g[i] * (x[i] > 0 ? 1.0f : slope);
}

// Rows of one term (`RowSums` with length 1): independent additions, which clang vectorises.
MINIMAX_CLONES
void minimax_add_doubles(const float *restrict terms, ptrdiff_t n, double *restrict sums, int subtracting) {
    if (subtracting) {
        for (ptrdiff_t i = 0; i < n; i++) sums[i] = sums[i] - (double)terms[i];
    } else {
        for (ptrdiff_t i = 0; i < n; i++) sums[i] = sums[i] + (double)terms[i];
    }
}
