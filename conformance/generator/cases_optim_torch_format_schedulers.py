"""Every other scheduler's state in the torch format (generator/torch_format_schedulers.py), PyTorch 1.13:
MultiStepLR, LambdaLR, MultiplicativeLR, CosineAnnealingWarmRestarts, CyclicLR, SequentialLR,
ChainedScheduler and SWALR (and LinearLR, ConstantLR, PolynomialLR, which the first file lacks), as cases_optim_torch_format.py does the first ones: PyTorch trains k steps
and saves (optimizer and scheduler); the fixture holds what it saved and the run it continued for k
more steps. torchlet must continue PyTorch's lrs from PyTorch's files, and write PyTorch's keys and
values itself. Before writing a case, the generator loads the saved files into a fresh PyTorch
optimizer and scheduler and checks that they continue the run bit for bit.

Writes fixtures/optim/torch_format_schedulers.json, in torch_format.json's layout; "scheduler" is a
torchlet spec {"kind", "options"} (functions by name: the test has the same ones; SequentialLR's and
ChainedScheduler's "schedulers" are specs too).
"""
import torch

from cases_optim_torch_format import K, build_optimizer, case_of, saved_run
from common import write_fixture
from torch_format_schedulers import build_scheduler, scheduler_from_json, scheduler_to_json

SEED = 20261207


def spec(kind, **options):
    return {"kind": kind, "options": options}


SCHEDULERS = {
    "MultiStepLR": spec("MultiStepLR", milestones=[5, 2, 6, 5], gamma=0.5),
    "LambdaLR": spec("LambdaLR", lrLambda=["pow09", "stateful"]),
    "MultiplicativeLR": spec("MultiplicativeLR", lrLambda="alternate"),
    "CosineAnnealingWarmRestarts": spec("CosineAnnealingWarmRestarts", T0=2, TMult=2, etaMin=0.01),
    "CyclicLR-triangular2": spec("CyclicLR", baseLr=[0.01, 0.02], maxLr=0.1, stepSizeUp=2, stepSizeDown=3, mode="triangular2"),
    "CyclicLR-exp_range": spec("CyclicLR", baseLr=0.001, maxLr=0.01, stepSizeUp=3, mode="exp_range", gamma=0.9, cycleMomentum=False),
    "CyclicLR-custom": spec("CyclicLR", baseLr=0.01, maxLr=0.05, stepSizeUp=2, scaleFn="inverse", scaleMode="iterations"),
    "SequentialLR": spec("SequentialLR", milestones=[3, 6], schedulers=[
        spec("LinearLR", startFactor=0.5, totalIters=3), spec("ExponentialLR", gamma=0.9), spec("StepLR", stepSize=2, gamma=0.5)]),
    "ChainedScheduler": spec("ChainedScheduler", schedulers=[
        spec("ConstantLR", factor=0.5, totalIters=3), spec("MultiStepLR", milestones=[2, 5, 5], gamma=0.5)]),
    "SWALR": spec("SWALR", swaLr=0.05, annealEpochs=5),
    "SWALR-linear": spec("SWALR", swaLr=[0.01, 0.02], annealEpochs=3, annealStrategy="linear"),
    "LinearLR": spec("LinearLR", startFactor=0.25, endFactor=0.9, totalIters=6),
    "ConstantLR": spec("ConstantLR", factor=0.4, totalIters=5),
    "PolynomialLR": spec("PolynomialLR", totalIters=7, power=2),
}

RUNS = [
    # (optimizer, scheduler, dtypes, two groups)
    ("sgd-momentum", "MultiStepLR", ("float64", "float32"), True),
    ("adamw", "LambdaLR", ("float64",), True),
    ("adam-amsgrad", "MultiplicativeLR", ("float64", "float32"), False),
    ("sgd-nesterov", "CosineAnnealingWarmRestarts", ("float64", "float32"), False),
    ("sgd-momentum", "CyclicLR-triangular2", ("float64",), True),
    ("adam-amsgrad", "CyclicLR-exp_range", ("float64",), False),
    ("rmsprop", "CyclicLR-custom", ("float64",), True),
    ("sgd-momentum", "SequentialLR", ("float64", "float32"), False),
    ("adamw", "ChainedScheduler", ("float64",), True),
    ("sgd-momentum", "SWALR", ("float64",), False),
    ("adam-amsgrad", "SWALR-linear", ("float64",), True),
    ("sgd-momentum", "LinearLR", ("float64",), True),
    ("adamw", "ConstantLR", ("float64",), False),
    ("rmsprop", "PolynomialLR", ("float64", "float32"), False),
]


def build(opt_id, sched_id, values, two_groups):
    params, opt = build_optimizer(opt_id, values, two_groups)
    return params, opt, build_scheduler(SCHEDULERS[sched_id], opt)


def advance(params, opt, sched, grads):
    for p, g in zip(params, grads):
        p.grad = g.clone()
    opt.step()
    sched.step()


def run_case(opt_id, sched_id, dt, two_groups, gen):
    run = saved_run(dt, gen, lambda values: build(opt_id, sched_id, values, two_groups),
                    lambda params, opt, sched, grads, t: advance(params, opt, sched, grads),
                    scheduler_to_json, scheduler_from_json)
    # the format's reader: a fresh optimizer and scheduler at step k continue the run bit for bit
    assert run["resumed_lrs"] == run["lrs"], (opt_id, sched_id, dt)
    assert all(torch.equal(a.detach(), b) for a, b in zip(run["resumed"], run["final"])), (opt_id, sched_id, dt)
    return case_of(f"{opt_id}/{sched_id}/{dt}", run, dt, two_groups, opt_id, SCHEDULERS[sched_id], None)


def generate():
    gen = torch.Generator().manual_seed(SEED)
    cases = [run_case(o, s, dt, two, gen) for o, s, dts, two in RUNS for dt in dts]
    write_fixture("optim", "torch_format_schedulers", __file__, SEED, cases)
