"""Fixtures for @torchlet/nn-layers (conformance/test/nn-layers/*.test.ts).

Writes fixtures/nn-layers/:
  layers.json       every layer, float32 and float64: the layer's state dict (PyTorch key names),
                    input, output, a random upstream gradient, the input gradient and every
                    parameter gradient; train-mode layers also record the state dict after forward.
                    A case: {"id", "layer", "args": [...], "options": {camelCase: value}, "train",
                    "dtype", "rtol", "atol", "state", "input", "output", "grad_output",
                    "grad_input", "grads": {name: enc}, "state_after"}
  batchnorm_steps.json  running statistics over several train steps, then the eval output.
  dropout.json      Dropout's keep probability and scale, measured on PyTorch (checked statistically),
                    and exact outputs/gradients after torch.manual_seed (tensor-core replays torch's stream).
  init.json         default inits and nn.init functions from torch.manual_seed (needs tensor-core to
                    reproduce torch's CPU random stream), and calculate_gain for every nonlinearity.
  structure.json    state_dict keys, named_parameters and named_buffers of small models.
  safetensors_torch.json  state dicts PyTorch wrote as safetensors bytes (base64), laid out like the
                    reference writer (huggingface/safetensors), with inputs and outputs.
  safetensors_torchlet.json  the file torchlet wrote (torchlet_model.safetensors, beside it), read back
                    here by a strict reader, loaded into torch with load_state_dict(strict=True) and run.

The torchlet-written file comes from `npx vitest run test/nn-layers/safetensors.test.ts` run with
TORCHLET_WRITE_SAFETENSORS=1; generate() runs that itself between the two safetensors fixtures
(set TORCHLET_SKIP_NODE=1 to skip it and check the file already committed).
PyTorch 1.13 ships no `safetensors` package, so the format is read and written here with struct + json.
"""
import base64
import hashlib
import json
import math
import os
import re
import struct
import subprocess

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import DTYPES, FIXTURES_DIR, enc, tol, write_fixture

SEED = 20261128
HERE = os.path.dirname(os.path.abspath(__file__))
CONFORMANCE = os.path.dirname(HERE)
TORCHLET_FILE = os.path.join(FIXTURES_DIR, "nn-layers", "torchlet_model.safetensors")


def snake(name):
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def torch_kwargs(options):
    out = {}
    for k, v in options.items():
        if k == "approximate":
            out[k] = v
        else:
            out[snake(k)] = tuple(v) if isinstance(v, list) else v
    return out


def make_module(layer, args, options):
    cls = getattr(nn, layer)
    args = [tuple(a) if isinstance(a, list) else a for a in args]
    return cls(*args, **torch_kwargs(options))


def randomize_state(m, gen):
    """Give every float parameter and buffer random values (so affine/zero-init params are exercised)."""
    with torch.no_grad():
        for name, p in m.named_parameters():
            p.copy_(torch.randn(p.shape, generator=gen, dtype=torch.float64) * 0.5 + (1.0 if name.endswith("weight") and p.dim() == 1 else 0.0))
        for name, b in m.named_buffers():
            if name.endswith("running_var"):
                b.copy_(torch.rand(b.shape, generator=gen, dtype=torch.float64) + 0.5)
            elif name.endswith("running_mean"):
                b.copy_(torch.randn(b.shape, generator=gen, dtype=torch.float64) * 0.3)


def enc_state(m):
    return {k: enc(v) for k, v in m.state_dict().items()}


def layer_case(cid, layer, args, options, input_shape, dtype_name, gen, train=True, randomize=True,
               int_input=None, loosen=None, input_fn=None):
    dtype = DTYPES[dtype_name]
    m = make_module(layer, args, options).to(dtype)
    if randomize:
        randomize_state(m, gen)
    m.train(train)
    state = enc_state(m)
    if int_input is not None:
        x = int_input.clone()
        x_req = False
    else:
        x = (input_fn(gen) if input_fn else torch.randn(input_shape, generator=gen, dtype=torch.float64)).to(dtype)
        x.requires_grad_(True)
        x_req = True
    for p in m.parameters():
        p.grad = None
    y = m(x)
    gy = torch.randn(y.shape, generator=gen, dtype=torch.float64).to(dtype)
    y.backward(gy)
    case = {
        "id": f"{cid}/{dtype_name}",
        "layer": layer,
        "args": args,
        "options": options,
        "train": train,
        "dtype": dtype_name,
        **(tol(dtype_name, **loosen) if (loosen and dtype_name == "float32") else tol(dtype_name)),
        "state": state,
        "input": enc(x),
        "output": enc(y),
        "grad_output": enc(gy),
        "grad_input": enc(x.grad) if x_req else None,
        "grads": {n: enc(p.grad) for n, p in m.named_parameters() if p.grad is not None},
    }
    if train and len(list(m.buffers())) > 0:
        case["state_after"] = enc_state(m)
    return case


def layer_specs():
    """(id, layer, args, options, input shape, extra) for every layer configuration."""
    E = {}
    return [
        ("Linear/basic", "Linear", [5, 3], {}, (4, 5), E),
        ("Linear/no-bias-3d", "Linear", [4, 6], {"bias": False}, (2, 3, 4), E),
        ("Conv1d/basic", "Conv1d", [3, 4, 3], {}, (2, 3, 10), E),
        ("Conv1d/stride-pad-dil", "Conv1d", [2, 4, 3], {"stride": 2, "padding": 2, "dilation": 2}, (2, 2, 11), E),
        ("Conv1d/groups-nobias", "Conv1d", [4, 6, 2], {"groups": 2, "bias": False}, (1, 4, 7), E),
        ("Conv1d/same", "Conv1d", [2, 3, 4], {"padding": "same", "dilation": 2}, (2, 2, 9), E),
        ("Conv1d/valid", "Conv1d", [2, 3, 3], {"padding": "valid"}, (2, 2, 6), E),
        ("Conv2d/basic", "Conv2d", [3, 4, 3], {}, (2, 3, 6, 5), E),
        ("Conv2d/stride-pad", "Conv2d", [2, 3, [3, 2]], {"stride": [2, 1], "padding": [1, 2]}, (2, 2, 7, 6), E),
        ("Conv2d/dilation", "Conv2d", [2, 2, 3], {"dilation": 2, "padding": 1}, (1, 2, 8, 7), E),
        ("Conv2d/groups", "Conv2d", [4, 6, 3], {"groups": 2, "padding": 1}, (2, 4, 5, 5), E),
        ("Conv2d/depthwise-nobias", "Conv2d", [3, 3, 3], {"groups": 3, "bias": False, "stride": 2}, (2, 3, 7, 7), E),
        ("Conv2d/same", "Conv2d", [2, 3, [4, 3]], {"padding": "same"}, (1, 2, 6, 6), E),
        ("MaxPool2d/k2", "MaxPool2d", [2], {}, (2, 3, 6, 6), E),
        ("MaxPool2d/k3-s2-p1", "MaxPool2d", [3], {"stride": 2, "padding": 1}, (2, 2, 7, 8), E),
        ("MaxPool2d/dilation-ceil", "MaxPool2d", [[2, 3]], {"stride": 2, "dilation": 2, "ceilMode": True}, (1, 2, 9, 10), E),
        ("AvgPool2d/k2", "AvgPool2d", [2], {}, (2, 3, 6, 6), E),
        ("AvgPool2d/k3-s2-p1", "AvgPool2d", [3], {"stride": 2, "padding": 1}, (2, 2, 7, 8), E),
        ("AvgPool2d/no-count-pad-ceil", "AvgPool2d", [3], {"stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False}, (1, 2, 8, 8), E),
        ("AvgPool2d/divisor", "AvgPool2d", [[2, 3]], {"stride": [1, 2], "divisorOverride": 5}, (1, 2, 5, 7), E),
        ("AdaptiveAvgPool2d/3", "AdaptiveAvgPool2d", [3], {}, (2, 2, 7, 5), E),
        ("AdaptiveAvgPool2d/1", "AdaptiveAvgPool2d", [1], {}, (2, 3, 4, 4), E),
        ("AdaptiveAvgPool2d/none", "AdaptiveAvgPool2d", [[2, None]], {}, (1, 2, 5, 3), E),
        ("BatchNorm1d/2d-input", "BatchNorm1d", [4], {}, (6, 4), E),
        ("BatchNorm1d/3d-input", "BatchNorm1d", [3], {"momentum": 0.3}, (4, 3, 5), E),
        ("BatchNorm1d/eval", "BatchNorm1d", [4], {"train": False}, (5, 4), E),
        ("BatchNorm2d/train", "BatchNorm2d", [3], {}, (2, 3, 4, 5), E),
        ("BatchNorm2d/eval", "BatchNorm2d", [3], {"train": False}, (2, 3, 4, 5), E),
        ("BatchNorm2d/no-affine", "BatchNorm2d", [2], {"affine": False, "eps": 1e-3}, (3, 2, 3, 3), E),
        ("BatchNorm2d/no-running-stats-eval", "BatchNorm2d", [2], {"trackRunningStats": False, "train": False}, (3, 2, 3, 3), E),
        ("BatchNorm2d/momentum-none", "BatchNorm2d", [2], {"momentum": None}, (3, 2, 3, 3), E),
        ("LayerNorm/last", "LayerNorm", [5], {}, (3, 4, 5), E),
        ("LayerNorm/two-dims", "LayerNorm", [[3, 4]], {"eps": 1e-3}, (2, 3, 4), E),
        ("LayerNorm/no-affine", "LayerNorm", [6], {"elementwiseAffine": False}, (4, 6), E),
        ("Dropout/eval", "Dropout", [], {"p": 0.5, "train": False}, (3, 4), E),
        ("Dropout/p0", "Dropout", [], {"p": 0.0}, (3, 4), E),
        ("Flatten/default", "Flatten", [], {}, (2, 3, 4, 2), E),
        ("Flatten/dims", "Flatten", [], {"startDim": 0, "endDim": 2}, (2, 3, 4, 2), E),
        ("Identity", "Identity", [], {}, (3, 4), E),
        ("ReLU", "ReLU", [], {}, (4, 5), E),
        ("LeakyReLU/default", "LeakyReLU", [], {}, (4, 5), E),
        ("LeakyReLU/slope", "LeakyReLU", [0.2], {}, (4, 5), E),
        ("GELU/none", "GELU", [], {}, (4, 6), E),
        ("GELU/tanh", "GELU", [], {"approximate": "tanh"}, (4, 6), E),
        ("SiLU", "SiLU", [], {}, (4, 5), E),
        ("Sigmoid", "Sigmoid", [], {}, (4, 5), E),
        ("Tanh", "Tanh", [], {}, (4, 5), E),
        ("Softmax/dim1", "Softmax", [], {"dim": 1}, (3, 5), E),
        ("Softmax/dim0-3d", "Softmax", [], {"dim": 0}, (3, 2, 4), E),
        ("LogSoftmax/dim-1", "LogSoftmax", [], {"dim": -1}, (3, 5), E),
        # edge cases: unbatched inputs, ties / NaN / -inf in pooling, huge logits, zero variance
        ("Linear/1d-input", "Linear", [4, 2], {}, (4,), E),
        ("Conv2d/unbatched", "Conv2d", [2, 3, 2], {"padding": 1}, (2, 4, 4), E),
        ("Conv1d/unbatched", "Conv1d", [2, 2, 3], {}, (2, 6), E),
        ("MaxPool2d/ties-nan-inf", "MaxPool2d", [2], {"stride": 1}, (1, 2, 4, 4), {"input": "ties"}),
        ("MaxPool2d/unbatched", "MaxPool2d", [3], {"stride": 2, "padding": 1}, (2, 5, 5), E),
        ("AvgPool2d/unbatched", "AvgPool2d", [2], {"padding": 1}, (2, 5, 5), E),
        ("AdaptiveAvgPool2d/unbatched-upsample", "AdaptiveAvgPool2d", [[5, 4]], {}, (2, 3, 3), E),
        ("LayerNorm/constant-rows", "LayerNorm", [4], {}, (3, 4), {"input": "constant"}),
        ("BatchNorm2d/eval-no-affine", "BatchNorm2d", [3], {"affine": False, "train": False}, (2, 3, 2, 2), E),
        ("Softmax/huge-logits", "Softmax", [], {"dim": 1}, (3, 4), {"input": "huge"}),
        ("LogSoftmax/huge-logits", "LogSoftmax", [], {"dim": 1}, (3, 4), {"input": "huge"}),
        ("GELU/large", "GELU", [], {}, (2, 5), {"input": "wide"}),
        ("GELU/tanh-large", "GELU", [], {"approximate": "tanh"}, (2, 5), {"input": "wide"}),
        ("Linear/empty-batch", "Linear", [3, 2], {}, (0, 3), E),
        ("Conv2d/empty-batch", "Conv2d", [2, 3, 3], {}, (0, 2, 4, 4), E),
        ("MaxPool2d/empty-batch", "MaxPool2d", [2], {}, (0, 2, 4, 4), E),
        ("LayerNorm/empty-batch", "LayerNorm", [4], {}, (0, 4), E),
        ("GELU/empty", "GELU", [], {}, (0, 3), E),
    ]


SPECIAL_INPUTS = {
    # small integers give ties (the first max wins); a NaN and a -inf in the first plane
    "ties": lambda g, s: torch.randint(0, 3, s, generator=g).double().index_put_((torch.tensor([0]), torch.tensor([0]), torch.tensor([1]), torch.tensor([2])), torch.tensor([float("nan")], dtype=torch.float64)).index_put_((torch.tensor([0]), torch.tensor([1]), torch.tensor([0]), torch.tensor([0])), torch.tensor([float("-inf")], dtype=torch.float64)),
    "constant": lambda g, s: torch.full(s, 2.5, dtype=torch.float64) + torch.tensor([[0.0], [0.0], [1.0]], dtype=torch.float64) * torch.randn(s, generator=g, dtype=torch.float64),
    "huge": lambda g, s: torch.tensor([[1e4, -1e4, 0.0, 1e4], [-1e4, -1e4, -1e4, -1e4], [3.0, 1e4 - 1, -2.0, 1e4]], dtype=torch.float64),
    "wide": lambda g, s: torch.linspace(-12, 12, s[0] * s[1], dtype=torch.float64).reshape(s),
}


def layer_cases():
    gen = torch.Generator().manual_seed(SEED)
    cases = []
    for cid, layer, args, options, shape, extra in layer_specs():
        options = dict(options)
        train = options.pop("train", True)
        for dt in ("float32", "float64"):
            kw = {}
            if "loosen" in extra:
                kw["loosen"] = extra["loosen"]
            input_fn = None
            if "input" in extra:
                input_fn = lambda g, s=shape, k=extra["input"]: SPECIAL_INPUTS[k](g, s)
            elif layer == "GELU" or layer.endswith("ReLU") or layer == "SiLU":
                # spread inputs over the interesting range, away from 0 where ReLU's derivative jumps
                input_fn = lambda g, s=shape: torch.rand(s, generator=g, dtype=torch.float64) * 8 - 4
            cases.append(layer_case(cid, layer, args, options, shape, dt, gen, train=train, input_fn=input_fn, **kw))
    # Embedding: int64 indices, gradients for the weight only; padding_idx rows get no gradient.
    for dt in ("float32", "float64"):
        idx = torch.tensor([[1, 3, 0, 3], [4, 2, 0, 1]], dtype=torch.int64)
        cases.append(layer_case("Embedding/basic", "Embedding", [5, 3], {}, None, dt, gen, int_input=idx))
        cases.append(layer_case("Embedding/padding-idx", "Embedding", [6, 4], {"paddingIdx": 0}, None, dt, gen, int_input=idx))
        cases.append(layer_case("Embedding/negative-padding-idx", "Embedding", [6, 2], {"paddingIdx": -2}, None, dt, gen,
                                int_input=torch.tensor([4, 5, 4, 0, 1], dtype=torch.int64)))
    # Sequential models: one small CNN and one MLP, end to end.
    for dt in ("float32", "float64"):
        cases.append(model_case("Sequential/cnn", dt, gen))
        cases.append(model_case("Sequential/mlp", dt, gen))
    return cases


def build_model(name):
    if name == "cnn":
        return nn.Sequential(
            nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 6, 3, stride=1), nn.GELU(), nn.AdaptiveAvgPool2d(2), nn.Flatten(), nn.Linear(24, 3))
    if name == "mlp":
        return nn.Sequential(nn.Linear(5, 8), nn.LayerNorm(8), nn.SiLU(), nn.Dropout(0.0), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 3), nn.LogSoftmax(dim=1))
    raise KeyError(name)


MODEL_INPUT = {"cnn": (2, 1, 8, 8), "mlp": (4, 5)}


def model_case(cid, dt, gen):
    name = cid.split("/")[1]
    dtype = DTYPES[dt]
    m = build_model(name).to(dtype)
    randomize_state(m, gen)
    state = enc_state(m)
    x = torch.randn(MODEL_INPUT[name], generator=gen, dtype=torch.float64).to(dtype).requires_grad_(True)
    y = m(x)
    gy = torch.randn(y.shape, generator=gen, dtype=torch.float64).to(dtype)
    y.backward(gy)
    t = tol(dt)
    if name == "cnn" and dt == "float32":
        t = tol(dt, atol=1e-5, why="0.bias feeds BatchNorm2d in train mode, so its true gradient is 0: both torch's and torchlet's float32 values are rounding noise of the summed terms (about 1e-6)")
    return {
        "id": f"{cid}/{dt}", "layer": "Sequential", "model": name, "args": [], "options": {}, "train": True,
        "dtype": dt, **t,
        "state": state, "input": enc(x), "output": enc(y), "grad_output": enc(gy), "grad_input": enc(x.grad),
        "grads": {n: enc(p.grad) for n, p in m.named_parameters()}, "state_after": enc_state(m),
    }


def batchnorm_steps():
    gen = torch.Generator().manual_seed(SEED + 1)
    cases = []
    specs = [
        ("BatchNorm2d/momentum-0.1", "BatchNorm2d", [3], {}, (4, 3, 3, 2)),
        ("BatchNorm2d/momentum-none", "BatchNorm2d", [3], {"momentum": None}, (4, 3, 3, 2)),
        ("BatchNorm1d/momentum-0.5", "BatchNorm1d", [4], {"momentum": 0.5}, (5, 4)),
        ("BatchNorm1d/no-affine-3d", "BatchNorm1d", [2], {"affine": False}, (3, 2, 4)),
    ]
    for cid, layer, args, options, shape in specs:
        for dt in ("float32", "float64"):
            dtype = DTYPES[dt]
            m = make_module(layer, args, options).to(dtype)
            randomize_state(m, gen)
            state = enc_state(m)
            steps = []
            for _ in range(4):
                x = (torch.randn(shape, generator=gen, dtype=torch.float64) * 2 + 0.5).to(dtype)
                y = m(x)
                steps.append({"input": enc(x), "output": enc(y), "state": enc_state(m)})
            m.eval()
            x = torch.randn(shape, generator=gen, dtype=torch.float64).to(dtype)
            cases.append({
                "id": f"{cid}/{dt}", "layer": layer, "args": args, "options": options, "dtype": dt,
                **tol(dt),
                "state": state, "steps": steps, "eval_input": enc(x), "eval_output": enc(m(x)),
            })
    return cases


def dropout_cases():
    cases = []
    torch.manual_seed(SEED)
    n = 200000
    for p in (0.1, 0.5, 0.9):
        for dt in ("float32", "float64"):
            y = F.dropout(torch.ones(n, dtype=DTYPES[dt]), p=p, training=True)
            kept = y[y != 0]
            cases.append({
                "id": f"Dropout/p{p}/{dt}", "p": p, "n": n, "dtype": dt, **tol(dt),
                "torch_zero_fraction": float((y == 0).double().mean()),
                "kept_value": enc(kept[:1]),
                "kept_values_distinct": int(torch.unique(kept).numel()),
            })
    # tensor-core reproduces torch's CPU stream, so after manual_seed the masks are torch's exactly
    gen = torch.Generator().manual_seed(SEED + 4)
    for p, shape in ((0.2, (6, 7)), (0.7, (3, 4, 5))):
        for dt in ("float32", "float64"):
            x = torch.randn(shape, generator=gen, dtype=torch.float64).to(DTYPES[dt]).requires_grad_(True)
            gy = torch.randn(shape, generator=gen, dtype=torch.float64).to(DTYPES[dt])
            torch.manual_seed(77)
            y = nn.Dropout(p)(x)
            y.backward(gy)
            cases.append({"id": f"Dropout/seeded-p{p}/{dt}", "p": p, "seed": 77, "dtype": dt, **tol(dt),
                          "input": enc(x), "output": enc(y), "grad_output": enc(gy), "grad_input": enc(x.grad)})
    return cases


def init_cases():
    cases = []
    def rec(cid, dt, fn, seed):
        torch.manual_seed(seed)
        out = fn(DTYPES[dt])
        return {"id": f"{cid}/{dt}", "seed": seed, "dtype": dt, **tol(dt), "tensors": {k: enc(v) for k, v in out.items()}}
    for seed in (0, 42, 1234):
        for dt in ("float32", "float64"):
            cases.append(rec(f"Linear(3,3)/seed{seed}", dt, lambda d: dict(nn.Linear(3, 3, dtype=d).state_dict()), seed))
    for dt in ("float32", "float64"):
        cases.append(rec("Linear(20,7)/seed7", dt, lambda d: dict(nn.Linear(20, 7, dtype=d).state_dict()), 7))
        cases.append(rec("Conv2d(3,4,3)/seed3", dt, lambda d: dict(nn.Conv2d(3, 4, 3, dtype=d).state_dict()), 3))
        cases.append(rec("Conv1d(2,5,4,groups=1)/seed5", dt, lambda d: dict(nn.Conv1d(2, 5, 4, dtype=d).state_dict()), 5))
        cases.append(rec("Embedding(10,4,padding_idx=1)/seed9", dt, lambda d: dict(nn.Embedding(10, 4, padding_idx=1, dtype=d).state_dict()), 9))
        cases.append(rec("Embedding(3,2)/seed9", dt, lambda d: dict(nn.Embedding(3, 2, dtype=d).state_dict()), 9))

        def inits(d):
            out = {}
            shapes = [(4, 5), (6, 3, 3, 3), (20,)]
            fns = {
                "kaimingUniform_": lambda t: nn.init.kaiming_uniform_(t),
                "kaimingUniform_(a=0.1,fan_out,leaky_relu)": lambda t: nn.init.kaiming_uniform_(t, a=0.1, mode="fan_out"),
                "kaimingNormal_": lambda t: nn.init.kaiming_normal_(t),
                "kaimingNormal_(fan_out,relu)": lambda t: nn.init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu"),
                "xavierUniform_": lambda t: nn.init.xavier_uniform_(t),
                "xavierUniform_(gain=2)": lambda t: nn.init.xavier_uniform_(t, gain=2.0),
                "xavierNormal_": lambda t: nn.init.xavier_normal_(t),
                "uniform_(-2,3)": lambda t: nn.init.uniform_(t, -2.0, 3.0),
                "normal_(1,0.5)": lambda t: nn.init.normal_(t, 1.0, 0.5),
                "constant_(0.25)": lambda t: nn.init.constant_(t, 0.25),
                "zeros_": lambda t: nn.init.zeros_(t),
                "ones_": lambda t: nn.init.ones_(t),
            }
            for name, fn in fns.items():
                for s in shapes:
                    if len(s) < 2 and ("kaiming" in name or "xavier" in name):
                        continue
                    t = torch.empty(s, dtype=d)
                    fn(t)
                    out[f"{name}|{'x'.join(map(str, s))}"] = t
            return out
        cases.append(rec("init-functions/seed11", dt, inits, 11))
    gains = []
    for nl, param in [("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None), ("conv_transpose1d", None),
                      ("conv_transpose2d", None), ("conv_transpose3d", None), ("sigmoid", None), ("tanh", None), ("relu", None),
                      ("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", math.sqrt(5)), ("selu", None)]:
        gains.append({"nonlinearity": nl, "param": param, "gain": nn.init.calculate_gain(nl, param)})
    fans = []
    for s in [(4, 5), (6, 3, 3, 3), (2, 7, 5), (3, 0)]:
        t = torch.empty(s)
        fi, fo = nn.init._calculate_fan_in_and_fan_out(t)
        fans.append({"shape": list(s), "fan_in": fi, "fan_out": fo})
    return cases, gains, fans


def structure_cases():
    def nested():
        m = nn.Module()
        m.features = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU())
        m.heads = nn.ModuleDict({"cls": nn.Linear(2, 3), "box": nn.Linear(2, 4, bias=False)})
        m.blocks = nn.ModuleList([nn.LayerNorm(2), nn.Sequential(nn.Linear(2, 2), nn.Embedding(4, 2, padding_idx=0))])
        return m
    models = {"cnn": build_model("cnn"), "mlp": build_model("mlp"), "nested": nested(),
              "bn-no-stats": nn.BatchNorm1d(3, track_running_stats=False), "bn-no-affine": nn.BatchNorm2d(3, affine=False)}
    cases = []
    for name, m in models.items():
        cases.append({
            "id": name, "dtype": "float32", "rtol": 0, "atol": 0,
            "state_dict_keys": list(m.state_dict().keys()),
            "named_parameters": [[n, list(p.shape)] for n, p in m.named_parameters()],
            "named_buffers": [[n, list(b.shape), str(b.dtype).replace("torch.", "")] for n, b in m.named_buffers()],
            "children": [type(c).__name__ for c in m.children()],
            "modules": [type(c).__name__ for c in m.modules()],
            "named_modules": [n for n, _ in m.named_modules()],
        })
    # load_state_dict errors, as PyTorch words them
    lin = nn.Linear(3, 2)
    errors = []
    bad = {"weight": torch.zeros(2, 4), "extra": torch.zeros(1)}
    try:
        lin.load_state_dict(bad)
    except RuntimeError as e:
        errors.append({"id": "linear-missing-unexpected-size", "message": str(e)})
    r = lin.load_state_dict({"weight": torch.zeros(2, 3), "extra": torch.zeros(1)}, strict=False)
    errors.append({"id": "linear-non-strict", "missing_keys": r.missing_keys, "unexpected_keys": r.unexpected_keys})
    return cases, errors


# ---- safetensors, written and read with struct + json ----------------------------------------
ST_DTYPES = {torch.float32: ("F32", "<f", 4, 11), torch.float64: ("F64", "<d", 8, 12), torch.int64: ("I64", "<q", 8, 13),
             torch.int32: ("I32", "<i", 4, 9), torch.bool: ("BOOL", "<?", 1, 0)}
ST_BY_NAME = {v[0]: (k, v[2]) for k, v in ST_DTYPES.items()}


def st_serialize(tensors, metadata=None):
    """The reference writer's layout: sort by dtype alignment (descending) then name; pad with spaces to 8."""
    items = sorted(tensors.items(), key=lambda kv: (-ST_DTYPES[kv[1].dtype][3], kv[0].encode("utf-8")))
    header = {}
    if metadata is not None:
        header["__metadata__"] = dict(sorted(metadata.items()))
    offset = 0
    blobs = []
    for name, t in items:
        t = t.detach().contiguous()
        raw = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": ST_DTYPES[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    hb = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    hb += b" " * ((8 - len(hb) % 8) % 8)
    return struct.pack("<Q", len(hb)) + hb + b"".join(blobs)


def st_deserialize(data):
    """A strict reader (the reference implementation's checks): returns {name: tensor}, metadata."""
    if len(data) < 8:
        raise ValueError("HeaderTooSmall")
    (n,) = struct.unpack("<Q", data[:8])
    if n > 100_000_000 or 8 + n > len(data):
        raise ValueError("InvalidHeaderLength")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", None)
    infos = sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"]))
    start = 0
    out = {}
    body = data[8 + n:]
    for name, info in infos:
        b, e = info["data_offsets"]
        if b != start or e < b:
            raise ValueError(f"InvalidOffset({name})")
        dtype, size = ST_BY_NAME[info["dtype"]]
        numel = math.prod(info["shape"])
        if e - b != numel * size:
            raise ValueError("TensorInvalidInfo")
        start = e
        t = torch.frombuffer(bytearray(body[b:e]), dtype=dtype) if numel > 0 else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(info["shape"]).clone()
    if start != len(body):
        raise ValueError("MetadataIncompleteBuffer")
    return out, metadata


def safetensors_torch_cases():
    gen = torch.Generator().manual_seed(SEED + 2)
    cases = []
    for name, dt in (("cnn", "float32"), ("mlp", "float64")):
        dtype = DTYPES[dt]
        m = build_model(name).to(dtype)
        randomize_state(m, gen)
        m.train()
        m(torch.randn(MODEL_INPUT[name], generator=gen, dtype=torch.float64).to(dtype))  # non-trivial running stats
        m.eval()
        sd = m.state_dict()
        data = st_serialize(sd, metadata={"format": "pt"})
        loaded, meta = st_deserialize(data)
        assert meta == {"format": "pt"} and all(torch.equal(loaded[k], v) for k, v in sd.items())
        x = torch.randn(MODEL_INPUT[name], generator=gen, dtype=torch.float64).to(dtype)
        with torch.no_grad():
            y = m(x)
        cases.append({"id": f"{name}/{dt}", "model": name, "dtype": dt, **tol(dt),
                      "bytes_base64": base64.b64encode(data).decode("ascii"), "metadata": meta,
                      "state": enc_state(m), "input": enc(x), "output": enc(y)})
    # every dtype, odd shapes (0-d, empty), names that sort differently by dtype
    misc = {"b.bool": torch.tensor([True, False, True]), "a.int32": torch.tensor([[1, -2], [3, 2147483647]], dtype=torch.int32),
            "z.int64": torch.tensor(7, dtype=torch.int64), "c.f64": torch.randn(2, 3, generator=gen, dtype=torch.float64),
            "d.f32": torch.randn(4, generator=gen), "e.empty": torch.zeros(0, 3), "0": torch.tensor([-(2 ** 53)], dtype=torch.int64)}
    data = st_serialize(misc)
    cases.append({"id": "misc-dtypes", "dtype": "float32", "rtol": 0, "atol": 0, "bytes_base64": base64.b64encode(data).decode("ascii"),
                  "metadata": None, "tensors": {k: enc(v) for k, v in misc.items()}})
    return cases


def write_torchlet_file():
    """Have torchlet write its file (the conformance test does it when TORCHLET_WRITE_SAFETENSORS=1)."""
    env = dict(os.environ, TORCHLET_WRITE_SAFETENSORS="1")
    try:
        r = subprocess.run(["npx", "vitest", "run", "test/nn-layers/safetensors.test.ts"], cwd=CONFORMANCE, env=env,
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            print("warning: torchlet could not write its safetensors file:\n" + r.stdout[-3000:] + r.stderr[-2000:])
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"warning: could not run vitest to write the torchlet safetensors file: {e}")


def safetensors_torchlet_cases():
    if not os.path.exists(TORCHLET_FILE):
        print("warning: no torchlet-written safetensors file; safetensors_torchlet.json not written")
        return None
    data = open(TORCHLET_FILE, "rb").read()
    tensors, meta = st_deserialize(data)
    m = build_model("cnn")
    m.load_state_dict(tensors, strict=True)  # raises on any missing/unexpected key or shape mismatch
    m.eval()
    gen = torch.Generator().manual_seed(SEED + 3)
    x = torch.randn(MODEL_INPUT["cnn"], generator=gen)
    with torch.no_grad():
        y = m(x)
    return [{"id": "cnn/float32", "model": "cnn", "dtype": "float32", **tol("float32"),
             "sha256": hashlib.sha256(data).hexdigest(), "metadata": meta,
             "keys_in_file_order": list(json.loads(data[8:8 + struct.unpack('<Q', data[:8])[0]]).keys()),
             "state": {k: enc(v) for k, v in tensors.items()}, "input": enc(x), "output": enc(y)}]


def generate():
    write_fixture("nn-layers", "layers", __file__, SEED, layer_cases())
    write_fixture("nn-layers", "batchnorm_steps", __file__, SEED + 1, batchnorm_steps())
    write_fixture("nn-layers", "dropout", __file__, SEED, dropout_cases())
    init, gains, fans = init_cases()
    path = write_fixture("nn-layers", "init", __file__, 0, init)
    with open(path) as f:
        doc = json.load(f)
    doc["gains"] = gains
    doc["fans"] = fans
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    structure, errors = structure_cases()
    path = write_fixture("nn-layers", "structure", __file__, 0, structure)
    with open(path) as f:
        doc = json.load(f)
    doc["load_errors"] = errors
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    write_fixture("nn-layers", "safetensors_torch", __file__, SEED + 2, safetensors_torch_cases())
    if os.environ.get("TORCHLET_SKIP_NODE") != "1":
        write_torchlet_file()
    cases = safetensors_torchlet_cases()
    if cases is not None:
        write_fixture("nn-layers", "safetensors_torchlet", __file__, SEED + 3, cases)
