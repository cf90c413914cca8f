"""Prints the side-by-side table of `compare.sh` from its JSON files (<tool>-<threads>-<workload>.json).

A tool named `minimax_<Kernel>` is Minimax run with OPENBLAS_CORETYPE=<Kernel>; each Minimax
column gets its own ratios against the peers."""
import glob
import json
import os
import sys

folder = sys.argv[1]
peers = [("pytorch", "PyTorch"), ("jax", "JAX")]
rates = {}  # (tool, threads, workload) -> it/s
memory = {}
for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
    tool, threads = os.path.basename(path).split("-")[:2]
    with open(path) as f:
        report = json.load(f)
    for r in report["results"]:
        rates[(tool, int(threads), r["workload"])] = r["iterationsPerSecond"]
        memory[(tool, int(threads), r["workload"])] = r["peakMemoryMB"]
workloads = [w for w in ["toy2d", "toy2d-wgangp", "dcgan-mnist"] if ("minimax", 1, w) in rates]
variants = sorted({k[0] for k in rates if k[0].startswith("minimax_")})
ours = [("minimax", "Minimax")] + [(v, f"Minimax ({v.split('_', 1)[1]})") for v in variants]
present = ours + [(t, name) for t, name in peers if any(k[0] == t for k in rates)]


def cell(tool, threads, w):
    v = rates.get((tool, threads, w))
    return f"{v:.2f}" if v is not None else "–"


header = ["workload (it/s)"] + [f"{name} 1t / 2t" for _, name in present]
pairs = [(o, oname, t, name) for o, oname in ours for t, name in present if not t.startswith("minimax")]
header += [f"{oname} ÷ {name} (1t / 2t)" for _, oname, _, name in pairs]
print("| " + " | ".join(header) + " |")
print("|" + " --- |" * len(header))
for w in workloads:
    row = [w] + [f"{cell(t, 1, w)} / {cell(t, 2, w)}" for t, _ in present]
    for o, _, t, _ in pairs:
        ratios = []
        for threads in (1, 2):
            a, b = rates.get((o, threads, w)), rates.get((t, threads, w))
            ratios.append(f"{a / b:.2f}×" if a and b else "–")
        row.append(" / ".join(ratios))
    print("| " + " | ".join(row) + " |")
print()
print("Peak memory (MB, ru_maxrss of the process running only that workload, 2 threads): " + "; ".join(
    f"{name} " + ", ".join(f"{w} {memory[(t, 2, w)]:.0f}" for w in workloads if (t, 2, w) in memory)
    for t, name in present))
