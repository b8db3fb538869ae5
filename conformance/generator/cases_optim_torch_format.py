"""Optimizer and scheduler state in the torch format (generator/torch_format.py), PyTorch 1.13: PyTorch
trains k steps and saves; the fixture holds what it saved (JSON + safetensors bytes) and the run it
continued for k more steps. torchlet replays both ways: loading PyTorch's file at step k must continue
PyTorch's trajectory, and its own file after k steps must hold PyTorch's keys, shapes and values.
Before writing a case, the generator loads the saved files into a fresh PyTorch optimizer and
scheduler with the format's reader and checks that it continues the run bit for bit.

Writes fixtures/optim/torch_format.json, one case per optimizer/scheduler/dtype:
  {"optimizer", "options" (torchlet's camelCase), "scheduler": null | {"kind", "options"}, "k",
   "group_sizes": [params per group], "params0": [tensor], "params_k": [tensor], "grads": [[tensor per
   param] per step, 2k steps], "metrics": null | [number per step] (ReduceLROnPlateau),
   "saved": {"optimizer": json, "scheduler": json | null, "safetensors_base64"},
   "final": [tensor after 2k steps], "lrs": [[lr per group] after each of the last k steps]}
"""
import base64

import torch
from torch.optim import lr_scheduler as L

from cases_nn import st_deserialize, st_serialize
from common import DTYPES, enc, tol, write_fixture
from torch_format import optimizer_from_json, optimizer_to_json, scheduler_from_json, scheduler_to_json

SEED = 20261206
K = 4
SHAPES = [(3,), (2, 2)]

OPTIMIZERS = {
    "sgd-momentum": ("SGD", dict(lr=0.1, momentum=0.9, weight_decay=0.01), {"lr": 0.1, "momentum": 0.9, "weightDecay": 0.01}),
    "sgd-nesterov": ("SGD", dict(lr=0.05, momentum=0.8, nesterov=True), {"lr": 0.05, "momentum": 0.8, "nesterov": True}),
    "sgd-plain": ("SGD", dict(lr=0.1), {"lr": 0.1}),
    "adam-amsgrad": ("Adam", dict(lr=0.01, amsgrad=True, weight_decay=0.1), {"lr": 0.01, "amsgrad": True, "weightDecay": 0.1}),
    "adamw": ("AdamW", dict(lr=0.02, betas=(0.8, 0.99)), {"lr": 0.02, "betas": [0.8, 0.99]}),
    "adamw-amsgrad": ("AdamW", dict(lr=0.01, amsgrad=True, weight_decay=0.05), {"lr": 0.01, "amsgrad": True, "weightDecay": 0.05}),
    "rmsprop-centered": ("RMSprop", dict(lr=0.01, momentum=0.5, centered=True), {"lr": 0.01, "momentum": 0.5, "centered": True}),
    "rmsprop": ("RMSprop", dict(lr=0.01, alpha=0.9, weight_decay=0.01), {"lr": 0.01, "alpha": 0.9, "weightDecay": 0.01}),
    "adadelta": ("Adadelta", dict(lr=0.5, rho=0.8, weight_decay=0.01), {"lr": 0.5, "rho": 0.8, "weightDecay": 0.01}),
    "adamax": ("Adamax", dict(lr=0.01, weight_decay=0.01), {"lr": 0.01, "weightDecay": 0.01}),
    "nadam": ("NAdam", dict(lr=0.01, momentum_decay=0.005), {"lr": 0.01, "momentumDecay": 0.005}),
    "radam": ("RAdam", dict(lr=0.01), {"lr": 0.01}),
    "asgd": ("ASGD", dict(lr=0.05, t0=2), {"lr": 0.05, "t0": 2}),
    "rprop": ("Rprop", dict(lr=0.01, etas=(0.4, 1.3)), {"lr": 0.01, "etas": [0.4, 1.3]}),
    "adagrad": ("Adagrad", dict(lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1), {"lr": 0.1, "lrDecay": 0.01, "initialAccumulatorValue": 0.1}),
}

SCHEDULERS = {
    None: None,
    "StepLR": (lambda o: L.StepLR(o, step_size=3, gamma=0.5), {"stepSize": 3, "gamma": 0.5}),
    "CosineAnnealingLR": (lambda o: L.CosineAnnealingLR(o, T_max=6, eta_min=0.001), {"TMax": 6, "etaMin": 0.001}),
    "OneCycleLR": (lambda o: L.OneCycleLR(o, max_lr=0.5, total_steps=10), {"maxLr": 0.5, "totalSteps": 10}),
    "OneCycleLR-linear-3": (lambda o: L.OneCycleLR(o, max_lr=0.3, total_steps=12, anneal_strategy="linear", three_phase=True),
                            {"maxLr": 0.3, "totalSteps": 12, "annealStrategy": "linear", "threePhase": True}),
    "ReduceLROnPlateau": (lambda o: L.ReduceLROnPlateau(o, patience=1, factor=0.5, cooldown=1), {"patience": 1, "factor": 0.5, "cooldown": 1}),
    "ReduceLROnPlateau-max": (lambda o: L.ReduceLROnPlateau(o, mode="max", patience=0, threshold_mode="abs", threshold=0.1),
                              {"mode": "max", "patience": 0, "thresholdMode": "abs", "threshold": 0.1}),
    "ExponentialLR": (lambda o: L.ExponentialLR(o, gamma=0.9), {"gamma": 0.9}),
}

RUNS = [
    # (optimizer, scheduler, dtypes, two groups)
    ("sgd-momentum", None, ("float64", "float32"), True),
    ("sgd-nesterov", None, ("float64",), False),
    ("sgd-plain", None, ("float64",), False),
    ("adam-amsgrad", None, ("float64", "float32"), False),
    ("adamw", None, ("float64", "float32"), True),
    ("adamw-amsgrad", None, ("float64",), False),
    ("rmsprop-centered", None, ("float64", "float32"), False),
    ("rmsprop", None, ("float64",), True),
    ("adagrad", None, ("float64", "float32"), True),
    ("sgd-momentum", "StepLR", ("float64", "float32"), False),
    ("adam-amsgrad", "CosineAnnealingLR", ("float64",), True),
    ("sgd-momentum", "OneCycleLR", ("float64", "float32"), False),
    ("adamw", "OneCycleLR", ("float64",), True),
    ("rmsprop-centered", "OneCycleLR-linear-3", ("float64",), False),
    ("adagrad", "ReduceLROnPlateau", ("float64",), False),
    ("sgd-momentum", "ReduceLROnPlateau-max", ("float64",), True),
    ("adam-amsgrad", "ExponentialLR", ("float32",), False),
    ("adadelta", None, ("float64",), False),
    ("adamax", None, ("float64",), False),
    ("nadam", None, ("float64", "float32"), False),
    ("radam", None, ("float64",), False),
    ("asgd", None, ("float64", "float32"), False),
    ("rprop", None, ("float64",), True),
]

OPT_CLASSES = {"SGD": torch.optim.SGD, "Adam": torch.optim.Adam, "AdamW": torch.optim.AdamW,
               "RMSprop": torch.optim.RMSprop, "Adagrad": torch.optim.Adagrad,
               "Adadelta": torch.optim.Adadelta, "Adamax": torch.optim.Adamax, "NAdam": torch.optim.NAdam,
               "RAdam": torch.optim.RAdam, "ASGD": torch.optim.ASGD, "Rprop": torch.optim.Rprop}
METRICS = [1.0, 0.9, 0.95, 0.97, 0.96, 0.99, 0.8, 0.85]


def build_optimizer(opt_id, values, two_groups):
    """Leaf params with `values`, and the optimizer `opt_id` over them (two groups: the second at half the lr)."""
    name, kw, _ = OPTIMIZERS[opt_id]
    params = [v.clone().requires_grad_(True) for v in values]
    if two_groups:
        groups = [{"params": params[:1]}, {"params": params[1:], "lr": kw["lr"] / 2}]
    else:
        groups = [{"params": params}]
    return params, OPT_CLASSES[name](groups, **kw)


def build(opt_id, sched_id, values, two_groups):
    params, opt = build_optimizer(opt_id, values, two_groups)
    spec = SCHEDULERS[sched_id]
    return params, opt, (spec[0](opt) if spec else None)


def advance(params, opt, sched, grads, metric):
    for p, g in zip(params, grads):
        p.grad = g.clone()
    opt.step()
    if sched is None:
        return
    if isinstance(sched, L.ReduceLROnPlateau):
        sched.step(metric)
    else:
        sched.step()


def saved_run(dt, gen, build_run, step, sched_to_json, sched_from_json):
    """PyTorch trains K steps from random params (`build_run(values)` -> params, opt, sched; `step(params,
    opt, sched, grads, t)`), saves the optimizer (and scheduler) in the torch format, and continues K more
    steps; then a fresh run at step K loads the files with the format's reader and takes the same K steps.
    Returns both runs, for the caller's checks and its case."""
    dtype = DTYPES[dt]
    params0 = [torch.randn(s, generator=gen, dtype=torch.float64).to(dtype) for s in SHAPES]
    grads = [[torch.randn(s, generator=gen, dtype=torch.float64).to(dtype) for s in SHAPES] for _ in range(2 * K)]
    params, opt, sched = build_run(params0)
    for t in range(K):
        step(params, opt, sched, grads[t], t)
    params_k = [p.detach().clone() for p in params]
    opt_json, tensors = optimizer_to_json(opt)
    sched_json = sched_to_json(sched) if sched is not None else None
    data = st_serialize(tensors)
    lrs = []
    for t in range(K, 2 * K):
        step(params, opt, sched, grads[t], t)
        lrs.append([g["lr"] for g in opt.param_groups])
    final = [p.detach().clone() for p in params]

    r_params, r_opt, r_sched = build_run(params_k)
    loaded, _ = st_deserialize(data)
    optimizer_from_json(r_opt, opt_json, loaded)
    if r_sched is not None:
        sched_from_json(r_sched, sched_json)
    r_lrs = []
    for t in range(K, 2 * K):
        step(r_params, r_opt, r_sched, grads[t], t)
        r_lrs.append([g["lr"] for g in r_opt.param_groups])
    return {"params0": params0, "grads": grads, "params_k": params_k, "opt_json": opt_json, "sched_json": sched_json,
            "data": data, "lrs": lrs, "final": final, "resumed": r_params, "resumed_lrs": r_lrs}


def case_of(case_id, run, dt, two_groups, opt_id, scheduler, metrics):
    """A torch-format case from `saved_run`'s result; `scheduler` is torchlet's spec of it (or None)."""
    name, _, ts_options = OPTIMIZERS[opt_id]
    return {"id": case_id, "dtype": dt, **tol(dt), "optimizer": name, "options": ts_options, "scheduler": scheduler, "k": K,
            "group_sizes": [1, 1] if two_groups else [2],
            "params0": [enc(p) for p in run["params0"]], "params_k": [enc(p) for p in run["params_k"]],
            "grads": [[enc(g) for g in step] for step in run["grads"]], "metrics": metrics,
            "saved": {"optimizer": run["opt_json"], "scheduler": run["sched_json"],
                      "safetensors_base64": base64.b64encode(run["data"]).decode("ascii")},
            "final": [enc(p) for p in run["final"]], "lrs": run["lrs"]}


def run_case(opt_id, sched_id, dt, two_groups, gen):
    plateau = sched_id is not None and sched_id.startswith("ReduceLROnPlateau")
    metrics = METRICS if plateau else None
    run = saved_run(dt, gen, lambda values: build(opt_id, sched_id, values, two_groups),
                    lambda params, opt, sched, grads, t: advance(params, opt, sched, grads, metrics[t] if metrics else None),
                    scheduler_to_json, scheduler_from_json)
    # the format's reader: a fresh optimizer and scheduler at step k continue the run bit for bit
    if OPTIMIZERS[opt_id][0] in ("NAdam", "ASGD"):
        # PyTorch's load_state_dict casts the float32 0-d mu_product / eta / mu (not `step`) to a float64
        # param's dtype, so its own resumed run differs from the uninterrupted one in the last bits
        assert all(torch.allclose(a.detach(), b, rtol=1e-6, atol=0) for a, b in zip(run["resumed"], run["final"])), (opt_id, dt)
    else:
        assert all(torch.equal(a.detach(), b) for a, b in zip(run["resumed"], run["final"])), (opt_id, sched_id, dt)
    sched_spec = None if sched_id is None else {"kind": sched_id.split("-")[0], "options": SCHEDULERS[sched_id][1]}
    return case_of(f"{opt_id}/{sched_id or 'none'}/{dt}", run, dt, two_groups, opt_id, sched_spec, metrics)


def generate():
    gen = torch.Generator().manual_seed(SEED)
    cases = [run_case(o, s, dt, two, gen) for o, s, dts, two in RUNS for dt in dts]
    write_fixture("optim", "torch_format", __file__, SEED, cases)
