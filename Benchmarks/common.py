"""Shared by the PyTorch and JAX reference benchmarks: options, timing, data, JSON output.

Timing follows `minimax bench`: warm-up iterations, then timed repeats of a fixed number of
iterations (about --seconds each, estimated from the warm-up); the median it/s is reported.
"""
import argparse
import gzip
import json
import os
import resource
import statistics
import time

import numpy as np

WORKLOADS = ["toy2d", "toy2d-wgangp", "dcgan-mnist"]
GFLOP_PER_ITERATION = {"toy2d": 0.815, "toy2d-wgangp": 4.06, "dcgan-mnist": 10.28}
IMAGES_PER_ITERATION = {"dcgan-mnist": 64}
MNIST_5K = os.path.expanduser("~/.cache/minimax/data/mnist_5k.csv.gz")


def parse_args(tool):
    parser = argparse.ArgumentParser(description=f"{tool} reference workloads (same as `minimax bench`)")
    parser.add_argument("workload", nargs="?", default="all", choices=WORKLOADS + ["all"])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--json", action="store_true")
    return parser.parse_args()


def ring8(rng, n):
    """The ring of 8 Gaussians (radius 2, std 0.02), as MinimaxData's ToyDistribution.ring()."""
    k = rng.integers(0, 8, size=n)
    angle = 2 * np.pi * k / 8
    centres = np.stack([2 * np.cos(angle), 2 * np.sin(angle)], axis=1)
    return (centres + 0.02 * rng.standard_normal((n, 2))).astype(np.float32)


def real_images(rng):
    """mnist-5k (all 5000 rows; minimax uses its 4500-image train part) scaled to [-1, 1] when the
    file is there, else 1000 random images (as minimax)."""
    if os.path.exists(MNIST_5K):
        with gzip.open(MNIST_5K, "rt") as f:
            rows = np.loadtxt(f, delimiter=",", dtype=np.float32)
        pixels = rows[:, :784]  # 784 pixels, then the label
        return (pixels / 127.5 - 1).reshape(-1, 1, 28, 28), f"mnist-5k ({len(pixels)} images)"
    images = rng.uniform(-1, 1, size=(1000, 1, 28, 28)).astype(np.float32)
    return images, "random tensor (1000 images uniform in [-1, 1])"


def measure(name, step, args, threads, real_data, tool):
    for _ in range(args.warmup):
        step()
    if args.iterations:
        per_repeat = args.iterations
    else:
        start = time.perf_counter()
        step()
        one = time.perf_counter() - start
        per_repeat = max(1, round(args.seconds / max(one, 1e-6)))
    rates = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for _ in range(per_repeat):
            step()
        rates.append(per_repeat / (time.perf_counter() - start))
    median = sorted(rates)[len(rates) // 2]
    images = IMAGES_PER_ITERATION.get(name)
    return {
        "workload": name, "threads": threads, "iterationsPerSecond": median, "repeatIterationsPerSecond": rates,
        "iterationsPerRepeat": per_repeat, "imagesPerSecond": images * median if images else None,
        "gflops": GFLOP_PER_ITERATION[name] * median,
        "peakMemoryMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "realData": real_data,
    }


def report(tool, version, args, results):
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    if args.json:
        print(json.dumps({"tool": tool, "version": version, "loadAverage": load, "results": results}, indent=2))
        return
    print(f"{tool} {version}; {args.threads} thread(s); load average {load}; median of {args.repeats} repeats\n")
    print("| workload | it/s | images/s | GFLOP/s | peak MB | real data |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        images = f"{r['imagesPerSecond']:.0f}" if r["imagesPerSecond"] else "–"
        print(f"| {r['workload']} | {r['iterationsPerSecond']:.2f} | {images} | {r['gflops']:.1f} | "
              f"{r['peakMemoryMB']:.0f} | {r['realData']} |")
