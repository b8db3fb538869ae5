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


def build(opt_id, sched_id, values, two_groups):
    name, kw, _ = OPTIMIZERS[opt_id]
    params = [v.clone().requires_grad_(True) for v in values]
    if two_groups:
        groups = [{"params": params[:1]}, {"params": params[1:], "lr": kw["lr"] / 2}]
    else:
        groups = [{"params": params}]
    opt = OPT_CLASSES[name](groups, **kw)
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


def run_case(opt_id, sched_id, dt, two_groups, gen):
    dtype = DTYPES[dt]
    params0 = [torch.randn(s, generator=gen, dtype=torch.float64).to(dtype) for s in SHAPES]
    grads = [[torch.randn(s, generator=gen, dtype=torch.float64).to(dtype) for s in SHAPES] for _ in range(2 * K)]
    plateau = sched_id is not None and sched_id.startswith("ReduceLROnPlateau")
    metrics = METRICS if plateau else None
    params, opt, sched = build(opt_id, sched_id, params0, two_groups)
    for t in range(K):
        advance(params, opt, sched, grads[t], metrics[t] if metrics else None)
    params_k = [p.detach().clone() for p in params]
    opt_json, tensors = optimizer_to_json(opt)
    sched_json = scheduler_to_json(sched) if sched is not None else None
    data = st_serialize(tensors)
    lrs = []
    for t in range(K, 2 * K):
        advance(params, opt, sched, grads[t], metrics[t] if metrics else None)
        lrs.append([g["lr"] for g in opt.param_groups])
    final = [p.detach().clone() for p in params]

    # the format's reader: a fresh optimizer and scheduler at step k continue the run bit for bit
    r_params, r_opt, r_sched = build(opt_id, sched_id, params_k, two_groups)
    loaded, _ = st_deserialize(data)
    optimizer_from_json(r_opt, opt_json, loaded)
    if r_sched is not None:
        scheduler_from_json(r_sched, sched_json)
    for t in range(K, 2 * K):
        advance(r_params, r_opt, r_sched, grads[t], metrics[t] if metrics else None)
    if OPTIMIZERS[opt_id][0] in ("NAdam", "ASGD"):
        # PyTorch's load_state_dict casts the float32 0-d mu_product / eta / mu (not `step`) to a float64
        # param's dtype, so its own resumed run differs from the uninterrupted one in the last bits
        assert all(torch.allclose(a.detach(), b, rtol=1e-6, atol=0) for a, b in zip(r_params, final)), (opt_id, dt)
    else:
        assert all(torch.equal(a.detach(), b) for a, b in zip(r_params, final)), (opt_id, sched_id, dt)

    name, _, ts_options = OPTIMIZERS[opt_id]
    sched_spec = None if sched_id is None else {"kind": sched_id.split("-")[0], "options": SCHEDULERS[sched_id][1]}
    cid = f"{opt_id}/{sched_id or 'none'}/{dt}"
    return {"id": cid, "dtype": dt, **tol(dt), "optimizer": name, "options": ts_options, "scheduler": sched_spec, "k": K,
            "group_sizes": [1, 1] if two_groups else [2],
            "params0": [enc(p) for p in params0], "params_k": [enc(p) for p in params_k],
            "grads": [[enc(g) for g in step] for step in grads], "metrics": metrics,
            "saved": {"optimizer": opt_json, "scheduler": sched_json, "safetensors_base64": base64.b64encode(data).decode("ascii")},
            "final": [enc(p) for p in final], "lrs": lrs}


def generate():
    gen = torch.Generator().manual_seed(SEED)
    cases = [run_case(o, s, dt, two, gen) for o, s, dts, two in RUNS for dt in dts]
    write_fixture("optim", "torch_format", __file__, SEED, cases)
