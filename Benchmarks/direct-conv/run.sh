#!/usr/bin/env bash
# Checks the cblas_sgemm calls of a DCGAN-MNIST iteration and of `minimax bench kernels` (which
# runs every DCGAN-MNIST convolution by its column route too) against the summation order in
# skylakex_order.h (README.md), under OpenBLAS kernel CORE (default SkylakeX):
#   Benchmarks/direct-conv/run.sh [CORE]
# Needs gcc, libopenblas-dev and a release build of minimax (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O2 -ffp-contract=off -shared -fPIC -o "$out/sgemm_order_shim.so" sgemm_order_shim.c -ldl -lm
export OPENBLAS_CORETYPE=${1:-SkylakeX}
echo "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"
SHIM_LOG="$out/iteration" LD_PRELOAD="$out/sgemm_order_shim.so" \
    ../../.build/release/minimax bench dcgan-mnist --threads 1 --repeats 1 --seconds 0.5 > /dev/null
SHIM_LOG="$out/kernels" LD_PRELOAD="$out/sgemm_order_shim.so" \
    ../../.build/release/minimax bench kernels --seconds 0.02 > /dev/null
cat "$out/iteration" "$out/kernels" > "$out/calls"
echo "products that disagree (transposes, shape, beta, elements of 64):"
grep -v 'differ=0$' "$out/calls" | sed 's/ differ=[0-9]*$//' | sort | uniq -c || echo "  none"
