#!/usr/bin/env python3
"""Parity fixtures for MinimaxNN: one full GAN training iteration in PyTorch.

For each reference workload (toy2d, dcgan-mnist) this writes a safetensors file with the
initial weights, the batch (real samples and the two noise batches), the losses, the
gradients each optimizer used, and the weights (and batch-norm buffers) after the iteration.
Swift's `ReferenceParityTests` loads the file with its own safetensors reader, runs the same
iteration from the same weights and compares.

The iteration (non-saturating GAN, BCE with logits, Adam(betas=(0.5, 0.999))):
    D step: fake = G(z_d).detach(); loss_D = BCE(D(real), 1) + BCE(D(fake), 0)
            (D called separately on real and fake); backward; Adam step on D
    G step: fresh noise z_g; loss_G = BCE(D(G(z_g)), 1); backward; Adam step on G
Both networks stay in training mode throughout (batch-norm batch statistics, running stats updated).

Sizes are reduced to keep the committed files small (< 2 MB together); the layer structure is
the reference one: toy2d with hidden width 128 (reference 256) and batch 64 (reference 256);
dcgan-mnist with base width 8 (reference 64; channels 8/16 instead of 64/128), z ∈ R^64, batch 4,
"real" images uniform in [-1, 1].

Run by hand (CPU torch wheel):
    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install --no-deps /opt/wheels/torch-*.whl
    /tmp/torchenv/bin/pip install filelock typing-extensions sympy networkx jinja2 fsspec numpy safetensors
    /tmp/torchenv/bin/python Tests/Fixtures/make_nn_fixtures.py
"""
import os
import re

import torch
from torch import nn
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "MinimaxNNTests", "Fixtures")


def toy2d(hidden):
    g = nn.Sequential(nn.Linear(16, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                      nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 2))
    d = nn.Sequential(nn.Linear(2, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, hidden), nn.LeakyReLU(0.2),
                      nn.Linear(hidden, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1))
    return g, d


def dcgan_mnist(z, w):
    g = nn.Sequential(nn.Linear(z, 2 * w * 49), nn.BatchNorm1d(2 * w * 49), nn.ReLU(), nn.Unflatten(1, (2 * w, 7, 7)),
                      nn.ConvTranspose2d(2 * w, w, 4, 2, 1), nn.BatchNorm2d(w), nn.ReLU(),
                      nn.ConvTranspose2d(w, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(nn.Conv2d(1, w, 4, 2, 1), nn.LeakyReLU(0.2),
                      nn.Conv2d(w, 2 * w, 4, 2, 1), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
                      nn.Flatten(), nn.Linear(2 * w * 49, 1))
    return g, d


SWIFT_NAMES = {"running_mean": "runningMean", "running_var": "runningVar", "num_batches_tracked": "numBatchesTracked"}


def swift_name(torch_name):
    """'3.running_mean' -> 'layers.3.runningMean' (MinimaxNN's Sequential and BatchNorm names)."""
    index, rest = torch_name.split(".", 1)
    return f"layers.{index}.{SWIFT_NAMES.get(rest, rest)}"


def state(model, prefix):
    return {prefix + swift_name(k): v.detach().to(torch.float32).reshape(v.shape).clone()
            for k, v in model.state_dict().items()}


def grads(model, prefix):
    return {prefix + swift_name(k): p.grad.detach().clone() for k, p in model.named_parameters()}


def one_iteration(name, g, d, real, noise_d, noise_g, lr, meta):
    g.train()
    d.train()
    out = {}
    out.update(state(g, "initial.generator."))
    out.update(state(d, "initial.discriminator."))
    bce = nn.BCEWithLogitsLoss()
    opt_d = torch.optim.Adam(d.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(g.parameters(), lr=lr, betas=(0.5, 0.999))

    opt_d.zero_grad()
    fake = g(noise_d).detach()
    real_logits = d(real)
    fake_logits = d(fake)
    loss_d = bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))
    loss_d.backward()
    out.update(grads(d, "grad.discriminator."))
    opt_d.step()

    opt_g.zero_grad()
    fake_logits = d(g(noise_g))
    loss_g = bce(fake_logits, torch.ones_like(fake_logits))
    loss_g.backward()
    out.update(grads(g, "grad.generator."))
    opt_g.step()

    out.update(state(g, "final.generator."))
    out.update(state(d, "final.discriminator."))
    out["input.real"] = real
    out["input.noise_d"] = noise_d
    out["input.noise_g"] = noise_g
    out["loss.discriminator"] = loss_d.detach().reshape(())
    out["loss.generator"] = loss_g.detach().reshape(())
    meta = dict(meta, torch=torch.__version__, learning_rate=str(lr), betas="0.5,0.999",
                script="Tests/Fixtures/make_nn_fixtures.py")
    path = os.path.join(OUT, f"{name}.safetensors")
    save_file({k: v.contiguous() for k, v in out.items()}, path, metadata=meta)
    print(f"{path}: {os.path.getsize(path)} bytes, loss_D {loss_d.item():.6f}, loss_G {loss_g.item():.6f}")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)

    torch.manual_seed(2016)
    g, d = toy2d(hidden=128)
    batch = 64
    real = torch.randn(batch, 2) * 0.02 + torch.tensor([2.0, 0.0])
    one_iteration("toy2d_step", g, d, real, torch.randn(batch, 16), torch.randn(batch, 16), 1e-4,
                  {"workload": "toy2d", "hidden_width": "128", "batch": str(batch)})

    torch.manual_seed(2015)
    g, d = dcgan_mnist(z=64, w=8)
    batch = 4
    real = torch.rand(batch, 1, 28, 28) * 2 - 1
    one_iteration("dcgan_mnist_step", g, d, real, torch.randn(batch, 64), torch.randn(batch, 64), 2e-4,
                  {"workload": "dcgan-mnist", "width": "8", "noise_dimension": "64", "batch": str(batch)})


if __name__ == "__main__":
    main()
