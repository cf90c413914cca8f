#ifndef MINIMAX_CKERNELS_H
#define MINIMAX_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Adam's update without weight decay or amsgrad, for elements [0, n):
///
///     m[j] = beta1 * m[j] + (1 - beta1) * g[j]
///     v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j]
///     updated[j] = theta[j] - stepSize * m[j] / (sqrt(v[j]) / sqrtCorrection2 + eps)
///
/// each operation rounded to float in this order (no fused multiply-adds), so every CPU and
/// every vector width gives the same bits as the scalar loop. The five arrays must not overlap.
void minimax_adam_plain_update(const float *theta, const float *gradient, float *m, float *v, float *updated,
                               ptrdiff_t n, float beta1, float beta2, float stepSize, float sqrtCorrection2,
                               float eps);

/// Philox4x32-10 blocks `first`, `first + 1`, … (`count` of them) of a stream: block i's counter
/// is (lo(i), hi(i), lo(nameHash), hi(nameHash)), its key (lo(key), hi(key)); its four words go
/// to out[4i ..< 4i + 4], word 0 first. The same function as Swift's `Philox4x32.block`, many
/// blocks at a time (integer arithmetic only, so every vector width gives the same words).
void minimax_philox4x32_blocks(uint64_t first, ptrdiff_t count, uint64_t nameHash, uint64_t key, uint32_t *out);

#endif
