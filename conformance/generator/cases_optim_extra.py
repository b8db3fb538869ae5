"""Fixtures for @torchlet/optim's later additions: ASGD, Rprop, ConstantLR, PolynomialLR,
MultiplicativeLR, CyclicLR, ChainedScheduler, and PyTorch's errors for their arguments.

Kept apart from cases_optim.py (its own seeds) so that module's random stream and fixtures stay unchanged.

Files written (fixtures/optim/):
  extra_trajectories.json  ASGD and Rprop, every option alone and combined, per-group options, float32 and
                           float64: the gradients fed at each step, the params after each step, the final state
                           (same layout as trajectories.json).
  extra_schedulers.json    each group's lr and momentum (SGD / RMSprop momentum, Adam's beta1) after
                           construction and after every step; `epochs` gives step(epoch) calls (null: step()),
                           which use the closed form where PyTorch has one (ConstantLR, PolynomialLR).
  extra_errors.json        arguments PyTorch rejects: `error` is PyTorch's exception, `steps` how many steps
                           (optimizer steps with the problem's gradients, or scheduler steps) it took to raise.
"""
import math
import re
import warnings

import torch

from cases_optim import build_scheduler as build_base_scheduler, make_problem
from common import DTYPES, enc, tol, write_fixture

SEED = 4321
STEPS = 8

OPTIMIZERS = {"ASGD": torch.optim.ASGD, "Rprop": torch.optim.Rprop, "SGD": torch.optim.SGD,
              "Adam": torch.optim.Adam, "RMSprop": torch.optim.RMSprop}


def snake(name):
    """torchlet's camelCase option name -> PyTorch's keyword (unknown names pass through unchanged)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def torch_kwargs(opts):
    return {snake(k): tuple(v) if k in ("betas", "etas", "stepSizes") else v for k, v in opts.items()}


# (optimizer, id suffix, torchlet options, steps). ASGD averages (mu < 1) only once step > t0.
COMBOS = [
    ("ASGD", "default", {}, STEPS),
    ("ASGD", "lr_lambd_alpha", {"lr": 0.05, "lambd": 0.01, "alpha": 0.5}, STEPS),
    ("ASGD", "t0", {"lr": 0.05, "t0": 3}, 10),
    ("ASGD", "weight_decay", {"lr": 0.05, "weightDecay": 0.1}, STEPS),
    ("ASGD", "maximize", {"lr": 0.02, "maximize": True}, STEPS),
    ("ASGD", "all", {"lr": 0.03, "lambd": 0.05, "alpha": 0.6, "t0": 2, "weightDecay": 0.05, "maximize": True}, 10),
    ("Rprop", "default", {}, 10),
    ("Rprop", "lr", {"lr": 0.1}, 10),
    ("Rprop", "etas", {"lr": 0.1, "etas": [0.3, 1.5]}, 10),
    ("Rprop", "step_sizes", {"lr": 0.05, "stepSizes": [0.01, 0.08]}, 10),
    ("Rprop", "maximize", {"lr": 0.05, "maximize": True}, STEPS),
    ("Rprop", "all", {"lr": 0.2, "etas": [0.4, 1.3], "stepSizes": [0.02, 0.3], "maximize": True}, 10),
]

GROUP_CASES = [
    ("ASGD", {"lr": 0.05, "t0": 4}, [{"lambd": 0.01}, {"lr": 0.02, "t0": 1, "weightDecay": 0.1}]),
    ("Rprop", {"lr": 0.1}, [{"etas": [0.4, 1.4]}, {"lr": 0.05, "stepSizes": [0.001, 0.1]}]),
]


def run_trajectory(opt_name, opts, steps, dtype_name, gen, groups=None):
    init, loss_fn = make_problem(DTYPES[dtype_name], gen)
    params = [t.clone().requires_grad_(True) for t in init]
    cls = OPTIMIZERS[opt_name]
    spec = params if groups is None else [{"params": [p], **torch_kwargs(g)} for p, g in zip(params, groups)]
    opt = cls(spec, **torch_kwargs(opts))
    grads, traj = [], []
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(*params).backward()
        grads.append([enc(p.grad) for p in params])
        opt.step()
        traj.append([enc(p) for p in params])
    state = {}
    for idx, st in opt.state_dict()["state"].items():
        state[str(idx)] = {k: (enc(v) if isinstance(v, torch.Tensor) and v.dim() > 0 else
                               (float(v) if isinstance(v, torch.Tensor) else v)) for k, v in st.items()}
    return {"initial": [enc(t) for t in init], "grads": grads, "trajectory": traj, "final_state": state}


def trajectory_cases():
    gen = torch.Generator().manual_seed(SEED)
    cases = []
    for dtype_name in ("float32", "float64"):
        for opt_name, suffix, opts, steps in COMBOS:
            case = {"id": f"{opt_name}.{suffix}.{dtype_name}", "dtype": dtype_name, **tol(dtype_name),
                    "optimizer": opt_name, "options": opts, "steps": steps}
            case.update(run_trajectory(opt_name, opts, steps, dtype_name, gen))
            cases.append(case)
        for opt_name, opts, groups in GROUP_CASES:
            case = {"id": f"{opt_name}.param_groups.{dtype_name}", "dtype": dtype_name, **tol(dtype_name),
                    "optimizer": opt_name, "options": opts, "groups": groups, "steps": STEPS}
            case.update(run_trajectory(opt_name, opts, STEPS, dtype_name, gen, groups=groups))
            cases.append(case)
    return cases


# ---- schedulers ---------------------------------------------------------------------------------
# Named functions (the test has the same ones): MultiplicativeLR's lr_lambda, CyclicLR's scale_fn.
FUNCTIONS = {
    "const95": lambda epoch: 0.95,
    "alternate": lambda epoch: 0.9 if epoch % 2 else 1.05,
    "inverse": lambda x: 1.0 / (1.0 + 0.1 * x),
    "cosine": lambda x: 0.5 * (1.0 + math.cos(x)),
}

NEW_KINDS = ("ConstantLR", "PolynomialLR", "MultiplicativeLR", "CyclicLR")


def build_scheduler(spec, opt):
    kind, kw = spec["kind"], spec["options"]
    S = torch.optim.lr_scheduler
    if kind == "ChainedScheduler":
        return S.ChainedScheduler([build_scheduler(s, opt) for s in kw["schedulers"]])
    if kind not in NEW_KINDS:
        return build_base_scheduler(spec, opt)
    args = {}
    for k, v in kw.items():
        if k in ("lrLambda", "scaleFn"):
            v = [FUNCTIONS[n] for n in v] if isinstance(v, list) else FUNCTIONS[v]
        args[snake(k)] = v
    return getattr(S, kind)(opt, **args)


def make_optimizer(opt_name, group_lrs):
    p1, p2 = torch.zeros(2, requires_grad=True), torch.zeros(2, requires_grad=True)
    groups = [{"params": [p1], "lr": group_lrs[0]}, {"params": [p2], "lr": group_lrs[1]}]
    if opt_name == "SGD":
        return torch.optim.SGD(groups, lr=0.1, momentum=0.9)
    if opt_name == "RMSprop":
        return torch.optim.RMSprop(groups, momentum=0.5)
    return torch.optim.Adam(groups)


def momentum_of(opt_name, group):
    return group["betas"][0] if opt_name == "Adam" else group["momentum"]


def chained(*specs):
    return {"schedulers": [{"kind": k, "options": o} for k, o in specs]}


# (kind, options, steps, optimizer, epochs: step(epoch) arguments or None for plain steps)
SCHEDULERS = [
    ("ConstantLR", {}, 8, "SGD", None),
    ("ConstantLR", {"factor": 0.5, "totalIters": 3}, 6, "SGD", None),
    ("ConstantLR", {"factor": 1.0, "totalIters": 2}, 4, "SGD", None),
    ("ConstantLR", {"factor": 0.25, "totalIters": 4}, 8, "SGD", [None, None, 6, None, 2, None, 4, 1]),
    ("PolynomialLR", {}, 8, "SGD", None),
    ("PolynomialLR", {"totalIters": 6, "power": 2.0}, 9, "SGD", None),
    ("PolynomialLR", {"totalIters": 4, "power": 0.5}, 6, "Adam", None),
    ("PolynomialLR", {"totalIters": 10, "power": 1.5}, 7, "SGD", [None, 3, None, 12, None, 7, 2]),
    ("MultiplicativeLR", {"lrLambda": "const95"}, 10, "SGD", None),
    ("MultiplicativeLR", {"lrLambda": ["const95", "alternate"]}, 10, "SGD", None),
    ("MultiplicativeLR", {"lrLambda": "alternate"}, 6, "SGD", [None, 4, None, 9, 0, None]),
    ("CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 4}, 20, "SGD", None),
    ("CyclicLR", {"baseLr": [0.01, 0.005], "maxLr": [0.1, 0.05], "stepSizeUp": 3, "stepSizeDown": 5,
                  "mode": "triangular2"}, 34, "SGD", None),
    ("CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 5, "mode": "exp_range", "gamma": 0.9}, 25, "SGD",
     None),
    ("CyclicLR", {"baseLr": 0.001, "maxLr": 0.01, "stepSizeUp": 3, "scaleFn": "inverse", "scaleMode": "cycle"}, 20,
     "SGD", None),
    ("CyclicLR", {"baseLr": 0.001, "maxLr": 0.01, "stepSizeUp": 4, "stepSizeDown": 2, "scaleFn": "cosine",
                  "scaleMode": "iterations", "mode": "exp_range", "gamma": 0.5}, 20, "SGD", None),
    ("CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 3, "baseMomentum": [0.7, 0.75],
                  "maxMomentum": [0.95, 0.9]}, 14, "SGD", None),
    ("CyclicLR", {"baseLr": 0.02, "maxLr": 0.2, "stepSizeUp": 2.5, "baseMomentum": 0.3, "maxMomentum": 0.6}, 12,
     "RMSprop", None),
    ("CyclicLR", {"baseLr": 0.01, "maxLr": 0.05, "stepSizeUp": 3, "stepSizeDown": 0}, 10, "SGD", None),
    ("CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 2, "cycleMomentum": False}, 10, "Adam", None),
    ("CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 4, "mode": "triangular2"}, 6, "SGD",
     [None, 10, None, 3, 17, None]),
    ("ChainedScheduler", chained(("ConstantLR", {"factor": 0.1, "totalIters": 2}), ("ExponentialLR", {"gamma": 0.9})),
     8, "SGD", None),
    ("ChainedScheduler", chained(("StepLR", {"stepSize": 2, "gamma": 0.5}),
                                 ("PolynomialLR", {"totalIters": 6, "power": 2.0}),
                                 ("MultiplicativeLR", {"lrLambda": "alternate"})), 10, "Adam", None),
    ("ChainedScheduler", chained(("LinearLR", {"startFactor": 0.5, "totalIters": 3}),
                                 ("CosineAnnealingLR", {"TMax": 5})), 12, "SGD", None),
]


def scheduler_cases():
    cases = []
    counts = {}
    for kind, opts, steps, opt_name, epochs in SCHEDULERS:
        counts[kind] = counts.get(kind, 0) + 1
        group_lrs = [0.1, 0.05]
        opt = make_optimizer(opt_name, group_lrs)
        sched = build_scheduler({"kind": kind, "options": opts}, opt)
        lrs = [[g["lr"] for g in opt.param_groups]]
        mom = [[momentum_of(opt_name, g) for g in opt.param_groups]]
        for i in range(steps):
            opt.step()
            if epochs is not None and epochs[i] is not None:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # the deprecated step(epoch) form
                    sched.step(epochs[i])
            else:
                sched.step()
            lrs.append([g["lr"] for g in opt.param_groups])
            mom.append([momentum_of(opt_name, g) for g in opt.param_groups])
            assert sched.get_last_lr() == lrs[-1]
        case = {"id": f"{kind}.{counts[kind]}", "dtype": "float64", **tol("float64"), "scheduler": kind,
                "options": opts, "optimizer": opt_name, "group_lrs": group_lrs, "steps": steps, "lrs": lrs,
                "momentum": mom}
        if epochs is not None:
            case["epochs"] = epochs
        cases.append(case)
    return cases


# ---- errors -------------------------------------------------------------------------------------
# (id, optimizer, options) for optimizers; raised by the constructor or within the first steps.
OPTIMIZER_ERRORS = [
    ("ASGD.negative_lr", "ASGD", {"lr": -0.1}),
    ("ASGD.negative_weight_decay", "ASGD", {"weightDecay": -0.1}),
    ("ASGD.negative_lambd_domain", "ASGD", {"lr": 0.5, "lambd": -5.0}),
    ("ASGD.unknown_option", "ASGD", {"lamda": 0.1}),
    ("Rprop.negative_lr", "Rprop", {"lr": -1.0}),
    ("Rprop.etaminus_above_1", "Rprop", {"etas": [1.5, 1.2]}),
    ("Rprop.etaminus_zero", "Rprop", {"etas": [0.0, 1.2]}),
    ("Rprop.etaplus_below_1", "Rprop", {"etas": [0.5, 0.9]}),
    ("Rprop.etaplus_1", "Rprop", {"etas": [0.5, 1.0]}),
    ("Rprop.unknown_option", "Rprop", {"eta": [0.5, 1.2]}),
]

# (id, scheduler spec options, optimizer, steps to try): raised by the constructor or by a later step.
SCHEDULER_ERRORS = [
    ("ConstantLR.factor_above_1", "ConstantLR", {"factor": 1.5}, "SGD"),
    ("ConstantLR.factor_negative", "ConstantLR", {"factor": -0.1}, "SGD"),
    ("ConstantLR.factor_zero", "ConstantLR", {"factor": 0.0}, "SGD"),
    ("ConstantLR.unknown_option", "ConstantLR", {"factr": 0.5}, "SGD"),
    ("PolynomialLR.negative_power", "PolynomialLR", {"totalIters": 4, "power": -1.0}, "SGD"),
    ("MultiplicativeLR.lambda_count", "MultiplicativeLR", {"lrLambda": ["const95"]}, "SGD"),
    ("CyclicLR.invalid_mode", "CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "mode": "linear"}, "SGD"),
    ("CyclicLR.no_momentum", "CyclicLR", {"baseLr": 0.01, "maxLr": 0.1}, "Adam"),
    ("CyclicLR.base_lr_count", "CyclicLR", {"baseLr": [0.01, 0.02, 0.03], "maxLr": 0.1}, "SGD"),
    ("CyclicLR.max_momentum_count", "CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "maxMomentum": [0.9]}, "SGD"),
    ("CyclicLR.zero_step_size", "CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "stepSizeUp": 0}, "SGD"),
    ("CyclicLR.unknown_option", "CyclicLR", {"baseLr": 0.01, "maxLr": 0.1, "stepSize": 10}, "SGD"),
    ("ChainedScheduler.empty", "ChainedScheduler", {"schedulers": []}, "SGD"),
]
ERROR_STEPS = 10


def describe(e):
    return f"{type(e).__name__}: {e}"


def error_cases():
    gen = torch.Generator().manual_seed(SEED + 1)
    cases = []
    for case_id, name, opts in OPTIMIZER_ERRORS:
        init, loss_fn = make_problem(torch.float64, gen)
        params = [t.clone().requires_grad_(True) for t in init]
        error, steps = None, 0
        try:
            opt = OPTIMIZERS[name](params, **torch_kwargs(opts))
            for steps in range(1, ERROR_STEPS + 1):
                opt.zero_grad()
                loss_fn(*params).backward()
                opt.step()
        except Exception as e:  # noqa: BLE001 - recording PyTorch's exception is the point
            error = describe(e)
        assert error is not None, case_id
        cases.append({"id": case_id, "dtype": "float64", **tol("float64"), "kind": "optimizer", "target": name,
                      "options": opts, "steps": steps, "error": error})
    for case_id, kind, opts, opt_name in SCHEDULER_ERRORS:
        opt = make_optimizer(opt_name, [0.1, 0.05])
        error, steps = None, 0
        try:
            sched = build_scheduler({"kind": kind, "options": opts}, opt)
            for steps in range(1, ERROR_STEPS + 1):
                opt.step()
                sched.step()
        except Exception as e:  # noqa: BLE001
            error = describe(e)
        assert error is not None, case_id
        cases.append({"id": case_id, "dtype": "float64", **tol("float64"), "kind": "scheduler", "target": kind,
                      "options": opts, "optimizer": opt_name, "steps": steps, "error": error})
    # ChainedScheduler over two optimizers
    a, b = make_optimizer("SGD", [0.1, 0.05]), make_optimizer("SGD", [0.1, 0.05])
    try:
        torch.optim.lr_scheduler.ChainedScheduler([torch.optim.lr_scheduler.StepLR(a, 2),
                                                   torch.optim.lr_scheduler.StepLR(b, 2)])
        raise AssertionError("ChainedScheduler accepted two optimizers")
    except ValueError as e:
        cases.append({"id": "ChainedScheduler.two_optimizers", "dtype": "float64", **tol("float64"),
                      "kind": "chained_two_optimizers", "target": "ChainedScheduler", "options": {}, "steps": 0,
                      "error": describe(e)})
    return cases


def generate():
    torch.manual_seed(SEED)
    write_fixture("optim", "extra_trajectories", __file__, SEED, trajectory_cases())
    write_fixture("optim", "extra_schedulers", __file__, SEED, scheduler_cases())
    write_fixture("optim", "extra_errors", __file__, SEED, error_cases())
