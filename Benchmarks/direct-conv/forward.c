// Conv2d(64, 128, 4, 2, 1) forward, batch 64, one thread:
// (a) the engine's way: im2col, then one sgemm weight[128, 1024] · cols[1024, 3136];
// (b) direct: no column matrix. A tile is one output row (7 pixels) × 64 output channels, 28
//     AVX-512 accumulators; each input value is broadcast straight from a zero-padded copy of
//     the input, the weights are read transposed ([k][co]). The k loop is cut into blocks as
//     OpenBLAS's SkylakeX sgemm cuts it and each block summed in k order, so (b) must give
//     (a)'s bits exactly under OPENBLAS_CORETYPE=SkylakeX; the program counts the elements that do.
#include <cblas.h>
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "skylakex_order.h"
void openblas_set_num_threads(int);
enum { HP = H + 2 * PAD, WP = 16 };

static void pad_input(const float *x, float *xp) {  // [N][CI][HP][WP], zero border
    memset(xp, 0, sizeof(float) * N * CI * HP * WP);
    for (int nc = 0; nc < N * CI; nc++) for (int i = 0; i < H; i++)
        memcpy(xp + ((size_t)nc * HP + i + PAD) * WP + PAD, x + ((size_t)nc * H + i) * W, sizeof(float) * W);
}
static void transpose_weight(const float *w, float *wt) {  // [CO][K] → [K][CO]
    for (int k = 0; k < K; k++) for (int co = 0; co < CO; co++) wt[(size_t)k * CO + co] = w[(size_t)co * K + k];
}
static int tap_offset[K];  // where tap k of a window sits in the padded input, from the window's corner

static void direct_forward(const float *xp, const float *wt, float *y /* [N][CO][HO][WO] */) {
    for (int n = 0; n < N; n++) for (int oh = 0; oh < HO; oh++) {
        const float *corner = xp + (size_t)n * CI * HP * WP + oh * S * WP;
        for (int cb = 0; cb < CO; cb += 64) {
            float sum[WO][64] __attribute__((aligned(64)));
            for (int k0 = 0; k0 < K;) {
                int k1 = k0 + skylakex_k_block(K - k0);
                __m512 acc[WO][4];
                for (int r = 0; r < WO; r++) for (int v = 0; v < 4; v++) acc[r][v] = _mm512_setzero_ps();
                const float *wk = wt + (size_t)k0 * CO + cb;
                for (int k = k0; k < k1; k++, wk += CO) {
                    const float *tap = corner + tap_offset[k];
                    __m512 w0 = _mm512_loadu_ps(wk), w1 = _mm512_loadu_ps(wk + 16), w2 = _mm512_loadu_ps(wk + 32), w3 = _mm512_loadu_ps(wk + 48);
                    for (int r = 0; r < WO; r++) {
                        __m512 a = _mm512_set1_ps(tap[S * r]);
                        acc[r][0] = _mm512_fmadd_ps(a, w0, acc[r][0]);
                        acc[r][1] = _mm512_fmadd_ps(a, w1, acc[r][1]);
                        acc[r][2] = _mm512_fmadd_ps(a, w2, acc[r][2]);
                        acc[r][3] = _mm512_fmadd_ps(a, w3, acc[r][3]);
                    }
                }
                for (int r = 0; r < WO; r++) for (int v = 0; v < 4; v++)
                    _mm512_store_ps(&sum[r][16 * v], k0 == 0 ? acc[r][v] : _mm512_add_ps(_mm512_load_ps(&sum[r][16 * v]), acc[r][v]));
                k0 = k1;
            }
            for (int c = 0; c < 64; c++) {
                float *dst = y + (((size_t)n * CO + cb + c) * HO + oh) * WO;
                for (int r = 0; r < WO; r++) dst[r] = sum[r][c];
            }
        }
    }
}

int main(void) {
    openblas_set_num_threads(1);
    float *x = aligned_alloc(64, sizeof(float) * N * CI * H * W), *w = aligned_alloc(64, sizeof(float) * CO * K);
    float *col = aligned_alloc(64, sizeof(float) * (size_t)K * P), *y_gemm = aligned_alloc(64, sizeof(float) * CO * P);
    float *wt = aligned_alloc(64, sizeof(float) * CO * K), *y_direct = aligned_alloc(64, sizeof(float) * CO * P);
    float *xp = aligned_alloc(64, sizeof(float) * N * CI * HP * WP), *y_cm = aligned_alloc(64, sizeof(float) * CO * P);
    fill_uniform(x, (long)N * CI * H * W, 1);
    fill_uniform(w, (long)CO * K, 2);
    for (int k = 0; k < K; k++) { int ci = k / 16, t = k % 16; tap_offset[k] = ci * HP * WP + (t / KK) * WP + t % KK; }
    double best_gemm = 1e9, best_im2col = 1e9, best_direct = 1e9;
    for (int rep = 0; rep < 30; rep++) {
        double t0 = now_seconds(); im2col(x, col); double t1 = now_seconds();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, CO, P, K, 1, w, K, col, P, 0, y_gemm, P);
        double t2 = now_seconds();
        transpose_weight(w, wt); pad_input(x, xp); direct_forward(xp, wt, y_direct);
        double t3 = now_seconds();
        if (t2 - t0 < best_gemm) best_gemm = t2 - t0;
        if (t1 - t0 < best_im2col) best_im2col = t1 - t0;
        if (t3 - t2 < best_direct) best_direct = t3 - t2;
    }
    channel_major(y_direct, y_cm, CO, HO * WO);
    double flop = 2.0 * CO * K * P;
    printf("forward: same bits in %ld of %d outputs\n", same_bits(y_gemm, y_cm, (long)CO * P), CO * P);
    printf("forward: im2col + sgemm %.3f ms (im2col %.3f), %.0f GFLOP/s; direct %.3f ms (with its weight transpose and padding), %.0f GFLOP/s\n",
           best_gemm * 1e3, best_im2col * 1e3, flop / best_gemm * 1e-9, best_direct * 1e3, flop / best_direct * 1e-9);
    return 0;
}
