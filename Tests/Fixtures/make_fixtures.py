#!/usr/bin/env python3
"""Writes the PyTorch parity fixture for MinimaxTensor's tests.

Run by hand (needs torch; any CPU build works):

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install --no-deps "torch==2.13.0+cpu"   # from the local find-links folder
    /tmp/torchenv/bin/pip install filelock typing-extensions sympy networkx jinja2 fsspec numpy
    /tmp/torchenv/bin/python Tests/Fixtures/make_fixtures.py

It writes Tests/MinimaxTensorTests/Fixtures/parity.json. For every case: the inputs (float32
values drawn from a fixed seed, so the Swift side needs no RNG), a cotangent w, the forward
output f(inputs) and the input gradients d(sum(w * f))/d(input). References are computed in
float64 from the float32 inputs, so they measure the Swift float32 engine against the exact
answer rather than against PyTorch's own float32 rounding.

To add an op: add one `case(...)` line below and the same name to the table in
Tests/MinimaxTensorTests/PyTorchParityTests.swift (the Swift test fails on a name it lacks).
"""

import json
import os

import torch
import torch.nn.functional as F

SEED = 20240601
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MinimaxTensorTests", "Fixtures", "parity.json")

generator = torch.Generator().manual_seed(SEED)
cases = []


def uniform(shape, low=-1.0, high=1.0):
    """float32 values in [low, high), returned as float64 holding exactly those float32 values."""
    x = torch.rand(shape, generator=generator, dtype=torch.float32) * (high - low) + low
    return x.to(torch.float64)


def away_from_zero(shape, gap=0.1):
    """Uniform in [-1, -gap] ∪ [gap, 1]: keeps relu/abs/leakyReLU/clamp kinks out of finite-difference reach."""
    x = uniform(shape, gap, 1.0)
    signs = torch.where(torch.rand(shape, generator=generator) < 0.5, -1.0, 1.0).to(torch.float64)
    return x * signs


def given(values, shape):
    """Exact values (ties, boundaries) chosen by hand."""
    return torch.tensor(values, dtype=torch.float64).reshape(shape)


def encode(t):
    # 9 significant digits round-trip every float32; references are rounded to float32 first.
    return {"shape": list(t.shape), "values": [float(f"{v:.9g}") for v in t.detach().to(torch.float32).flatten().tolist()]}


def case(name, inputs, fn):
    """Records fn(*inputs), a cotangent and the gradients of sum(cotangent * fn) for every input."""
    leaves = [x.clone().requires_grad_(True) for x in inputs]
    out = fn(*leaves)
    cotangent = uniform(tuple(out.shape))
    grads = torch.autograd.grad((out * cotangent).sum(), leaves, allow_unused=True)
    grads = [torch.zeros_like(x) if g is None else g for x, g in zip(leaves, grads)]
    cases.append({
        "name": name,
        "inputs": [encode(x) for x in inputs],
        "cotangent": encode(cotangent),
        "output": encode(out),
        "gradients": [encode(g) for g in grads],
    })


def gradient_penalty(x_hat, w1, b1, w2, b2):
    """WGAN-GP (Gulrajani et al. 2017, eq. 3) on the critic D(x) = w2·leakyReLU(W1 x + b1, 0.2) + b2:
    mean over the batch of (‖∇ₓ D(x̂)‖₂ − 1)²."""
    hidden = F.leaky_relu(x_hat @ w1.T + b1, 0.2)
    critic = hidden @ w2.T + b2
    (gradient,) = torch.autograd.grad(critic.sum(), x_hat, create_graph=True)
    return ((gradient.pow(2).sum(dim=1).sqrt() - 1) ** 2).mean()


# Arithmetic with broadcasting.
case("add_row_broadcast", [uniform((3, 4)), uniform((4,))], lambda a, b: a + b)
case("subtract_scalar_tensor", [uniform((2, 3)), uniform(())], lambda a, b: a - b)
case("multiply_outer_broadcast", [uniform((3, 1)), uniform((1, 4))], lambda a, b: a * b)
case("divide_broadcast", [uniform((2, 3, 4)), uniform((3, 1), 0.5, 2.0)], lambda a, b: a / b)
case("negate", [uniform((5,))], lambda x: -x)

# Elementwise math.
case("exp", [uniform((2, 3))], torch.exp)
case("log", [uniform((2, 3), 0.2, 3.0)], torch.log)
case("sqrt", [uniform((2, 3), 0.2, 3.0)], torch.sqrt)
case("pow_3", [uniform((2, 3))], lambda x: x.pow(3))
case("pow_half", [uniform((2, 3), 0.2, 3.0)], lambda x: x.pow(0.5))
case("abs", [away_from_zero((2, 3))], torch.abs)

# Activations and selections.
case("relu", [away_from_zero((3, 4))], torch.relu)
case("leaky_relu_0.2", [away_from_zero((3, 4))], lambda x: F.leaky_relu(x, 0.2))
case("sigmoid", [uniform((3, 4), -4, 4)], torch.sigmoid)
case("tanh", [uniform((3, 4), -3, 3)], torch.tanh)
case("softplus", [uniform((3, 4), -5, 5)], F.softplus)
case("log_sigmoid", [uniform((3, 4), -5, 5)], F.logsigmoid)
case("softplus_extremes", [given([-100.0, -30.0, 0.0, 30.0, 100.0], (5,))], F.softplus)
case("log_sigmoid_extremes", [given([-100.0, -30.0, 0.0, 30.0, 100.0], (5,))], F.logsigmoid)
case("sigmoid_extremes", [given([-100.0, -30.0, 0.0, 30.0, 100.0], (5,))], torch.sigmoid)
case("clamp", [given([-2.0, -0.5, -0.2, 0.0, 0.3, 0.5, 0.7, 2.0], (8,))], lambda x: x.clamp(-0.5, 0.5))
case("where", [uniform((2, 3)), uniform((3,))], lambda a, b: torch.where(torch.tensor([[1, 0, 1], [0, 0, 1]], dtype=torch.bool), a, b))
case("maximum_with_ties", [given([1.0, 2.0, 3.0, -1.0], (4,)), given([1.0, 3.0, 2.0, -1.0], (4,))], torch.maximum)

# Matrix products.
case("matmul", [uniform((3, 4)), uniform((4, 5))], torch.matmul)
case("matmul_transpose_a", [uniform((4, 3)), uniform((4, 5))], lambda a, b: a.T @ b)
case("matmul_transpose_b", [uniform((3, 4)), uniform((5, 4))], lambda a, b: a @ b.T)
case("matmul_transpose_both", [uniform((4, 3)), uniform((5, 4))], lambda a, b: a.T @ b.T)
case("matmul_batched", [uniform((2, 3, 4)), uniform((2, 4, 2))], torch.matmul)
case("matmul_rank3_rank2", [uniform((2, 3, 4)), uniform((4, 5))], torch.matmul)

# Layout.
case("permute", [uniform((2, 3, 4))], lambda x: x.permute(2, 0, 1))
case("transpose_last_two", [uniform((2, 3, 4))], lambda x: x.transpose(-1, -2))
case("reshape", [uniform((2, 3, 4))], lambda x: x.reshape(4, 6))
case("broadcast_to", [uniform((3, 1))], lambda x: x.expand(2, 3, 4))
case("sum_to_shape", [uniform((2, 3, 4))], lambda x: x.sum(dim=(0, 2), keepdim=True).reshape(3, 1))
case("concat_axis1", [uniform((2, 2, 3)), uniform((2, 1, 3)), uniform((2, 3, 3))], lambda a, b, c: torch.cat([a, b, c], dim=1))
case("slice_axis1", [uniform((3, 5, 2))], lambda x: x[:, 1:4, :])
case("pad_axis0", [uniform((2, 3))], lambda x: F.pad(x, (0, 0, 1, 2), value=0.5))
case("pad2d", [uniform((1, 2, 3, 3))], lambda x: F.pad(x, (2, 1, 1, 0)))
case("gather_rows_repeated", [uniform((4, 3))], lambda x: x.index_select(0, torch.tensor([2, 0, 2, 3, 2])))
case("index_add_rows", [uniform((5, 3))], lambda x: torch.zeros(4, 3, dtype=x.dtype).index_add(0, torch.tensor([1, 3, 1, 0, 1]), x))

# Reductions.
case("sum_all", [uniform((2, 3, 4))], lambda x: x.sum())
case("sum_axes_0_2", [uniform((2, 3, 4))], lambda x: x.sum(dim=(0, 2)))
case("sum_axis_last_keepdims", [uniform((2, 3, 4))], lambda x: x.sum(dim=-1, keepdim=True))
case("mean_axis1", [uniform((2, 3, 4))], lambda x: x.mean(dim=1))
case("mean_all", [uniform((3, 4))], lambda x: x.mean())
case("max_axis1", [uniform((3, 5))], lambda x: x.amax(dim=1))
case("max_with_ties_keepdims", [given([1.0, 3.0, 3.0, 0.0, 2.0, -1.0, 2.0, 2.0], (2, 4))], lambda x: x.amax(dim=1, keepdim=True))
case("logsumexp_axis1", [uniform((3, 5), -3, 3)], lambda x: x.logsumexp(dim=1))
case("logsumexp_all", [uniform((3, 5), -3, 3)], lambda x: x.logsumexp(dim=(0, 1)))
case("variance_axis0", [uniform((4, 3))], lambda x: x.var(dim=0, unbiased=False))
case("variance_unbiased_all_keepdims", [uniform((4, 3))], lambda x: x.var(dim=(0, 1), unbiased=True, keepdim=True))

# Compositions a GAN uses.
case("bce_with_logits", [uniform((6,), -3, 3), given([1.0, 0.0, 1.0, 0.0, 0.9, 0.1], (6,))],
     lambda logits, targets: F.binary_cross_entropy_with_logits(logits, targets))
case("wgan_gp_penalty", [uniform((4, 3)), uniform((5, 3)), uniform((5,)), uniform((1, 5)), uniform((1,))], gradient_penalty)

payload = {
    "generator": "Tests/Fixtures/make_fixtures.py",
    "torch": torch.__version__,
    "seed": SEED,
    "reference": "float64 from float32 inputs, rounded to float32",
    "cases": cases,
}
os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
temporary = OUTPUT + ".tmp"
with open(temporary, "w") as f:
    json.dump(payload, f, separators=(",", ":"))
    f.write("\n")
os.replace(temporary, OUTPUT)
print(f"wrote {len(cases)} cases to {os.path.relpath(OUTPUT)} ({os.path.getsize(OUTPUT)} bytes)")
