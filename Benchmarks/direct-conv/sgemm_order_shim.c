// LD_PRELOAD shim that checks, on every cblas_sgemm call a program makes, whether OpenBLAS summed
// each element as skylakex_order.h says: 64 random elements per call are recomputed in that order
// and compared bit for bit. At exit it prints how many calls and elements disagreed. With
// SHIM_LOG=file it writes one line per call (transposes, m, n, k, beta, mismatches).
// Only row-major calls with alpha = 1 and beta ∈ {0, 1} (all that Minimax makes) are checked.
#define _GNU_SOURCE
#include <cblas.h>
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "skylakex_order.h"

typedef void (*sgemm_fn)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE, blasint, blasint, blasint, float,
                         const float *, blasint, const float *, blasint, float, float *, blasint);
static sgemm_fn real_sgemm;
static long calls, checked, mismatches, mismatched_calls, unchecked;
static FILE *call_log;
static _Thread_local unsigned sample_seed = 1;
// Band calls run on several threads at once (Engine.threads): count atomically.
#define COUNT(counter, amount) __atomic_fetch_add(&(counter), (amount), __ATOMIC_RELAXED)

static void report(void) {
    fprintf(stderr, "sgemm_order_shim: %ld calls (%ld not checked), %ld elements checked, %ld differ, in %ld calls\n",
            calls, unchecked, checked, mismatches, mismatched_calls);
}

__attribute__((constructor)) static void load(void) {
    real_sgemm = (sgemm_fn)dlsym(RTLD_NEXT, "cblas_sgemm");
    if (getenv("SHIM_LOG")) call_log = fopen(getenv("SHIM_LOG"), "w");
    atexit(report);
}

void cblas_sgemm(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE ta, enum CBLAS_TRANSPOSE tb, blasint m, blasint n, blasint k,
                 float alpha, const float *a, blasint lda, const float *b, blasint ldb, float beta, float *c, blasint ldc) {
    enum { SAMPLES = 64 };
    int rows[SAMPLES], cols[SAMPLES];
    float before[SAMPLES];
    for (int s = 0; s < SAMPLES; s++) {
        rows[s] = rand_r(&sample_seed) % m;
        cols[s] = rand_r(&sample_seed) % n;
        before[s] = beta == 0 ? 0 : c[(size_t)rows[s] * ldc + cols[s]];
    }
    real_sgemm(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    COUNT(calls, 1);
    if (order != CblasRowMajor || alpha != 1 || (beta != 0 && beta != 1)) { COUNT(unchecked, 1); return; }
    long bad = 0;
    for (int s = 0; s < SAMPLES; s++) {
        const int i = rows[s], j = cols[s];
        float sum = before[s];
        for (int start = 0; start < k;) {
            const int length = skylakex_k_block(k - start);
            float block = 0;
            for (int l = start; l < start + length; l++) {
                const float av = ta == CblasNoTrans ? a[(size_t)i * lda + l] : a[(size_t)l * lda + i];
                const float bv = tb == CblasNoTrans ? b[(size_t)l * ldb + j] : b[(size_t)j * ldb + l];
                block = fmaf(av, bv, block);
            }
            sum = sum + block;
            start += length;
        }
        if (memcmp(&sum, &c[(size_t)i * ldc + j], sizeof sum)) bad++;
    }
    COUNT(checked, SAMPLES);
    COUNT(mismatches, bad);
    if (bad) COUNT(mismatched_calls, 1);
    if (call_log)
        fprintf(call_log, "%c%c m=%d n=%d k=%d beta=%g differ=%ld\n", ta == CblasNoTrans ? 'N' : 'T',
                tb == CblasNoTrans ? 'N' : 'T', m, n, k, beta, bad);
}
