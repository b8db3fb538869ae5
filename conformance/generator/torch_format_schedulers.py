"""Every scheduler's state in the torch format (generator/torch_format.py), from and into PyTorch 1.13,
and the schedulers of cases_optim_torch_format_schedulers.py built from torchlet-style specs.

What PyTorch's state_dict holds that JSON cannot, as torchlet's schedulerToTorch writes it:
  anneal_func         OneCycleLR's and SWALR's method: "cos" or "linear"
  _scale_fn_ref       CyclicLR's weak reference to its mode's method: the method's name, or null
  _scale_fn_custom    CyclicLR's scale_fn: null (on load the scheduler keeps its own)
  milestones          MultiStepLR's Counter: {"<milestone>": count}
  lr_lambdas          as LambdaLR's own state_dict: null per function, a callable object's __dict__
  _schedulers         SequentialLR's and ChainedScheduler's: each child's state in this format
"""
import collections
import weakref

from torch.optim import lr_scheduler as L
from torch.optim.swa_utils import SWALR

from torch_format import dec_value, enc_value

SWA_ANNEAL = {"_cosine_anneal": "cos", "_linear_anneal": "linear"}


class Stateful:
    """A callable object with state (its __dict__ is in LambdaLR's state_dict): 0.95^calls, counting calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, epoch):
        v = 0.95 ** self.calls
        self.calls += 1
        return v


# Named functions (the test has the same ones); each build gets fresh ones
FUNCTIONS = {
    "pow09": lambda: (lambda e: 0.9 ** e),
    "alternate": lambda: (lambda e: 0.9 if e % 2 else 1.05),
    "inverse": lambda: (lambda x: 1 / (1 + 0.1 * x)),
    "stateful": Stateful,
}
SPECIAL = {"T0": "T_0", "TMult": "T_mult", "TMax": "T_max"}
CLASSES = {**{k: getattr(L, k) for k in (
    "StepLR", "MultiStepLR", "ExponentialLR", "LinearLR", "ConstantLR", "PolynomialLR", "LambdaLR", "MultiplicativeLR",
    "CosineAnnealingWarmRestarts", "CyclicLR", "SequentialLR")}, "SWALR": SWALR}


def snake(name):
    return SPECIAL.get(name) or "".join("_" + c.lower() if c.isupper() else c for c in name)


def build_scheduler(spec, opt):
    """PyTorch's scheduler for a torchlet spec {"kind", "options"} (camelCase options, functions by name)."""
    kind, options = spec["kind"], spec["options"]
    if kind == "ChainedScheduler":
        return L.ChainedScheduler([build_scheduler(s, opt) for s in options["schedulers"]])
    kw = {}
    for k, v in options.items():
        if k in ("lrLambda", "scaleFn"):
            v = [FUNCTIONS[n]() for n in v] if isinstance(v, list) else FUNCTIONS[v]()
        elif k == "schedulers":
            v = [build_scheduler(s, opt) for s in v]
        kw[snake(k)] = v
    return CLASSES[kind](opt, **kw)


def scheduler_to_json(sched):
    sd = dict(sched.state_dict())
    if "_schedulers" in sd:
        sd["_schedulers"] = [scheduler_to_json(s) for s in sched._schedulers]
    if "anneal_func" in sd:
        name = sd["anneal_func"].__name__
        sd["anneal_func"] = SWA_ANNEAL.get(name) or name.replace("_annealing_", "")
    if "_scale_fn_ref" in sd:
        ref = sd["_scale_fn_ref"]
        sd["_scale_fn_ref"] = None if ref is None else ref().__name__
        sd["_scale_fn_custom"] = None
    return enc_value(sd)


def scheduler_state_from_json(sched, doc):
    """The state_dict PyTorch's load_state_dict takes, from the torch format's JSON."""
    sd = dec_value({k: v for k, v in doc.items() if k != "_schedulers"}, {})
    if "_schedulers" in doc:
        sd["_schedulers"] = [scheduler_state_from_json(s, d) for s, d in zip(sched._schedulers, doc["_schedulers"])]
    if isinstance(sched, L.MultiStepLR):
        sd["milestones"] = collections.Counter({int(k): n for k, n in sd["milestones"].items()})
    if "anneal_func" in sd:
        strategy = sd["anneal_func"]
        swa = {v: k for k, v in SWA_ANNEAL.items()}
        sd["anneal_func"] = getattr(sched, swa[strategy] if isinstance(sched, SWALR) else "_annealing_" + strategy)
    if isinstance(sched, L.CyclicLR):
        sd.pop("_scale_fn_custom", None)  # the scheduler keeps its own function
        name = sd.pop("_scale_fn_ref", None)
        if name is not None:
            sd["_scale_fn_ref"] = weakref.WeakMethod(getattr(sched, name))
    return sd


def scheduler_from_json(sched, doc):
    sched.load_state_dict(scheduler_state_from_json(sched, doc))
