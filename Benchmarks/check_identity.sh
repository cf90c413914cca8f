#!/usr/bin/env bash
# Checks that a build of minimax computes the same bits as a reference build on the three
# reference workloads, for several thread counts: every iteration's D and G loss (as bit
# patterns) and a hash of all parameters, buffers and optimizer state must agree with the
# reference build's one-thread run.
#
#   Benchmarks/check_identity.sh REFERENCE_BINARY [CANDIDATE_BINARY] [ITERATIONS] [THREADS...]
#
# e.g. build main, copy its .build/release/minimax to /tmp/minimax-main, then from a branch:
#   Benchmarks/check_identity.sh /tmp/minimax-main .build/release/minimax 3 1 2 3
# Exit status 0 when everything matches, 1 otherwise (the differing lines are printed).
set -euo pipefail

reference=${1:?usage: check_identity.sh REFERENCE_BINARY [CANDIDATE_BINARY] [ITERATIONS] [THREADS...]}
candidate=${2:-.build/release/minimax}
iterations=${3:-3}
shift $(( $# < 3 ? $# : 3 ))
threads=("$@")
[ ${#threads[@]} -gt 0 ] || threads=(1 2)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for workload in toy2d toy2d-wgangp dcgan-mnist; do
    "$reference" bench "$workload" --threads 1 --fingerprint "$iterations" | sed 's/ threads=[0-9]*//' > "$work/expected"
    for t in "${threads[@]}"; do
        "$candidate" bench "$workload" --threads "$t" --fingerprint "$iterations" | sed 's/ threads=[0-9]*//' > "$work/actual"
        if diff -q "$work/expected" "$work/actual" > /dev/null; then
            echo "same bits: $workload, $iterations iterations, $t thread(s)"
        else
            echo "DIFFERENT: $workload, $t thread(s) (reference 1 thread < > candidate)"
            diff "$work/expected" "$work/actual" || true
            status=1
        fi
    done
done
echo "reference: $(tail -n 1 "$work/expected")"
exit $status
