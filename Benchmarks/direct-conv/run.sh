#!/usr/bin/env bash
# Builds and runs the direct-convolution experiments (README.md) under OpenBLAS kernel CORE
# (default SkylakeX):  Benchmarks/direct-conv/run.sh [CORE]
# Needs gcc, libopenblas-dev, an AVX-512 CPU and a release build of minimax (swift build -c release).
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
grep -q avx512f /proc/cpuinfo || { echo "run.sh: this CPU has no AVX-512F" >&2; exit 1; }
flags=(-O3 -march=native -ffp-contract=off)
gcc "${flags[@]}" -o "$out/forward" forward.c -lopenblas -lm
gcc "${flags[@]}" -shared -fPIC -o "$out/sgemm_order_shim.so" sgemm_order_shim.c -ldl -lm
export OPENBLAS_CORETYPE=${1:-SkylakeX}
echo "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"
"$out/forward"
SHIM_LOG="$out/calls" LD_PRELOAD="$out/sgemm_order_shim.so" \
    ../../.build/release/minimax bench dcgan-mnist --threads 1 --repeats 1 --seconds 0.5 > /dev/null
echo "products that disagree (transposes, shape, beta, elements of 64):"
grep -v 'differ=0$' "$out/calls" | sed 's/ differ=[0-9]*$//' | sort | uniq -c || echo "  none"
