"""torch.optim.swa_utils (PyTorch 1.13): SWALR's lr sequences (cos and linear, several anneal_epochs,
one swa_lr per group, after another scheduler changed the lr), AveragedModel's state after several
update_parameters calls (default running mean, a custom EMA avg_fn, use_buffers), and update_bn's
BatchNorm running statistics. Its own file and seed, so the other optim fixtures stay as they are.

Writes fixtures/optim/swa.json:
  swalr     {"kind": "swalr", "group_lrs", "options" (camelCase), "steps", "lrs": [[lr per group] after
            the constructor, then after each step], "pre": null | {"gamma", "steps"} (an ExponentialLR run first)}
  averaged  {"kind": "averaged", "model", "avg_fn": "default" | "ema", "use_buffers", "init_state",
            "snapshots": [state dict per update], "after": [averaged model's state dict after each update]}
  update_bn {"kind": "update_bn", "model", "state", "batches": [tensor], "as_tuples", "train_before",
            "state_after", "training_after"}
"""
import torch
import torch.nn as nn
from torch.optim.swa_utils import SWALR, AveragedModel, update_bn

from common import enc, tol, write_fixture

SEED = 20261212


def swalr_cases():
    out = []
    specs = [
        ("cos-default", [0.1], {"swaLr": 0.05}, 14, None),
        ("linear-5", [0.1], {"swaLr": 0.01, "annealEpochs": 5, "annealStrategy": "linear"}, 9, None),
        ("cos-3-two-groups", [0.2, 0.03], {"swaLr": 0.05, "annealEpochs": 3}, 7, None),
        ("linear-per-group", [0.5, 0.1], {"swaLr": [0.01, 0.2], "annealEpochs": 4, "annealStrategy": "linear"}, 7, None),
        ("anneal-0", [0.3], {"swaLr": 0.07, "annealEpochs": 0}, 4, None),
        ("anneal-1-cos", [0.3, 0.6], {"swaLr": [0.1, 0.05], "annealEpochs": 1}, 4, None),
        ("after-exponential", [0.4], {"swaLr": 0.02, "annealEpochs": 6}, 9, {"gamma": 0.9, "steps": 5}),
        ("linear-after-exponential", [0.4, 0.2], {"swaLr": 0.1, "annealEpochs": 3, "annealStrategy": "linear"}, 6, {"gamma": 0.5, "steps": 3}),
    ]
    for cid, group_lrs, options, steps, pre in specs:
        params = [torch.zeros(2, requires_grad=True) for _ in group_lrs]
        opt = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, group_lrs)], lr=group_lrs[0])
        if pre is not None:
            sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=pre["gamma"])
            for _ in range(pre["steps"]):
                opt.step()
                sched.step()
        kw = {"swa_lr": options["swaLr"], "anneal_epochs": options.get("annealEpochs", 10), "anneal_strategy": options.get("annealStrategy", "cos")}
        swa = SWALR(opt, **kw)
        lrs = [[g["lr"] for g in opt.param_groups]]
        for _ in range(steps):
            opt.step()
            swa.step()
            lrs.append([g["lr"] for g in opt.param_groups])
        out.append({"id": f"swalr/{cid}", "kind": "swalr", "dtype": "float64", **tol("float64"),
                    "group_lrs": group_lrs, "options": options, "steps": steps, "pre": pre, "lrs": lrs})
    return out


def build(name):
    if name == "mlp-bn":
        return nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
    if name == "conv-bn":
        return nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.BatchNorm2d(3, momentum=0.3), nn.ReLU(), nn.Conv2d(3, 2, 1), nn.BatchNorm2d(2))
    if name == "linear":
        return nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 1))
    raise ValueError(name)


def state(m):
    return {k: enc(v) for k, v in m.state_dict().items()}


def randomize(m, gen, dtype):
    with torch.no_grad():
        for _, p in m.named_parameters():
            p.copy_(torch.randn(p.shape, generator=gen, dtype=torch.float64).to(dtype))
        for n, b in m.named_buffers():
            if n.endswith("running_var"):
                b.copy_((torch.rand(b.shape, generator=gen, dtype=torch.float64) + 0.5).to(dtype))
            elif n.endswith("running_mean"):
                b.copy_(torch.randn(b.shape, generator=gen, dtype=torch.float64).to(dtype))
            elif n.endswith("num_batches_tracked"):
                b.fill_(int(torch.randint(0, 20, (1,), generator=gen)))


def ema(averaged, current, num_averaged):
    return 0.1 * averaged + 0.9 * current


def averaged_cases(gen):
    out = []
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for model, avg_fn, use_buffers in [("mlp-bn", "default", False), ("mlp-bn", "default", True), ("mlp-bn", "ema", True),
                                           ("linear", "ema", False), ("conv-bn", "default", True)]:
            m = build(model).to(dt)
            randomize(m, gen, dt)
            swa = AveragedModel(m, avg_fn=ema if avg_fn == "ema" else None, use_buffers=use_buffers)
            init_state = state(m)
            snapshots, after = [], []
            for _ in range(4):
                randomize(m, gen, dt)
                snapshots.append(state(m))
                swa.update_parameters(m)
                after.append(state(swa))
            out.append({"id": f"averaged/{model}/{avg_fn}/buffers{use_buffers}/{dtype}", "kind": "averaged", "dtype": dtype, **tol(dtype),
                        "model": model, "avg_fn": avg_fn, "use_buffers": use_buffers, "init_state": init_state,
                        "snapshots": snapshots, "after": after})
    return out


def update_bn_cases(gen):
    out = []
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for model, shape, as_tuples, train_before in [("mlp-bn", (5, 3), False, False), ("mlp-bn", (6, 3), True, True),
                                                     ("conv-bn", (2, 2, 4, 4), True, False), ("linear", (3, 4), False, True)]:
            m = build(model).to(dt)
            randomize(m, gen, dt)
            m.train(train_before)
            before = state(m)
            batches = [torch.randn(shape, generator=gen, dtype=torch.float64).to(dt) for _ in range(3)]
            loader = [(b, torch.zeros(1)) for b in batches] if as_tuples else batches
            update_bn(loader, m)
            out.append({"id": f"update_bn/{model}/tuples{as_tuples}/train{train_before}/{dtype}", "kind": "update_bn", "dtype": dtype, **tol(dtype),
                        "model": model, "state": before, "batches": [enc(b) for b in batches], "as_tuples": as_tuples,
                        "train_before": train_before, "state_after": state(m), "training_after": m.training})
    return out


def generate():
    gen = torch.Generator().manual_seed(SEED)
    write_fixture("optim", "swa", __file__, SEED, swalr_cases() + averaged_cases(gen) + update_bn_cases(gen))
