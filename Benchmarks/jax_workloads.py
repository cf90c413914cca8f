"""The three reference workloads of `minimax bench` in JAX (jit on CPU), timed the same way.

    /tmp/jaxenv/bin/python Benchmarks/jax_workloads.py all --threads 2 [--json]

Same networks, batch sizes, losses and Adam rule (PyTorch's, with bias correction) as
Sources/MinimaxGAN/Benchmarks/ReferenceWorkloads.swift. Each D step and each G step is one
jitted function (parameters, optimizer state and batch-norm statistics in, updated out);
gradients are taken with respect to the stepped network only. `--threads N` pins the process
to N cores (os.sched_setaffinity before JAX starts) and sizes XLA's intra-op pool.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

args = common.parse_args("JAX")
os.sched_setaffinity(0, set(range(args.threads)))
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "")
                           + f" --xla_cpu_multi_thread_eigen={'true' if args.threads > 1 else 'false'}"
                           + f" intra_op_parallelism_threads={args.threads}")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

BN_EPS, BN_MOMENTUM = 1e-5, 0.1
CONV_DIMS = ("NCHW", "OIHW", "NCHW")


def uniform(key, shape, fan_in):
    bound = 1 / np.sqrt(fan_in)
    return jax.random.uniform(key, shape, jnp.float32, -bound, bound)


def linear_params(key, n_in, n_out):
    k1, k2 = jax.random.split(key)
    return {"w": uniform(k1, (n_in, n_out), n_in), "b": uniform(k2, (n_out,), n_in)}


def linear(p, x):
    return x @ p["w"] + p["b"]


def conv_params(key, c_in, c_out):  # OIHW, 4×4
    k1, k2 = jax.random.split(key)
    return {"w": uniform(k1, (c_out, c_in, 4, 4), c_in * 16), "b": uniform(k2, (c_out,), c_in * 16)}


def conv(p, x):  # Conv2d(k=4, s=2, p=1)
    y = jax.lax.conv_general_dilated(x, p["w"], (2, 2), ((1, 1), (1, 1)), dimension_numbers=CONV_DIMS)
    return y + p["b"][None, :, None, None]


def conv_transpose(p, x):  # ConvTranspose2d(k=4, s=2, p=1): dilate the input by 2, pad k − 1 − p = 2
    y = jax.lax.conv_general_dilated(x, p["w"], (1, 1), ((2, 2), (2, 2)), lhs_dilation=(2, 2), dimension_numbers=CONV_DIMS)
    return y + p["b"][None, :, None, None]


def bn_params(c):
    return {"scale": jnp.ones((c,)), "shift": jnp.zeros((c,))}


def batch_norm(p, stats, x, axes):
    """Training-mode batch norm; returns y and the updated running statistics."""
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    n = x.size // x.shape[1]
    shape = [1, x.shape[1]] + [1] * (x.ndim - 2)
    y = (x - mean) / jnp.sqrt(var + BN_EPS) * p["scale"].reshape(shape) + p["shift"].reshape(shape)
    new = {"mean": (1 - BN_MOMENTUM) * stats["mean"] + BN_MOMENTUM * mean.reshape(-1),
           "var": (1 - BN_MOMENTUM) * stats["var"] + BN_MOMENTUM * var.reshape(-1) * n / (n - 1)}
    return y, jax.lax.stop_gradient(new)


def bn_stats(c):
    return {"mean": jnp.zeros((c,)), "var": jnp.ones((c,))}


def leaky(x):
    return jnp.where(x > 0, x, 0.2 * x)


def toy_models(key):
    ks = jax.random.split(key, 8)
    g = [linear_params(ks[0], 16, 256), linear_params(ks[1], 256, 256), linear_params(ks[2], 256, 256), linear_params(ks[3], 256, 2)]
    d = [linear_params(ks[4], 2, 256), linear_params(ks[5], 256, 256), linear_params(ks[6], 256, 256), linear_params(ks[7], 256, 1)]

    def generate(params, stats, z):
        for layer in params[:-1]:
            z = jax.nn.relu(linear(layer, z))
        return linear(params[-1], z), stats

    def discriminate(params, stats, x):
        for layer in params[:-1]:
            x = leaky(linear(layer, x))
        return linear(params[-1], x), stats

    return g, d, {}, {}, generate, discriminate


def dcgan_models(key, w=64):
    ks = jax.random.split(key, 6)
    g = {"fc": linear_params(ks[0], 64, 2 * w * 49), "bn0": bn_params(2 * w * 49),
         "up1": conv_params(ks[1], 2 * w, w), "bn1": bn_params(w), "up2": conv_params(ks[2], w, 1)}
    d = {"c1": conv_params(ks[3], 1, w), "c2": conv_params(ks[4], w, 2 * w), "bn2": bn_params(2 * w),
         "fc": linear_params(ks[5], 2 * w * 49, 1)}
    g_stats = {"bn0": bn_stats(2 * w * 49), "bn1": bn_stats(w)}
    d_stats = {"bn2": bn_stats(2 * w)}

    def generate(p, s, z):
        h, s0 = batch_norm(p["bn0"], s["bn0"], linear(p["fc"], z), (0,))
        h = jax.nn.relu(h).reshape(-1, 2 * w, 7, 7)
        h, s1 = batch_norm(p["bn1"], s["bn1"], conv_transpose(p["up1"], h), (0, 2, 3))
        return jnp.tanh(conv_transpose(p["up2"], jax.nn.relu(h))), {"bn0": s0, "bn1": s1}

    def discriminate(p, s, x):
        h = leaky(conv(p["c1"], x))
        h, s2 = batch_norm(p["bn2"], s["bn2"], conv(p["c2"], h), (0, 2, 3))
        return linear(p["fc"], leaky(h).reshape(x.shape[0], -1)), {"bn2": s2}

    return g, d, g_stats, d_stats, generate, discriminate


def adam_init(params):
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    return {"m": zeros, "v": zeros, "t": jnp.zeros((), jnp.int32)}


def adam_update(params, grads, state, lr, b1=0.5, b2=0.999, eps=1e-8):
    t = state["t"] + 1
    m = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, state["m"], grads)
    v = jax.tree_util.tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, state["v"], grads)
    c1, c2 = 1 - b1 ** t, 1 - b2 ** t
    params = jax.tree_util.tree_map(lambda p, m, v: p - lr / c1 * m / (jnp.sqrt(v) / jnp.sqrt(c2) + eps), params, m, v)
    return params, {"m": m, "v": v, "t": t}


def bce_with_logits(logits, target):
    return jnp.mean(jnp.maximum(logits, 0) - target * logits + jnp.log1p(jnp.exp(-jnp.abs(logits))))


def make_step(name, rng):
    dcgan = name == "dcgan-mnist"
    key = jax.random.PRNGKey(0)
    g, d, gs, ds, generate, discriminate = (dcgan_models if dcgan else toy_models)(key)
    lr = 2e-4 if dcgan else 1e-4
    batch, z_dim = (64, 64) if dcgan else (256, 16)
    wgan = name == "toy2d-wgangp"

    def d_loss(d, ds, g, gs, real, key):
        kz, ke = jax.random.split(key)
        fake, gs = generate(g, gs, jax.random.normal(kz, (batch, z_dim)))
        fake = jax.lax.stop_gradient(fake)
        real_logits, ds = discriminate(d, ds, real)
        fake_logits, ds = discriminate(d, ds, fake)
        if not wgan:
            return bce_with_logits(real_logits, 1.0) + bce_with_logits(fake_logits, 0.0), (ds, gs)
        eps = jax.random.uniform(ke, (batch, 1))
        mixed = eps * real + (1 - eps) * fake
        grad = jax.grad(lambda x: discriminate(d, ds, x)[0].sum())(mixed)
        penalty = 10 * jnp.mean((jnp.sqrt(jnp.sum(grad.reshape(batch, -1) ** 2, axis=1) + 1e-12) - 1) ** 2)
        return fake_logits.mean() - real_logits.mean() + penalty, (ds, gs)

    def g_loss(g, gs, d, ds, key):
        fake, gs = generate(g, gs, jax.random.normal(key, (batch, z_dim)))
        logits, ds = discriminate(d, ds, fake)
        loss = -logits.mean() if wgan else bce_with_logits(logits, 1.0)
        return loss, (gs, ds)

    @jax.jit
    def d_step(d, d_opt, ds, g, gs, real, key):
        (loss, (ds, gs)), grads = jax.value_and_grad(d_loss, has_aux=True)(d, ds, g, gs, real, key)
        d, d_opt = adam_update(d, grads, d_opt, lr)
        return d, d_opt, ds, gs, loss

    @jax.jit
    def g_step(g, g_opt, gs, d, ds, key):
        (loss, (gs, ds)), grads = jax.value_and_grad(g_loss, has_aux=True)(g, gs, d, ds, key)
        g, g_opt = adam_update(g, grads, g_opt, lr)
        return g, g_opt, gs, ds, loss

    if dcgan:
        images, real_data = common.real_images(rng)
        real_batch = lambda: images[rng.integers(0, len(images), size=batch)]
    else:
        real_data = "ring-8"
        real_batch = lambda: common.ring8(rng, batch)

    state = {"g": g, "d": d, "gs": gs, "ds": ds, "g_opt": adam_init(g), "d_opt": adam_init(d), "key": key}

    def step():
        s = state
        for _ in range(5 if wgan else 1):
            s["key"], k = jax.random.split(s["key"])
            s["d"], s["d_opt"], s["ds"], s["gs"], d_loss_value = d_step(s["d"], s["d_opt"], s["ds"], s["g"], s["gs"], real_batch(), k)
        s["key"], k = jax.random.split(s["key"])
        s["g"], s["g_opt"], s["gs"], s["ds"], g_loss_value = g_step(s["g"], s["g_opt"], s["gs"], s["d"], s["ds"], k)
        g_loss_value.block_until_ready()

    return step, real_data


def main():
    rng = np.random.default_rng(0)
    names = common.WORKLOADS if args.workload == "all" else [args.workload]
    results = []
    for name in names:
        step, real_data = make_step(name, rng)
        results.append(common.measure(name, step, args, args.threads, real_data, "JAX"))
    common.report("JAX", jax.__version__, args, results)


if __name__ == "__main__":
    main()
