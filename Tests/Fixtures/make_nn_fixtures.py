#!/usr/bin/env python3
"""Parity fixtures written by PyTorch for MinimaxNN and the reference workloads.

Every file is safetensors (so Swift reads it with MinimaxNN's own `Checkpoint.load`, which is
part of what is tested); tensor names use MinimaxNN's dotted names (`layers.1.runningMean`).

1. One full training iteration of each reference workload, exactly as the issue specifies them
   (Tests/MinimaxGANTests/Fixtures/<workload>_iteration.safetensors, replayed by
   `ReferenceWorkloadParityTests` through `ReferenceTraining`, the code `minimax bench` times):
   - toy2d: widths 256, batch 256, z ~ N(0, 1)^16, real points from the ring of 8 Gaussians;
     D step: fake = G(z).detach(); loss_D = BCE(D(real), 1) + BCE(D(fake), 0) (D called
     separately on real and fake); G step with fresh noise: loss_G = BCE(D(G(z')), 1);
     Adam(1e-4, betas=(0.5, 0.999)) for both.
   - toy2d-wgangp: the same networks and optimizers; 5 critic steps, each with its own real
     batch, noise and eps ~ U(0, 1) per example:
         x_hat = eps*real + (1 - eps)*fake,  g = d(sum D(x_hat))/d x_hat,
         loss_D = mean D(fake) - mean D(real) + 10*mean((sqrt(|g|^2 + 1e-12) - 1)^2)
     (norm over the flattened sample), then one G step: loss_G = -mean D(G(z')).
   - dcgan-mnist: width 64 (channels 64/128), batch 64, z ~ N(0, 1)^64, "real" images uniform
     in [-1, 1]; BCE losses as toy2d; Adam(2e-4, betas=(0.5, 0.999)); batch norm in training
     mode throughout (batch statistics; running statistics updated by every forward pass).
   Each file holds the initial weights and buffers (`initial.generator.*`,
   `initial.discriminator.*`), the inputs of every step (`input.real.<k>`,
   `input.noise.discriminator.<k>`, `input.epsilon.<k>`, `input.noise.generator`), the losses
   (`loss.discriminator.<k>`, `loss.generator`), the gradient each Adam step used
   (`gradient.discriminator.<k>.*`, `gradient.generator.*`) and the weights and buffers after
   the iteration (`final.*`). Networks start from PyTorch's default initialisation.

2. Tests/MinimaxNNTests/Fixtures/spectral_norm.safetensors: `torch.nn.utils.spectral_norm` on a
   Linear, a Conv2d and a ConvTranspose2d (dim=1) from a fixed u: two training-mode forward
   passes (one power iteration each), the normalised weight, u and v after them, the output of
   the second pass and the gradients of sum(output * cotangent) with respect to the original
   weight, the bias and the input.

3. Tests/MinimaxNNTests/Fixtures/optimizers.safetensors: four steps of SGD (momentum, dampening,
   Nesterov, weight decay), Adam (L2 weight decay, amsgrad), AdamW and RMSprop (momentum,
   centred, weight decay) on one parameter with given gradients: the parameter after every
   step and the final optimizer state under PyTorch's slot names.

Run by hand (CPU torch wheel; see /work/shared/PLATFORM.md):
    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install --no-deps "torch==2.13.0+cpu"
    /tmp/torchenv/bin/pip install filelock typing-extensions sympy networkx jinja2 fsspec numpy safetensors
    /tmp/torchenv/bin/python Tests/Fixtures/make_nn_fixtures.py
"""
import math
import os

import torch
from torch import nn
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
GAN_FIXTURES = os.path.join(HERE, "..", "MinimaxGANTests", "Fixtures")
NN_FIXTURES = os.path.join(HERE, "..", "MinimaxNNTests", "Fixtures")
SCRIPT = "Tests/Fixtures/make_nn_fixtures.py"


def toy2d():
    g = nn.Sequential(nn.Linear(16, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                      nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 2))
    d = nn.Sequential(nn.Linear(2, 256), nn.LeakyReLU(0.2), nn.Linear(256, 256), nn.LeakyReLU(0.2),
                      nn.Linear(256, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))
    return g, d


def dcgan_mnist(z=64, w=64):
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
    return {prefix + swift_name(k): v.detach().to(torch.float32).clone() for k, v in model.state_dict().items()}


def grads(model, prefix):
    return {prefix + swift_name(k): p.grad.detach().clone() for k, p in model.named_parameters()}


def bce(logits, target):
    return nn.functional.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))


def set_requires_grad(module, flag):
    for p in module.parameters():
        p.requires_grad_(flag)


def one_iteration(name, g, d, lr, batches, noise_dimension, wgangp, meta):
    """Runs the D (critic) steps on `batches`, then one G step; returns the fixture tensors."""
    g.train()
    d.train()
    batch = batches[0].shape[0]
    out = {}
    out.update(state(g, "initial.generator."))
    out.update(state(d, "initial.discriminator."))
    opt_d = torch.optim.Adam(d.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(g.parameters(), lr=lr, betas=(0.5, 0.999))

    for k, real in enumerate(batches):
        noise = torch.randn(batch, noise_dimension)
        with torch.no_grad():
            fake = g(noise)
        opt_d.zero_grad(set_to_none=True)
        if wgangp:
            eps = torch.rand(batch)
            mixed = (eps.reshape(batch, 1) * real + (1 - eps.reshape(batch, 1)) * fake).requires_grad_(True)
            grad, = torch.autograd.grad(d(mixed).sum(), mixed, create_graph=True)
            penalty = 10 * ((grad.flatten(1).square().sum(1) + 1e-12).sqrt() - 1).square().mean()
            loss_d = d(fake).mean() - d(real).mean() + penalty
            out[f"input.epsilon.{k}"] = eps
        else:
            loss_d = bce(d(real), 1.0) + bce(d(fake), 0.0)
        loss_d.backward()
        opt_d.step()
        out[f"input.real.{k}"] = real
        out[f"input.noise.discriminator.{k}"] = noise
        out[f"loss.discriminator.{k}"] = loss_d.detach().reshape(())
        out.update(grads(d, f"gradient.discriminator.{k}."))

    # Generator step: gradients for G's parameters only (as the benchmarks and minimax do).
    noise = torch.randn(batch, noise_dimension)
    set_requires_grad(d, False)
    opt_g.zero_grad(set_to_none=True)
    logits = d(g(noise))
    loss_g = -logits.mean() if wgangp else bce(logits, 1.0)
    loss_g.backward()
    opt_g.step()
    set_requires_grad(d, True)
    out["input.noise.generator"] = noise
    out["loss.generator"] = loss_g.detach().reshape(())
    out.update(grads(g, "gradient.generator."))

    out.update(state(g, "final.generator."))
    out.update(state(d, "final.discriminator."))
    meta = dict(meta, workload=name, torch=torch.__version__, learning_rate=str(lr), betas="0.5,0.999",
                critic_steps=str(len(batches)), batch=str(batch), script=SCRIPT)
    path = os.path.join(GAN_FIXTURES, f"{name.replace('-', '_')}_iteration.safetensors")
    save(out, path, meta)
    losses = ", ".join(f"{out[f'loss.discriminator.{k}'].item():.6f}" for k in range(len(batches)))
    print(f"  loss_D {losses}; loss_G {loss_g.item():.6f}")


def ring8(n):
    """The ring of 8 Gaussians (radius 2, std 0.02), as MinimaxData's ToyDistribution.ring()."""
    angle = 2 * math.pi * torch.randint(0, 8, (n,)).to(torch.float32) / 8
    return torch.stack([2 * torch.cos(angle), 2 * torch.sin(angle)], dim=1) + 0.02 * torch.randn(n, 2)


def save(tensors, path, meta):
    save_file({k: v.contiguous() for k, v in tensors.items()}, path, metadata=meta)
    print(f"{os.path.relpath(path)}: {os.path.getsize(path):,} bytes")


def spectral_norm_fixture():
    out = {}
    cases = {
        "linear": (nn.Linear(5, 4), (3, 5)),
        "conv2d": (nn.Conv2d(3, 4, 3, stride=2, padding=1), (2, 3, 5, 5)),
        "convTranspose2d": (nn.ConvTranspose2d(3, 4, 3, stride=2, padding=1), (2, 3, 3, 3)),
    }
    for name, (layer, input_shape) in cases.items():
        out[f"{name}.weight"] = layer.weight.detach().clone()
        out[f"{name}.bias"] = layer.bias.detach().clone()
        wrapped = nn.utils.spectral_norm(layer)   # dim=1 for ConvTranspose2d, else 0
        u0 = torch.randn(wrapped.weight_u.shape)
        u0 = u0 / u0.norm()
        with torch.no_grad():
            wrapped.weight_u.copy_(u0)
        wrapped.train()
        x = torch.randn(input_shape).requires_grad_(True)
        wrapped(x)
        y = wrapped(x)
        cotangent = torch.randn(y.shape)
        (y * cotangent).sum().backward()
        out[f"{name}.u0"] = u0
        out[f"{name}.input"] = x.detach()
        out[f"{name}.cotangent"] = cotangent
        out[f"{name}.output"] = y.detach()
        out[f"{name}.normalizedWeight"] = wrapped.weight.detach()
        out[f"{name}.u"] = wrapped.weight_u.detach().clone()
        out[f"{name}.v"] = wrapped.weight_v.detach().clone()
        out[f"{name}.gradient.weight"] = wrapped.weight_orig.grad.detach()
        out[f"{name}.gradient.bias"] = wrapped.bias.grad.detach()
        out[f"{name}.gradient.input"] = x.grad.detach()
    save(out, os.path.join(NN_FIXTURES, "spectral_norm.safetensors"),
         {"torch": torch.__version__, "power_iterations": "1", "forward_passes": "2", "script": SCRIPT})


OPTIMIZERS = {
    "sgdNesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "sgdDampening": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.5),
    "adam": lambda p: torch.optim.Adam(p, lr=1e-2, betas=(0.5, 0.999), weight_decay=0.1),
    "adamAmsgrad": lambda p: torch.optim.Adam(p, lr=1e-2, amsgrad=True),
    "adamW": lambda p: torch.optim.AdamW(p, lr=1e-2, weight_decay=0.1),
    "rmspropMomentum": lambda p: torch.optim.RMSprop(p, lr=1e-2, alpha=0.9, momentum=0.5),
    "rmspropCentered": lambda p: torch.optim.RMSprop(p, lr=1e-2, centered=True, momentum=0.9, weight_decay=0.01),
}
STEPS = 4


def optimizer_fixture():
    initial = torch.randn(7)
    gradients = torch.randn(STEPS, 7)
    out = {"initial": initial, "gradients": gradients}
    for name, make in OPTIMIZERS.items():
        p = nn.Parameter(initial.clone())
        opt = make([p])
        for t in range(STEPS):
            p.grad = gradients[t].clone()
            opt.step()
            out[f"{name}.after.{t}"] = p.detach().clone()
        for slot, value in opt.state_dict()["state"][0].items():
            out[f"{name}.state.{slot}"] = value.detach().to(torch.float32).clone().reshape(value.shape)
    save(out, os.path.join(NN_FIXTURES, "optimizers.safetensors"),
         {"torch": torch.__version__, "steps": str(STEPS), "script": SCRIPT})


def main():
    os.makedirs(GAN_FIXTURES, exist_ok=True)
    os.makedirs(NN_FIXTURES, exist_ok=True)
    torch.set_num_threads(1)

    torch.manual_seed(2016)
    g, d = toy2d()
    one_iteration("toy2d", g, d, 1e-4, [ring8(256)], 16, wgangp=False, meta={"hidden_width": "256"})

    torch.manual_seed(2017)
    g, d = toy2d()
    one_iteration("toy2d-wgangp", g, d, 1e-4, [ring8(256) for _ in range(5)], 16, wgangp=True,
                  meta={"hidden_width": "256", "gradient_penalty_weight": "10"})

    torch.manual_seed(2015)
    g, d = dcgan_mnist()
    real = torch.rand(64, 1, 28, 28) * 2 - 1
    one_iteration("dcgan-mnist", g, d, 2e-4, [real], 64, wgangp=False,
                  meta={"width": "64", "noise_dimension": "64", "real_images": "uniform in [-1, 1]"})

    torch.manual_seed(1)
    spectral_norm_fixture()
    torch.manual_seed(2)
    optimizer_fixture()


if __name__ == "__main__":
    main()
