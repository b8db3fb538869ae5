"""LBFGS's state in the torch format, PyTorch 1.13, as cases_optim_torch_format.py does the other
optimizers: PyTorch runs k LBFGS steps on cases_optim.py's Rosenbrock closure (a = 2) and saves; the
fixture holds what it saved (JSON + safetensors bytes) and the k steps it continued with. torchlet must
continue PyTorch's trajectory from PyTorch's files and write PyTorch's keys, shapes, dtypes and values
itself. Before writing a case, the generator loads the saved files into a fresh LBFGS with the
format's reader and checks that it continues the run bit for bit.

LBFGS's one global state (under the first param) holds lists: old_dirs and old_stps (tensors, stored
as state.0.old_dirs.<i>), ro and al (0-d tensors of the params' dtype; al is [None] * history_size,
filled for the first len(old_dirs) entries), and H_diag (a 0-d tensor). float64 only: in float32 the
dot products sum in a different order than BLAS and the iterates drift apart in the last bits.

Writes fixtures/optim/torch_format_lbfgs.json: {"id", "options" (torchlet's camelCase), "k",
  "initial", "params_k", "saved": {"optimizer", "safetensors_base64"}, "losses": [loss of each of the
  last k steps], "trajectory": [params after each of the last k steps]}
"""
import base64

import torch

from cases_nn import st_deserialize, st_serialize
from cases_optim import LBFGS_NAMES, rosenbrock
from common import DTYPES, enc, tol, write_fixture
from torch_format import optimizer_from_json

SEED = 20261208
K = 2
X0 = [-1.2, 1.0, -0.5, 0.8]
COMBOS = [
    ("default", {}),
    ("short-history", {"lr": 0.5, "maxIter": 4, "historySize": 2}),
    ("strong_wolfe", {"lineSearchFn": "strong_wolfe", "maxIter": 5, "historySize": 3}),
]


def lbfgs_to_json(opt):
    """(json, tensors) for a PyTorch LBFGS: tensors in lists under state.<index>.<name>.<i>."""
    sd = opt.state_dict()
    tensors, state = {}, {}
    for index, s in sd["state"].items():
        out = {}
        for name, v in s.items():
            key = f"state.{index}.{name}"
            if isinstance(v, torch.Tensor):
                tensors[key] = v.detach().clone().contiguous()
                out[name] = {"$tensor": key}
            elif isinstance(v, list):
                out[name] = []
                for i, t in enumerate(v):
                    if t is None:
                        out[name].append(None)
                    else:
                        tensors[f"{key}.{i}"] = t.detach().clone().contiguous()
                        out[name].append({"$tensor": f"{key}.{i}"})
            else:
                assert isinstance(v, (int, float)), (name, type(v))
                out[name] = v
        state[str(index)] = out
    return {"state": state, "param_groups": sd["param_groups"]}, tensors


def make(opts, values):
    x = values.clone().requires_grad_(True)
    opt = torch.optim.LBFGS([x], **{LBFGS_NAMES.get(k, k): v for k, v in opts.items()})

    def closure():
        opt.zero_grad()
        loss = rosenbrock(x)
        loss.backward()
        return loss

    return x, opt, closure


def run_case(suffix, opts, dt):
    dtype = DTYPES[dt]
    x, opt, closure = make(opts, torch.tensor(X0, dtype=dtype))
    for _ in range(K):
        opt.step(closure)
    params_k = x.detach().clone()
    opt_json, tensors = lbfgs_to_json(opt)
    data = st_serialize(tensors)
    losses, traj = [], []
    for _ in range(K):
        losses.append(opt.step(closure).item())
        traj.append(x.detach().clone())

    # the format's reader: a fresh LBFGS at step k continues the run bit for bit
    rx, ropt, rclosure = make(opts, params_k)
    loaded, _ = st_deserialize(data)
    optimizer_from_json(ropt, opt_json, loaded)
    for i in range(K):
        assert ropt.step(rclosure).item() == losses[i], suffix
        assert torch.equal(rx.detach(), traj[i]), suffix

    return {"id": f"LBFGS.{suffix}.{dt}", "dtype": dt, **tol(dt), "options": opts, "k": K,
            "initial": enc(torch.tensor(X0, dtype=dtype)), "params_k": enc(params_k),
            "saved": {"optimizer": opt_json, "safetensors_base64": base64.b64encode(data).decode("ascii")},
            "losses": losses, "trajectory": [enc(t) for t in traj]}


def generate():
    cases = [run_case(suffix, opts, "float64") for suffix, opts in COMBOS]
    write_fixture("optim", "torch_format_lbfgs", __file__, SEED, cases)
