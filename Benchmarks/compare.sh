#!/usr/bin/env bash
# Runs the three reference workloads with minimax, PyTorch and JAX on 1 and 2 threads, one
# tool after the other, and prints one table with Minimax's ratio to each peer.
# Not part of CI. Usage (from the repository root, after `swift build -c release`):
#
#   Benchmarks/compare.sh [--repeats N] [--seconds S] [--workload toy2d|toy2d-wgangp|dcgan-mnist|all]
#                         [--minimax-kernel NAME ...]
#
# --minimax-kernel NAME (repeatable) also runs Minimax with OPENBLAS_CORETYPE=NAME (e.g. Cooperlake),
# as an extra column: OpenBLAS reads that variable only at load, and minimax pins OpenBLAS's
# Haswell kernel (AVX2) unless the variable is set (README, "BLAS kernel").
#
# Environment: MINIMAX (default .build/release/minimax), TORCH_PYTHON (default
# /tmp/torchenv/bin/python), JAX_PYTHON (default /tmp/jaxenv/bin/python); a peer whose Python
# is missing is skipped. JSON results are kept in $OUT (default a temporary folder).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repeats=5; seconds=1; workload=all; kernels=()
while [ $# -gt 0 ]; do
  case "$1" in
    --repeats) repeats="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --workload) workload="$2"; shift 2 ;;
    --minimax-kernel) kernels+=("$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
minimax="${MINIMAX:-.build/release/minimax}"
torch_python="${TORCH_PYTHON:-/tmp/torchenv/bin/python}"
jax_python="${JAX_PYTHON:-/tmp/jaxenv/bin/python}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
[ -x "$minimax" ] || { echo "no $minimax: run swift build -c release first" >&2; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
if [ "$workload" = all ]; then workloads=(toy2d toy2d-wgangp dcgan-mnist); else workloads=("$workload"); fi
# One process per tool, workload and thread count, so peak memory is that workload's own; the
# tools take turns, so a burst of load from elsewhere hits all of them alike.
for threads in 1 2; do
  for w in "${workloads[@]}"; do
    common=("$w" --threads "$threads" --repeats "$repeats" --seconds "$seconds" --json)
    echo "threads $threads, $w: minimax" >&2
    "$minimax" bench "${common[@]}" > "$out/minimax-$threads-$w.json"
    for k in ${kernels[@]+"${kernels[@]}"}; do
      echo "threads $threads, $w: minimax with OPENBLAS_CORETYPE=$k" >&2
      OPENBLAS_CORETYPE="$k" "$minimax" bench "${common[@]}" > "$out/minimax_$k-$threads-$w.json"
    done
    if [ -x "$torch_python" ]; then
      echo "threads $threads, $w: PyTorch" >&2
      "$torch_python" "$here/pytorch_workloads.py" "${common[@]}" > "$out/pytorch-$threads-$w.json"
    fi
    if [ -x "$jax_python" ]; then
      echo "threads $threads, $w: JAX" >&2
      "$jax_python" "$here/jax_workloads.py" "${common[@]}" 2>/dev/null > "$out/jax-$threads-$w.json"
    fi
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/compare_table.py" "$out"
