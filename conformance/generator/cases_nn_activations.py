"""Fixtures for @torchlet/nn-layers' activations added for "the rest of torch.nn"
(conformance/test/nn-layers/activations.test.ts). Its own file and seed, so layers.json stays as it is.

Writes fixtures/nn-layers/activations.json:
  layer cases       {"kind": "layer", ...} ELU, Hardtanh, Softplus, PReLU, Mish, Hardswish, LogSigmoid,
                    Softmin, Softmax2d in layers.json's layer format (state, input, output, grad_output,
                    grad_input, grads: PReLU's weight) plus the module's "repr".
  functional cases  {"kind": "functional", "fn", "args": {camelCase: value}, "dtype", "rtol", "atol",
                    "input", "weight"?, "output", "grad_output", "grad_input", "grad_weight"?}: F.elu,
                    F.hardtanh, F.softplus, F.prelu, F.mish, F.hardswish, F.logsigmoid, F.softmax,
                    F.log_softmax, F.softmin (with dtype=, integer inputs included; grad_input null
                    where the input cannot require grad).
  error cases       {"kind": "error", "fn", "args", "input": {"dtype", "shape"}, "weight"?, "error"}:
                    calls PyTorch 1.13 rejects, with its message (torchlet must throw a TorchletError).

Run: /usr/bin/python3.11 generator/generate.py cases_nn_activations
"""
import torch
import torch.nn.functional as F

from cases_nn import layer_case, make_module
from common import DTYPES, enc, enc_number, tol, write_fixture

SEED = 20261217

KINKS = {
    # the points where each activation's derivative jumps, where PyTorch's backward picks a side
    "ELU": [-1.0, 0.0, 0.5, 2.0],
    "Hardtanh": [-1.0, 1.0, -2.0, 3.0, 0.25, float("nan")],
    "Hardswish": [-3.0, 3.0, -4.0, 0.0, 5.0],
    "PReLU": [0.0, -1.0, 2.0],
    "LogSigmoid": [0.0, -1.0, 1.0],
}


def special(kind, shape):
    def make(g):
        if kind == "uniform4":
            return torch.rand(shape, generator=g, dtype=torch.float64) * 8 - 4
        if kind == "wide":
            n = 1
            for s in shape:
                n *= s
            return torch.linspace(-30, 30, n, dtype=torch.float64).reshape(shape)
        if kind == "huge":
            return torch.tensor([[1e4, -1e4, 0.0, 1e4], [-1e4, -1e4, -1e4, -1e4], [3.0, 1e4 - 1, -2.0, 1e4]], dtype=torch.float64).reshape(shape)
        return torch.tensor(KINKS[kind], dtype=torch.float64).reshape(shape)
    return make


# (id, layer, args, options, input shape, input kind, randomize the state)
LAYER_SPECS = [
    ("ELU/default", "ELU", [], {}, (4, 5), "uniform4", True),
    ("ELU/alpha", "ELU", [], {"alpha": 0.5}, (3, 4), "uniform4", True),
    ("ELU/alpha-wide", "ELU", [], {"alpha": 2.5}, (2, 6), "wide", True),
    ("ELU/kinks", "ELU", [], {"alpha": 1.5}, (4,), "ELU", True),
    ("Hardtanh/default", "Hardtanh", [], {}, (4, 5), "uniform4", True),
    ("Hardtanh/range", "Hardtanh", [], {"minVal": -2.0, "maxVal": 3.0}, (4, 5), "uniform4", True),
    ("Hardtanh/kinks", "Hardtanh", [], {}, (6,), "Hardtanh", True),
    ("Hardtanh/kinks-range", "Hardtanh", [], {"minVal": -2.0, "maxVal": 3.0}, (2, 3), "Hardtanh", True),
    ("Softplus/default", "Softplus", [], {}, (4, 5), "uniform4", True),
    ("Softplus/beta-threshold", "Softplus", [], {"beta": 2, "threshold": 3}, (4, 5), "uniform4", True),
    ("Softplus/fractional", "Softplus", [], {"beta": 0.5, "threshold": 1.5}, (4, 5), "uniform4", True),
    ("Softplus/wide", "Softplus", [], {}, (3, 4), "wide", True),
    ("PReLU/default", "PReLU", [], {}, (3, 4), "uniform4", True),
    ("PReLU/channels", "PReLU", [], {"numParameters": 3}, (2, 3, 4), "uniform4", True),
    ("PReLU/channels-4d", "PReLU", [], {"numParameters": 2}, (2, 2, 3, 3), "uniform4", True),
    ("PReLU/init", "PReLU", [], {"numParameters": 4, "init": 0.1}, (3, 4), "uniform4", False),
    ("PReLU/1d-input", "PReLU", [], {"init": -0.5}, (5,), "uniform4", False),
    ("PReLU/kinks", "PReLU", [], {}, (3,), "PReLU", False),
    ("Mish", "Mish", [], {}, (4, 5), "uniform4", True),
    ("Mish/wide", "Mish", [], {}, (3, 4), "wide", True),
    ("Hardswish", "Hardswish", [], {}, (4, 5), "uniform4", True),
    ("Hardswish/kinks", "Hardswish", [], {}, (5,), "Hardswish", True),
    ("LogSigmoid", "LogSigmoid", [], {}, (4, 5), "uniform4", True),
    ("LogSigmoid/wide", "LogSigmoid", [], {}, (3, 4), "wide", True),
    ("LogSigmoid/kinks", "LogSigmoid", [], {}, (3,), "LogSigmoid", True),
    ("Softmin/dim1", "Softmin", [], {"dim": 1}, (3, 5), "uniform4", True),
    ("Softmin/dim0-3d", "Softmin", [], {"dim": 0}, (3, 2, 4), "uniform4", True),
    ("Softmin/huge", "Softmin", [], {"dim": -1}, (3, 4), "huge", True),
    ("Softmax2d/4d", "Softmax2d", [], {}, (2, 3, 2, 2), "uniform4", True),
    ("Softmax2d/3d", "Softmax2d", [], {}, (3, 2, 4), "uniform4", True),
]


def layer_cases(gen):
    cases = []
    for cid, layer, args, options, shape, kind, randomize in LAYER_SPECS:
        for dt in ("float32", "float64"):
            case = layer_case(cid, layer, args, options, shape, dt, gen, randomize=randomize, input_fn=special(kind, shape))
            case["kind"] = "layer"
            case["repr"] = repr(make_module(layer, args, options))
            cases.append(case)
    return cases


def call(fn, x, args, weight=None):
    """The PyTorch call of a functional case; `args` holds the camelCase keywords."""
    dtype = DTYPES[args["dtype"]] if args.get("dtype") else None
    if fn == "elu":
        return F.elu(x, alpha=args.get("alpha", 1.0))
    if fn == "hardtanh":
        return F.hardtanh(x, args.get("minVal", -1.0), args.get("maxVal", 1.0))
    if fn == "softplus":
        return F.softplus(x, beta=args.get("beta", 1), threshold=args.get("threshold", 20))
    if fn == "prelu":
        return F.prelu(x, weight)
    if fn == "mish":
        return F.mish(x)
    if fn == "hardswish":
        return F.hardswish(x)
    if fn == "logsigmoid":
        return F.logsigmoid(x)
    if fn == "softmax":
        return F.softmax(x, args["dim"], dtype=dtype)
    if fn == "logSoftmax":
        return F.log_softmax(x, args["dim"], dtype=dtype)
    if fn == "softmin":
        return F.softmin(x, args["dim"], dtype=dtype)
    raise KeyError(fn)


# (id, fn, args, input dtype, input shape, input kind, weight shape)
FUNCTIONAL_SPECS = [
    ("elu/alpha", "elu", {"alpha": 0.3}, None, (3, 4), "uniform4", None),
    ("elu/negative-alpha", "elu", {"alpha": -2.0}, None, (3, 4), "uniform4", None),
    ("hardtanh/range", "hardtanh", {"minVal": -0.5, "maxVal": 2.0}, None, (3, 4), "uniform4", None),
    ("hardtanh/min-above-max", "hardtanh", {"minVal": 1.0, "maxVal": -1.0}, None, (3, 4), "uniform4", None),
    ("softplus/beta-threshold", "softplus", {"beta": 3, "threshold": 5}, None, (3, 4), "uniform4", None),
    ("prelu/shared", "prelu", {}, None, (2, 3, 4), "uniform4", (1,)),
    ("prelu/channels", "prelu", {}, None, (2, 3, 4), "uniform4", (3,)),
    ("prelu/scalar-weight", "prelu", {}, None, (2, 3), "uniform4", ()),
    ("prelu/0d-input", "prelu", {}, None, (), "uniform4", (1,)),
    ("prelu/empty-batch", "prelu", {}, None, (0, 3), "uniform4", (3,)),
    ("mish", "mish", {}, None, (3, 4), "uniform4", None),
    ("hardswish", "hardswish", {}, None, (3, 4), "uniform4", None),
    ("logsigmoid", "logsigmoid", {}, None, (3, 4), "uniform4", None),
    ("logsigmoid/empty", "logsigmoid", {}, None, (0, 3), "uniform4", None),
    ("softmax/dtype-float64", "softmax", {"dim": 1, "dtype": "float64"}, "float32", (3, 4), "uniform4", None),
    ("softmax/dtype-float32", "softmax", {"dim": 0, "dtype": "float32"}, "float64", (3, 4), "uniform4", None),
    ("softmax/dtype-same", "softmax", {"dim": -1, "dtype": "float64"}, "float64", (2, 3, 4), "uniform4", None),
    ("softmax/dtype-none", "softmax", {"dim": 1, "dtype": None}, None, (3, 4), "uniform4", None),
    ("softmax/int64-input", "softmax", {"dim": 1, "dtype": "float32"}, "int64", (2, 3), "int", None),
    ("softmax/huge-dtype", "softmax", {"dim": 1, "dtype": "float64"}, "float32", (3, 4), "huge", None),
    ("logSoftmax/dtype-float64", "logSoftmax", {"dim": 1, "dtype": "float64"}, "float32", (3, 4), "uniform4", None),
    ("logSoftmax/dtype-float32", "logSoftmax", {"dim": -2, "dtype": "float32"}, "float64", (2, 3, 4), "uniform4", None),
    ("logSoftmax/int64-input", "logSoftmax", {"dim": 0, "dtype": "float64"}, "int64", (2, 3), "int", None),
    ("softmin/dim", "softmin", {"dim": 1}, None, (3, 4), "uniform4", None),
    ("softmin/dtype-float64", "softmin", {"dim": 0, "dtype": "float64"}, "float32", (3, 4), "uniform4", None),
    ("softmin/int64-input", "softmin", {"dim": 1, "dtype": "float64"}, "int64", (2, 3), "int", None),
]


def functional_cases(gen):
    cases = []
    for cid, fn, args, in_dt, shape, kind, wshape in FUNCTIONAL_SPECS:
        for dt in (("float32", "float64") if in_dt is None else (in_dt,)):
            dtype = DTYPES[dt]
            if kind == "int":
                x = torch.randint(-3, 4, shape, generator=gen)
            else:
                x = special(kind, shape)(gen).to(dtype).requires_grad_(True)
            w = None
            if wshape is not None:
                w = (torch.randn(wshape, generator=gen, dtype=torch.float64) * 0.5).to(dtype).requires_grad_(True)
            y = call(fn, x, args, w)
            gy = torch.randn(y.shape, generator=gen, dtype=torch.float64).to(y.dtype)
            if y.requires_grad:
                y.backward(gy)
            # float32 anywhere (input, output or the dtype= cast) bounds the precision
            tdt = "float64" if {dt if kind != "int" else "float64", DTYPE_NAME(y.dtype)} == {"float64"} else "float32"
            case = {
                "id": f"F.{cid}/{dt}", "kind": "functional", "fn": fn, "args": args, "dtype": dt, **tol(tdt),
                "input": enc(x), "output": enc(y), "grad_output": enc(gy),
                "grad_input": enc(x.grad) if x.requires_grad else None,
            }
            if w is not None:
                case["weight"] = enc(w)
                case["grad_weight"] = enc(w.grad)
            cases.append(case)
    return cases


def DTYPE_NAME(d):
    return {v: k for k, v in DTYPES.items()}[d]


# (id, fn, args, input dtype, input shape, weight (dtype, shape)): calls PyTorch rejects
ERROR_SPECS = [
    ("softmax/dtype-int64", "softmax", {"dim": 1, "dtype": "int64"}, "float32", (2, 3), None),
    ("logSoftmax/dtype-bool", "logSoftmax", {"dim": 1, "dtype": "bool"}, "float32", (2, 3), None),
    ("logSoftmax/dtype-int32", "logSoftmax", {"dim": 0, "dtype": "int32"}, "float64", (2, 3), None),
    ("softmin/dtype-int64", "softmin", {"dim": 1, "dtype": "int64"}, "float32", (2, 3), None),
    ("softmax/int64-input-no-dtype", "softmax", {"dim": 1}, "int64", (2, 3), None),
    ("softmin/int64-input-no-dtype", "softmin", {"dim": 1}, "int64", (2, 3), None),
    ("elu/int64", "elu", {}, "int64", (3,), None),
    ("mish/int64", "mish", {}, "int64", (3,), None),
    ("hardswish/int64", "hardswish", {}, "int64", (3,), None),
    ("logsigmoid/int64", "logsigmoid", {}, "int64", (3,), None),
    ("softplus/int64", "softplus", {}, "int64", (3,), None),
    ("prelu/int64", "prelu", {}, "int64", (2, 3), ("int64", (3,))),
    ("prelu/channel-mismatch", "prelu", {}, "float32", (2, 3), ("float32", (4,))),
    ("prelu/1d-input-many-weights", "prelu", {}, "float32", (3,), ("float32", (3,))),
    ("prelu/0d-input-many-weights", "prelu", {}, "float32", (), ("float32", (3,))),
    ("prelu/2d-weight", "prelu", {}, "float32", (2, 3), ("float32", (1, 3))),
    ("prelu/weight-dtype", "prelu", {}, "float32", (2, 3), ("float64", (3,))),
    ("Hardtanh/max-below-min", "Hardtanh", {"minVal": 2.0, "maxVal": 1.0}, "float32", (3,), None),
    ("Hardtanh/max-equals-min", "Hardtanh", {"minVal": 1.0, "maxVal": 1.0}, "float32", (3,), None),
    ("Softmax2d/2d-input", "Softmax2d", {}, "float32", (2, 3), None),
    ("Softmax2d/5d-input", "Softmax2d", {}, "float32", (1, 2, 3, 2, 2), None),
    ("PReLU/negative-num-parameters", "PReLU", {"numParameters": -1}, "float32", (3,), None),
]


def error_cases():
    cases = []
    for cid, fn, args, dt, shape, wspec in ERROR_SPECS:
        x = torch.zeros(shape, dtype=DTYPES[dt])
        w = torch.ones(wspec[1], dtype=DTYPES[wspec[0]]) if wspec else None
        try:
            if fn[0].isupper():
                make_module(fn, [], {k: v for k, v in args.items()})(x)
            else:
                call(fn, x, args, w)
        except (RuntimeError, ValueError, AssertionError, TypeError) as e:
            message = f"{type(e).__name__}: {e}"
        else:
            raise AssertionError(f"PyTorch accepted error case {cid}")
        case = {"id": f"error/{cid}", "kind": "error", "fn": fn, "args": args, "dtype": dt, "rtol": 0, "atol": 0,
                "input": {"dtype": dt, "shape": list(shape)}, "error": message}
        if wspec:
            case["weight"] = {"dtype": wspec[0], "shape": list(wspec[1])}
        cases.append(case)
    return cases


def generate():
    gen = torch.Generator().manual_seed(SEED)
    write_fixture("nn-layers", "activations", __file__, SEED, layer_cases(gen) + functional_cases(gen) + error_cases())
