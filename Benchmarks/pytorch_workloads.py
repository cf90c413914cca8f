"""The three reference workloads of `minimax bench` in PyTorch (CPU), timed the same way.

    /tmp/torchenv/bin/python Benchmarks/pytorch_workloads.py all --threads 2 [--json]

Same networks, batch sizes, losses and optimizers as Sources/MinimaxGAN/Benchmarks/ReferenceWorkloads.swift.
The generator step computes gradients for G's parameters only (D's requires_grad is switched
off, the idiom of the WGAN-GP reference code), as minimax and JAX do; fakes for a D step are
made under torch.no_grad().
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def toy_generator():
    return nn.Sequential(nn.Linear(16, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                         nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 2))


def toy_discriminator():
    return nn.Sequential(nn.Linear(2, 256), nn.LeakyReLU(0.2), nn.Linear(256, 256), nn.LeakyReLU(0.2),
                         nn.Linear(256, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))


def dcgan_generator(w=64):
    return nn.Sequential(nn.Linear(64, 2 * w * 49), nn.BatchNorm1d(2 * w * 49), nn.ReLU(),
                         nn.Unflatten(1, (2 * w, 7, 7)),
                         nn.ConvTranspose2d(2 * w, w, 4, 2, 1), nn.BatchNorm2d(w), nn.ReLU(),
                         nn.ConvTranspose2d(w, 1, 4, 2, 1), nn.Tanh())


def dcgan_discriminator(w=64):
    return nn.Sequential(nn.Conv2d(1, w, 4, 2, 1), nn.LeakyReLU(0.2),
                         nn.Conv2d(w, 2 * w, 4, 2, 1), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
                         nn.Flatten(), nn.Linear(2 * w * 49, 1))


def set_requires_grad(module, flag):
    for p in module.parameters():
        p.requires_grad_(flag)


def make_step(name, rng):
    dcgan = name == "dcgan-mnist"
    G, D = (dcgan_generator(), dcgan_discriminator()) if dcgan else (toy_generator(), toy_discriminator())
    lr = 2e-4 if dcgan else 1e-4
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))
    batch, z_dim = (64, 64) if dcgan else (256, 16)
    bce = F.binary_cross_entropy_with_logits
    if dcgan:
        images, real_data = common.real_images(rng)
        images = torch.from_numpy(images)
        real_batch = lambda: images[torch.from_numpy(rng.integers(0, len(images), size=batch))]
    else:
        real_data = "ring-8"
        real_batch = lambda: torch.from_numpy(common.ring8(rng, batch))

    def d_step(loss_fn):
        real = real_batch()
        with torch.no_grad():
            fake = G(torch.randn(batch, z_dim))
        opt_d.zero_grad(set_to_none=True)
        loss = loss_fn(real, fake)
        loss.backward()
        opt_d.step()
        return loss

    def g_step(loss_fn):
        set_requires_grad(D, False)
        opt_g.zero_grad(set_to_none=True)
        loss = loss_fn(D(G(torch.randn(batch, z_dim))))
        loss.backward()
        opt_g.step()
        set_requires_grad(D, True)
        return loss

    def bce_d(real, fake):
        real_logits, fake_logits = D(real), D(fake)
        return bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))

    def bce_g(logits):
        return bce(logits, torch.ones_like(logits))

    def wgangp_d(real, fake):
        eps = torch.rand(batch, 1)
        mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
        grad, = torch.autograd.grad(D(mixed).sum(), mixed, create_graph=True)
        penalty = 10 * ((grad.flatten(1).square().sum(1) + 1e-12).sqrt() - 1).square().mean()
        return D(fake).mean() - D(real).mean() + penalty

    if name == "toy2d-wgangp":
        def step():
            for _ in range(5):
                d_step(wgangp_d)
            g_step(lambda logits: -logits.mean())
    else:
        def step():
            d_step(bce_d)
            g_step(bce_g)
    return step, real_data


def main():
    args = common.parse_args("PyTorch")
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    names = common.WORKLOADS if args.workload == "all" else [args.workload]
    results = []
    for name in names:
        step, real_data = make_step(name, rng)
        results.append(common.measure(name, step, args, args.threads, real_data, "PyTorch"))
    common.report("PyTorch", torch.__version__, args, results)


if __name__ == "__main__":
    main()
