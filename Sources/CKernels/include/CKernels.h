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

/// One row of a masked gradient and its running column sums: for j in [0, n),
///
///     out[j] = g[j] * (x[j] > 0 ? 1 : slope);   sums[j] = sums[j] + (double)out[j]
///
/// (the pullback of relu / leakyReLU and the bias gradient's Σ over rows, in Double, rows in
/// the caller's order). `out` must not overlap the inputs.
void minimax_slope_mask_row_sums(const float *g, const float *x, float *out, double *sums, ptrdiff_t n, float slope);

/// `RowSums.add` for the first rows in groups of eight: sums[r] += Σ_p terms[r·length + p] (or
/// −=, each term's Double subtracted), p in order, one Double addition per term, for r in
/// [0, done). Returns done: a multiple of 8 (0 when the CPU lacks AVX-512F or rows or length
/// is under 8); the caller sums the rows from there.
ptrdiff_t minimax_row_sums_blocks(const float *terms, ptrdiff_t rows, ptrdiff_t length, double *sums, int subtracting);

/// sums[i] += (double)terms[i] (or −=) for i in [0, n): rows of length 1. The arrays must not overlap.
void minimax_add_doubles(const float *terms, ptrdiff_t n, double *sums, int subtracting);

/// Batch norm's elementwise passes over n elements, each rounded exactly as the Swift
/// composition's float operations in this order. A parameter p is read as p[i·s]: s = 0 for one
/// channel's row (p[0] throughout), s = 1 for a row across channels. weight (and bias) may be NULL.
///
///     squares:            d = x − m; out = d·d
///     normalize:          out = (x − m) / sd · w + b, or (x − m) / sd
///     normalized_product: out = g · ((x − m) / sd)
///     deviation_terms:    out = −(g · w · (x − m)) / (sd · sd), or −(g · (x − m)) / (sd · sd)
///     centred_gradient:   t = dv · (x − m); out = (g · w / sd + t) + t, or (g / sd + t) + t
void minimax_bn_squares(const float *x, const float *mean, ptrdiff_t s, float *out, ptrdiff_t n);
void minimax_bn_normalize(const float *x, const float *mean, const float *std, const float *weight, const float *bias,
                          ptrdiff_t s, float *out, ptrdiff_t n);
void minimax_bn_normalized_product(const float *g, const float *x, const float *mean, const float *std, ptrdiff_t s,
                                   float *out, ptrdiff_t n);
void minimax_bn_deviation_terms(const float *g, const float *x, const float *mean, const float *std,
                                const float *weight, ptrdiff_t s, float *out, ptrdiff_t n);
void minimax_bn_centred_gradient(const float *g, const float *x, const float *mean, const float *std, const float *dv,
                                 const float *weight, ptrdiff_t s, float *out, ptrdiff_t n);

/// Elementwise over [0, n), out not overlapping the inputs:
///
///     relu:       out = (x > 0 or x is NaN) ? x : +0
///     leaky_relu: out = x > 0 ? x : x · slope
///     slope_mask: out = g · (x > 0 ? 1 : slope)   (the pullback of both; slope 0 for relu)
void minimax_relu(const float *x, float *out, ptrdiff_t n);
void minimax_leaky_relu(const float *x, float *out, ptrdiff_t n, float slope);
void minimax_slope_mask(const float *g, const float *x, float *out, ptrdiff_t n, float slope);

/// What `minimax_bias_activation` does to each element after adding the bias.
typedef enum { MINIMAX_IDENTITY = 0, MINIMAX_RELU = 1, MINIMAX_LEAKY_RELU = 2 } minimax_activation;

/// The finish of a fused linear layer on rows [rowStart, rowEnd), columns [colStart, colEnd) of
/// a row-major product with `width` columns: v = c + bias[j] (c alone when `bias` is NULL),
/// then relu(v) = (v > 0 or NaN) ? v : +0, or leakyReLU(v) = v > 0 ? v : v * slope, in place.
void minimax_bias_activation(float *product, ptrdiff_t width, ptrdiff_t rowStart, ptrdiff_t rowEnd,
                             ptrdiff_t colStart, ptrdiff_t colEnd, const float *bias, minimax_activation activation,
                             float slope);

/// The transpose of src `[rows, columns]` (row-major) into dst, whose rows are `dstRowLength`
/// long: dst[j·dstRowLength + i] = src[i·columns + j] (no overlap). With `dstRowLength` = rows
/// that is the whole `[columns, rows]` transpose; larger, a band of a bigger one.
void minimax_transpose(const float *src, float *dst, ptrdiff_t rows, ptrdiff_t columns, ptrdiff_t dstRowLength);

/// Planes [planeStart, planeEnd) of src `[planes, inHeight, inWidth]` copied into dst `[planes,
/// height, width]` at row `top`, column `left`, every other element of those planes set to +0.
void minimax_pad_planes(const float *src, float *dst, ptrdiff_t planeStart, ptrdiff_t planeEnd, ptrdiff_t inHeight,
                        ptrdiff_t inWidth, ptrdiff_t top, ptrdiff_t left, ptrdiff_t height, ptrdiff_t width);

/// Whether this CPU can run the direct convolution kernels (`minimax_transposed_conv_rows`,
/// `minimax_conv2d_rows`, `minimax_conv2d_weight_gradient_taps`): they need AVX-512F.
int minimax_direct_convolutions_supported(void);

/// Output rows [rowStart, rowEnd) (row n·height + y) of a transposed convolution computed
/// without a column matrix, each element summed exactly as `Im2Col.product` then `Im2Col.image`
/// sum it when OpenBLAS sums every product in k order (one fused multiply-add chain from +0 per
/// k block, the blocks added in turn): for each output pixel, the taps (ki, kj) that reach it in
/// that order, from +0, and for each tap the chain over the input channels, cut into the
/// `blockCount` blocks of `blocks` (lengths summing to `channels`).
///
/// - `x`: the input `[N, channels, inHeight, paddedWidth]`, image columns starting at
///   `leftMargin`, the margins zero (wide enough for every tap's reads);
/// - `weight`: `[kH·kW, channels, outChannels]` (tap-major; `outChannels` a multiple of 64);
/// - `out`: `[N, outChannels, height, width]`; every element of the rows is written.
void minimax_transposed_conv_rows(const float *x, const float *weight, float *out, ptrdiff_t channels,
                                  ptrdiff_t outChannels, ptrdiff_t inHeight, ptrdiff_t paddedWidth,
                                  ptrdiff_t leftMargin, ptrdiff_t height, ptrdiff_t width, ptrdiff_t kernelHeight,
                                  ptrdiff_t kernelWidth, ptrdiff_t strideHeight, ptrdiff_t strideWidth,
                                  ptrdiff_t paddingHeight, ptrdiff_t paddingWidth, const ptrdiff_t *blocks,
                                  ptrdiff_t blockCount, ptrdiff_t rowStart, ptrdiff_t rowEnd);

/// Output rows [rowStart, rowEnd) (row n·outHeight + oy) of conv2d computed without a column
/// matrix, each element summed as `Im2Col.productBatchMajor` sums it when OpenBLAS sums in k
/// order: k = (c, ki, kj) in order, cut into the `blockCount` `blocks`, each block one fused
/// multiply-add chain from +0, the blocks added in turn; then + bias[o] when `bias` is not NULL.
///
/// - `x`: the zero-padded input `[N, channels, paddedHeight, paddedWidth]` (every tap inside);
/// - `weight`: `[outChannels / 32, channels·kH·kW, 32]`, each 32 output channels' k-major panel
///   (`outChannels` a multiple of 64), so that a tile reads its weights front to back;
/// - `tapOffsets[k]`: where tap k of a window sits from the window's corner in channel 0;
/// - `out`: `[N, outChannels, outHeight, outWidth]`; every element of the rows is written.
void minimax_conv2d_rows(const float *x, const float *weight, const float *bias, float *out, ptrdiff_t channels,
                         ptrdiff_t outChannels, ptrdiff_t paddedHeight, ptrdiff_t paddedWidth, ptrdiff_t outHeight,
                         ptrdiff_t outWidth, ptrdiff_t strideHeight, ptrdiff_t strideWidth, const ptrdiff_t *tapOffsets,
                         const ptrdiff_t *blocks, ptrdiff_t blockCount, ptrdiff_t rowStart, ptrdiff_t rowEnd);

/// Taps [tapStart, tapEnd) of conv2d's weight gradient dw `[outChannels, channels, kH, kW]`
/// (`taps` = kH·kW), dw[o, c, t] = Σ_p g[p, o]·x(p, c, t), summed as the GEMM g · colsᵀ sums it
/// when OpenBLAS sums in k order: pixels p = (n, oy, ox) in order, cut into the `blocks`, each
/// one chain from +0, the blocks added in turn.
///
/// - `x`: the zero-padded input as for `minimax_conv2d_rows`;
/// - `gradient`: `[outChannels / 64, N·outHeight·outWidth, 64]`, each 64 output channels
///   pixel-major (`outChannels` a multiple of 64);
/// - `pixelOffsets[p]`: where pixel p's window corner sits in x's channel 0 of its image;
/// - `scratch`: taps·channels·outChannels floats, of which these taps' share is used.
void minimax_conv2d_weight_gradient_taps(const float *x, const float *gradient, float *dw, float *scratch,
                                         ptrdiff_t channels, ptrdiff_t outChannels, ptrdiff_t paddedHeight,
                                         ptrdiff_t paddedWidth, ptrdiff_t kernelWidth, ptrdiff_t taps,
                                         const ptrdiff_t *pixelOffsets, const ptrdiff_t *blocks, ptrdiff_t blockCount,
                                         ptrdiff_t tapStart, ptrdiff_t tapEnd);

#endif
