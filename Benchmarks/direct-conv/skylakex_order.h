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
