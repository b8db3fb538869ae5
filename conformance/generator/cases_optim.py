"""Fixtures for @torchlet/optim: optimizer trajectories, LBFGS on Rosenbrock, lr schedules.

Files written (fixtures/optim/):
  trajectories.json  every optimizer and option combination, float32 and float64. Each case holds the
                     initial params, the gradient fed at each step (computed by torch from the current
                     params of a fixed quadratic loss, so torchlet replays exactly the same gradients),
                     the params after every step and torch's optimizer state after the last step.
  lbfgs.json         LBFGS with and without strong-Wolfe line search on a Rosenbrock closure; the test
                     recomputes the closure in TypeScript, so each case records loss and params per step.
  schedulers.json    every lr scheduler: get_last_lr() after construction and after each step (and the
                     momentum / beta1 that OneCycleLR cycles).

PyTorch 1.13 runs the single-tensor ("for-loop") implementations by default (foreach=None -> False);
those are the ones torchlet mirrors.
"""
import math

import torch

from common import DTYPES, enc, tol, write_fixture

SEED = 1234
STEPS = 8

# Name in torchlet -> (torch class, {torchlet option name: torch kwarg name}).
OPTIMIZERS = {
    "SGD": torch.optim.SGD,
    "Adam": torch.optim.Adam,
    "AdamW": torch.optim.AdamW,
    "RMSprop": torch.optim.RMSprop,
    "Adagrad": torch.optim.Adagrad,
    "Adadelta": torch.optim.Adadelta,
    "Adamax": torch.optim.Adamax,
    "NAdam": torch.optim.NAdam,
    "RAdam": torch.optim.RAdam,
}

TORCH_NAMES = {
    "weightDecay": "weight_decay",
    "lrDecay": "lr_decay",
    "initialAccumulatorValue": "initial_accumulator_value",
    "momentumDecay": "momentum_decay",
}

# (optimizer, id suffix, torchlet options, steps). Every documented option, alone and combined.
COMBOS = [
    ("SGD", "lr", {"lr": 0.1}, STEPS),
    ("SGD", "momentum", {"lr": 0.1, "momentum": 0.9}, STEPS),
    ("SGD", "momentum_dampening", {"lr": 0.1, "momentum": 0.9, "dampening": 0.3}, STEPS),
    ("SGD", "nesterov", {"lr": 0.1, "momentum": 0.8, "nesterov": True}, STEPS),
    ("SGD", "weight_decay", {"lr": 0.1, "weightDecay": 0.05}, STEPS),
    ("SGD", "maximize", {"lr": 0.05, "maximize": True}, STEPS),
    ("SGD", "all", {"lr": 0.05, "momentum": 0.7, "dampening": 0.1, "weightDecay": 0.02, "maximize": True}, STEPS),
    ("SGD", "nesterov_wd_maximize", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weightDecay": 0.1,
                                     "maximize": True}, STEPS),
    ("Adam", "default", {}, STEPS),
    ("Adam", "lr_betas_eps", {"lr": 0.05, "betas": [0.8, 0.95], "eps": 1e-3}, STEPS),
    ("Adam", "amsgrad", {"lr": 0.05, "amsgrad": True}, STEPS),
    ("Adam", "weight_decay", {"lr": 0.05, "weightDecay": 0.1}, STEPS),
    ("Adam", "maximize", {"lr": 0.05, "maximize": True}, STEPS),
    ("Adam", "all", {"lr": 0.05, "betas": [0.85, 0.99], "amsgrad": True, "weightDecay": 0.1, "maximize": True},
     STEPS),
    ("AdamW", "default", {}, STEPS),
    ("AdamW", "weight_decay", {"lr": 0.05, "weightDecay": 0.3}, STEPS),
    ("AdamW", "amsgrad", {"lr": 0.05, "amsgrad": True}, STEPS),
    ("AdamW", "maximize", {"lr": 0.05, "maximize": True}, STEPS),
    ("AdamW", "all", {"lr": 0.05, "betas": [0.8, 0.9], "eps": 1e-6, "amsgrad": True, "weightDecay": 0.2,
                      "maximize": True}, STEPS),
    ("RMSprop", "default", {}, STEPS),
    ("RMSprop", "alpha_eps", {"lr": 0.02, "alpha": 0.9, "eps": 1e-4}, STEPS),
    ("RMSprop", "centered", {"lr": 0.02, "centered": True}, STEPS),
    ("RMSprop", "momentum", {"lr": 0.02, "momentum": 0.9}, STEPS),
    ("RMSprop", "centered_momentum", {"lr": 0.02, "centered": True, "momentum": 0.5}, STEPS),
    ("RMSprop", "weight_decay", {"lr": 0.02, "weightDecay": 0.1}, STEPS),
    ("RMSprop", "maximize", {"lr": 0.02, "maximize": True}, STEPS),
    ("RMSprop", "all", {"lr": 0.01, "alpha": 0.8, "eps": 1e-6, "centered": True, "momentum": 0.3,
                        "weightDecay": 0.05, "maximize": True}, STEPS),
    ("Adagrad", "default", {}, STEPS),
    ("Adagrad", "lr_decay", {"lr": 0.1, "lrDecay": 0.05}, STEPS),
    ("Adagrad", "initial_accumulator", {"lr": 0.1, "initialAccumulatorValue": 0.5}, STEPS),
    ("Adagrad", "weight_decay", {"lr": 0.1, "weightDecay": 0.1}, STEPS),
    ("Adagrad", "eps", {"lr": 0.1, "eps": 1e-2}, STEPS),
    ("Adagrad", "maximize", {"lr": 0.1, "maximize": True}, STEPS),
    ("Adagrad", "all", {"lr": 0.1, "lrDecay": 0.1, "initialAccumulatorValue": 0.2, "weightDecay": 0.05,
                        "eps": 1e-6, "maximize": True}, STEPS),
    ("Adadelta", "default", {}, STEPS),
    ("Adadelta", "rho_eps", {"rho": 0.5, "eps": 1e-3}, STEPS),
    ("Adadelta", "lr", {"lr": 0.5}, STEPS),
    ("Adadelta", "weight_decay", {"weightDecay": 0.1}, STEPS),
    ("Adadelta", "maximize", {"maximize": True}, STEPS),
    ("Adadelta", "all", {"lr": 2.0, "rho": 0.8, "eps": 1e-4, "weightDecay": 0.05, "maximize": True}, STEPS),
    ("Adamax", "default", {}, STEPS),
    ("Adamax", "betas_eps", {"lr": 0.05, "betas": [0.8, 0.9], "eps": 1e-3}, STEPS),
    ("Adamax", "weight_decay", {"lr": 0.05, "weightDecay": 0.1}, STEPS),
    ("Adamax", "maximize", {"lr": 0.05, "maximize": True}, STEPS),
    ("NAdam", "default", {}, STEPS),
    ("NAdam", "momentum_decay", {"lr": 0.05, "momentumDecay": 0.1}, STEPS),
    ("NAdam", "weight_decay", {"lr": 0.05, "weightDecay": 0.1}, STEPS),
    ("NAdam", "betas_eps", {"lr": 0.05, "betas": [0.8, 0.95], "eps": 1e-4}, STEPS),
    # RAdam only rectifies once rho_t > 5: with beta2 = 0.999 that is step 6 on, so 12 steps cover both.
    ("RAdam", "default", {}, 12),
    ("RAdam", "weight_decay", {"lr": 0.05, "weightDecay": 0.1}, 12),
    ("RAdam", "betas_eps", {"lr": 0.05, "betas": [0.8, 0.9], "eps": 1e-4}, 12),
]


def torch_kwargs(name, opts):
    kw = {}
    for k, v in opts.items():
        kw[TORCH_NAMES.get(k, k)] = tuple(v) if k == "betas" else v
    return kw


def make_problem(dtype, gen):
    """Two params (a 2x3 weight and a 3-vector) and a fixed quadratic loss with a coupling term."""
    w = torch.randn(2, 3, generator=gen, dtype=torch.float64).to(dtype)
    b = torch.randn(3, generator=gen, dtype=torch.float64).to(dtype)
    A = torch.randn(4, 2, generator=gen, dtype=torch.float64).to(dtype)
    T = torch.randn(4, 3, generator=gen, dtype=torch.float64).to(dtype)

    def loss_fn(w, b):
        return ((A @ w + b - T) ** 2).sum() + 0.5 * (w ** 4).sum() + (b * w[0]).sum()

    return [w, b], loss_fn


def run_trajectory(opt_name, opts, steps, dtype_name, gen, groups=None, none_grad=False):
    dtype = DTYPES[dtype_name]
    init, loss_fn = make_problem(dtype, gen)
    params = [t.clone().requires_grad_(True) for t in init]
    extra = None
    if none_grad:
        extra = torch.randn(3, generator=gen, dtype=torch.float64).to(dtype).requires_grad_(True)
    cls = OPTIMIZERS[opt_name]
    if groups is None:
        plist = params + ([extra] if extra is not None else [])
        opt = cls(plist, **torch_kwargs(opt_name, opts))
    else:
        # groups: list of option dicts for [w], [b]
        opt = cls([{"params": [p], **torch_kwargs(opt_name, g)} for p, g in zip(params, groups)],
                  **torch_kwargs(opt_name, opts))
    grads, traj = [], []
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(*params)
        loss.backward()
        grads.append([enc(p.grad) for p in params])
        opt.step()
        traj.append([enc(p) for p in params])
    sd = opt.state_dict()
    state = {}
    for idx, st in sd["state"].items():
        state[str(idx)] = {k: (enc(v) if isinstance(v, torch.Tensor) and v.dim() > 0 else
                               (float(v) if isinstance(v, torch.Tensor) else v))
                           for k, v in st.items()}
    case = {
        "initial": [enc(t) for t in init],
        "grads": grads,
        "trajectory": traj,
        "final_state": state,
    }
    if extra is not None:
        case["extra"] = enc(extra)
    return case


def trajectory_cases():
    gen = torch.Generator().manual_seed(SEED)
    cases = []
    for dtype_name in ("float32", "float64"):
        for opt_name, suffix, opts, steps in COMBOS:
            case = {"id": f"{opt_name}.{suffix}.{dtype_name}", "dtype": dtype_name, **tol(dtype_name),
                    "optimizer": opt_name, "options": opts, "steps": steps}
            case.update(run_trajectory(opt_name, opts, steps, dtype_name, gen))
            cases.append(case)
        # Per-group options, and a third param that never gets a gradient (skipped, no state).
        group_cases = [
            ("SGD", {"lr": 0.1}, [{"momentum": 0.9}, {"lr": 0.02, "nesterov": True, "momentum": 0.5}]),
            ("Adam", {"lr": 0.05}, [{"betas": [0.8, 0.9]}, {"lr": 0.01, "amsgrad": True}]),
            ("RMSprop", {"lr": 0.01}, [{"centered": True}, {"momentum": 0.9, "weightDecay": 0.1}]),
        ]
        for opt_name, opts, groups in group_cases:
            case = {"id": f"{opt_name}.param_groups.{dtype_name}", "dtype": dtype_name, **tol(dtype_name),
                    "optimizer": opt_name, "options": opts, "groups": groups, "steps": STEPS}
            case.update(run_trajectory(opt_name, opts, STEPS, dtype_name, gen, groups=groups))
            cases.append(case)
        for opt_name, opts in (("SGD", {"lr": 0.1, "momentum": 0.9}), ("Adam", {"lr": 0.05})):
            case = {"id": f"{opt_name}.none_grad.{dtype_name}", "dtype": dtype_name, **tol(dtype_name),
                    "optimizer": opt_name, "options": opts, "steps": STEPS}
            case.update(run_trajectory(opt_name, opts, STEPS, dtype_name, gen, none_grad=True))
            cases.append(case)
    return cases


ROSENBROCK_A = 2.0


def zero_grad_cases():
    """zero_grad(set_to_none=...) before each step; the bias leaves the loss after step 3.

    With set_to_none=True the bias's grad stays None, so step() skips it (no weight decay, no momentum);
    with False it is a zero tensor and momentum and weight decay keep moving it.
    """
    gen = torch.Generator().manual_seed(SEED + 2)
    cases = []
    for dtype_name in ("float32", "float64"):
        dtype = DTYPES[dtype_name]
        for opt_name, opts in (("SGD", {"lr": 0.1, "momentum": 0.9, "weightDecay": 0.1}),
                               ("Adam", {"lr": 0.05, "weightDecay": 0.1})):
            for set_to_none in (True, False):
                init, loss_fn = make_problem(dtype, gen)
                params = [t.clone().requires_grad_(True) for t in init]
                opt = OPTIMIZERS[opt_name](params, **torch_kwargs(opt_name, opts))
                grads, traj, received = [], [], []
                for k in range(STEPS):
                    opt.zero_grad(set_to_none=set_to_none)
                    w, b = params
                    loss = loss_fn(w, b) if k < 3 else loss_fn(w, b.detach())
                    loss.backward()
                    got = [True, k < 3]
                    received.append(got)
                    grads.append([enc(p.grad) if g else None for p, g in zip(params, got)])
                    opt.step()
                    traj.append([enc(p) for p in params])
                cases.append({"id": f"{opt_name}.zero_grad_set_to_none_{set_to_none}.{dtype_name}",
                              "dtype": dtype_name, **tol(dtype_name), "optimizer": opt_name, "options": opts,
                              "steps": STEPS, "set_to_none": set_to_none, "received": received,
                              "initial": [enc(t) for t in init], "grads": grads, "trajectory": traj,
                              "final_state": {}})
    return cases


def rosenbrock(x):
    """Rosenbrock-like: sum over consecutive pairs of a (x[i+1] - x[i]^2)^2 + (1 - x[i])^2 with a = 2.

    The classic a = 100 makes LBFGS chaotic from this start (a 1e-7 change of x0 moves the iterates by
    1e-3), so no two correct implementations could agree to float32 precision; a = 2 keeps the same
    curved valley while the trajectory stays well conditioned.
    """
    return (ROSENBROCK_A * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()


LBFGS_COMBOS = [
    ("default", {}, 5),
    ("lr", {"lr": 0.1}, 5),
    ("strong_wolfe", {"lineSearchFn": "strong_wolfe"}, 5),
    ("small_history", {"lr": 0.5, "maxIter": 5, "historySize": 3}, 6),
    ("strong_wolfe_history", {"lineSearchFn": "strong_wolfe", "maxIter": 7, "historySize": 4}, 6),
    ("max_eval", {"lineSearchFn": "strong_wolfe", "maxIter": 10, "maxEval": 6}, 5),
    ("max_iter", {"maxIter": 5}, 5),
    ("tolerances", {"toleranceGrad": 1e-3, "toleranceChange": 1e-4, "lineSearchFn": "strong_wolfe"}, 5),
]
LBFGS_NAMES = {"maxIter": "max_iter", "maxEval": "max_eval", "toleranceGrad": "tolerance_grad",
               "toleranceChange": "tolerance_change", "historySize": "history_size",
               "lineSearchFn": "line_search_fn"}


def lbfgs_cases():
    cases = []
    x0 = [-1.2, 1.0, -0.5, 0.8]
    for dtype_name in ("float32", "float64"):
        dtype = DTYPES[dtype_name]
        for suffix, opts, steps in LBFGS_COMBOS:
            x = torch.tensor(x0, dtype=dtype, requires_grad=True)
            opt = torch.optim.LBFGS([x], **{LBFGS_NAMES.get(k, k): v for k, v in opts.items()})
            evals = [0]

            def closure():
                opt.zero_grad()
                loss = rosenbrock(x)
                loss.backward()
                evals[0] += 1
                return loss

            losses, traj, func_evals, n_iters = [], [], [], []
            for _ in range(steps):
                loss = opt.step(closure)
                losses.append(loss.item())
                traj.append(enc(x))
                st = opt.state[x]
                func_evals.append(st["func_evals"])
                n_iters.append(st["n_iter"])
            t = tol(dtype_name) if dtype_name == "float64" else tol(
                dtype_name, rtol=1e-4, atol=1e-5,
                why="LBFGS in float32 keeps its line-search scalars (dot products, step sizes) as float32 "
                    "0-d tensors; torchlet rounds them the same way, but the dot products sum in a different "
                    "order than BLAS, and iterating amplifies those last-bit differences")
            cases.append({"id": f"LBFGS.{suffix}.{dtype_name}", "dtype": dtype_name, **t, "options": opts,
                          "initial": enc(torch.tensor(x0, dtype=dtype)), "steps": steps, "losses": losses,
                          "trajectory": traj, "func_evals": func_evals, "n_iter": n_iters})
    return cases


# ---- schedulers ---------------------------------------------------------------------------------
def lambda_fn(name):
    return {
        "inverse": lambda epoch: 1.0 / (1.0 + epoch),
        "power": lambda epoch: 0.9 ** epoch,
    }[name]


def build_scheduler(spec, opt):
    kind, kw = spec["kind"], spec["options"]
    S = torch.optim.lr_scheduler
    if kind == "StepLR":
        return S.StepLR(opt, step_size=kw["stepSize"], gamma=kw.get("gamma", 0.1))
    if kind == "MultiStepLR":
        return S.MultiStepLR(opt, milestones=kw["milestones"], gamma=kw.get("gamma", 0.1))
    if kind == "ExponentialLR":
        return S.ExponentialLR(opt, gamma=kw["gamma"])
    if kind == "CosineAnnealingLR":
        return S.CosineAnnealingLR(opt, T_max=kw["TMax"], eta_min=kw.get("etaMin", 0))
    if kind == "CosineAnnealingWarmRestarts":
        return S.CosineAnnealingWarmRestarts(opt, T_0=kw["T0"], T_mult=kw.get("TMult", 1),
                                             eta_min=kw.get("etaMin", 0))
    if kind == "LinearLR":
        return S.LinearLR(opt, start_factor=kw.get("startFactor", 1 / 3), end_factor=kw.get("endFactor", 1.0),
                          total_iters=kw.get("totalIters", 5))
    if kind == "LambdaLR":
        return S.LambdaLR(opt, lr_lambda=lambda_fn(kw["lrLambda"]))
    if kind == "OneCycleLR":
        return S.OneCycleLR(opt, max_lr=kw["maxLr"], total_steps=kw["totalSteps"],
                            pct_start=kw.get("pctStart", 0.3), anneal_strategy=kw.get("annealStrategy", "cos"),
                            cycle_momentum=kw.get("cycleMomentum", True),
                            base_momentum=kw.get("baseMomentum", 0.85), max_momentum=kw.get("maxMomentum", 0.95),
                            div_factor=kw.get("divFactor", 25.0), final_div_factor=kw.get("finalDivFactor", 1e4),
                            three_phase=kw.get("threePhase", False))
    if kind == "ReduceLROnPlateau":
        return S.ReduceLROnPlateau(opt, mode=kw.get("mode", "min"), factor=kw.get("factor", 0.1),
                                   patience=kw.get("patience", 10), threshold=kw.get("threshold", 1e-4),
                                   threshold_mode=kw.get("thresholdMode", "rel"), cooldown=kw.get("cooldown", 0),
                                   min_lr=kw.get("minLr", 0), eps=kw.get("eps", 1e-8))
    if kind == "SequentialLR":
        subs = [build_scheduler(s, opt) for s in kw["schedulers"]]
        return S.SequentialLR(opt, schedulers=subs, milestones=kw["milestones"])
    raise ValueError(kind)


def plateau_metrics(n, gen):
    """A loss curve that improves, stalls (small noise), improves again and stalls."""
    vals, v = [], 10.0
    for i in range(n):
        phase = (i // 8) % 2
        v = v * 0.8 if phase == 0 else v * (1 + 1e-5 * float(torch.randn(1, generator=gen)))
        vals.append(v)
    return vals


SCHEDULERS = [
    ("StepLR", {"stepSize": 3, "gamma": 0.5}, 12, "SGD"),
    ("MultiStepLR", {"milestones": [2, 5, 5, 9], "gamma": 0.3}, 12, "SGD"),
    ("ExponentialLR", {"gamma": 0.9}, 10, "SGD"),
    ("CosineAnnealingLR", {"TMax": 10}, 35, "SGD"),
    ("CosineAnnealingLR", {"TMax": 7, "etaMin": 0.001}, 30, "SGD"),
    ("CosineAnnealingWarmRestarts", {"T0": 5}, 16, "SGD"),
    ("CosineAnnealingWarmRestarts", {"T0": 3, "TMult": 2, "etaMin": 0.001}, 30, "SGD"),
    ("LinearLR", {}, 8, "SGD"),
    ("LinearLR", {"startFactor": 1.0, "endFactor": 0.1, "totalIters": 6}, 10, "SGD"),
    ("LambdaLR", {"lrLambda": "inverse"}, 8, "SGD"),
    ("LambdaLR", {"lrLambda": "power"}, 8, "SGD"),
    ("OneCycleLR", {"maxLr": 0.5, "totalSteps": 20}, 19, "SGD"),
    ("OneCycleLR", {"maxLr": [0.5, 0.2], "totalSteps": 20, "annealStrategy": "linear", "pctStart": 0.25}, 19, "SGD"),
    ("OneCycleLR", {"maxLr": 1.0, "totalSteps": 30, "threePhase": True, "divFactor": 10.0,
                    "finalDivFactor": 100.0}, 29, "Adam"),
    ("OneCycleLR", {"maxLr": 0.3, "totalSteps": 16, "cycleMomentum": False}, 15, "SGD"),
    ("ReduceLROnPlateau", {"patience": 2}, 40, "SGD"),
    ("ReduceLROnPlateau", {"mode": "max", "factor": 0.5, "patience": 1, "threshold": 0.01, "thresholdMode": "abs",
                           "cooldown": 2, "minLr": [0.01, 0.02]}, 40, "SGD"),
    ("ReduceLROnPlateau", {"factor": 0.2, "patience": 0, "cooldown": 1, "minLr": 1e-3, "eps": 1e-3}, 40, "SGD"),
    ("SequentialLR", {"schedulers": [{"kind": "LinearLR", "options": {"startFactor": 0.1, "totalIters": 4}},
                                     {"kind": "ExponentialLR", "options": {"gamma": 0.8}}],
                      "milestones": [5]}, 14, "SGD"),
    ("SequentialLR", {"schedulers": [{"kind": "ExponentialLR", "options": {"gamma": 0.9}},
                                     {"kind": "CosineAnnealingLR", "options": {"TMax": 6}},
                                     {"kind": "StepLR", "options": {"stepSize": 2, "gamma": 0.5}}],
                      "milestones": [3, 10]}, 18, "SGD"),
]


def scheduler_cases():
    gen = torch.Generator().manual_seed(SEED + 1)
    cases = []
    counts = {}
    for kind, opts, steps, opt_name in SCHEDULERS:
        counts[kind] = counts.get(kind, 0) + 1
        p1 = torch.zeros(2, requires_grad=True)
        p2 = torch.zeros(2, requires_grad=True)
        groups_lr = [0.1, 0.05]
        if opt_name == "SGD":
            opt = torch.optim.SGD([{"params": [p1], "lr": groups_lr[0]}, {"params": [p2], "lr": groups_lr[1]}],
                                  lr=0.1, momentum=0.9)
        else:
            opt = torch.optim.Adam([{"params": [p1], "lr": groups_lr[0]}, {"params": [p2], "lr": groups_lr[1]}])
        sched = build_scheduler({"kind": kind, "options": opts}, opt)
        metrics = plateau_metrics(steps, gen) if kind == "ReduceLROnPlateau" else None
        lrs = [[g["lr"] for g in opt.param_groups]]
        mom = [[g["betas"][0] if opt_name == "Adam" else g["momentum"] for g in opt.param_groups]]
        for i in range(steps):
            opt.step()
            if metrics is not None:
                sched.step(metrics[i])
            else:
                sched.step()
            lrs.append([g["lr"] for g in opt.param_groups])
            mom.append([g["betas"][0] if opt_name == "Adam" else g["momentum"] for g in opt.param_groups])
            if metrics is None:
                assert sched.get_last_lr() == lrs[-1]
        case = {"id": f"{kind}.{counts[kind]}", "dtype": "float64", **tol("float64"), "scheduler": kind,
                "options": opts, "optimizer": opt_name, "group_lrs": groups_lr, "steps": steps, "lrs": lrs,
                "momentum": mom}
        if metrics is not None:
            case["metrics"] = metrics
        cases.append(case)
    return cases


def generate():
    torch.manual_seed(SEED)
    write_fixture("optim", "trajectories", __file__, SEED, trajectory_cases())
    write_fixture("optim", "zero_grad", __file__, SEED, zero_grad_cases())
    write_fixture("optim", "lbfgs", __file__, SEED, lbfgs_cases())
    write_fixture("optim", "schedulers", __file__, SEED, scheduler_cases())
