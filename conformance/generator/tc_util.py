"""Case builder for the tensor-core fixtures (used by cases_tensor_core.py and the tc_*.py modules).

A case names an op of the replay registry (conformance/src/tensor-core/ops.ts), its operands and its
keyword arguments; this module runs the same op in PyTorch (TORCH_OPS in tc_ops.py) and records:

    {"id", "op", "dtype", "rtol", "atol", ["tolerance_reason"],
     "args":   [Arg, ...],           operands, in order
     "kwargs": {...},                 non-tensor parameters (numbers may be "nan"/"inf"/"-inf")
     "out":    [enc, ...],            every output (a tensor op has one; split/chunk/unbind several;
                                      max/min along a dim: values then indices)
     "is_view": bool,                 (view ops) whether PyTorch's result shares the input's storage
     "grad_out": [enc|null, ...],     random upstream gradient per output (null: not differentiable)
     "grads":  [enc|null|[...], ...], gradient of each operand's base (a list for a tensor list)
     "base_after": [enc|null, ...],   (in-place ops) each operand's base after the op
     "error": "RuntimeError: ..."}    (error cases) PyTorch raised; torchlet must throw a TorchletError

Arg:  {"tensor": enc, "views": [step, ...]}  a tensor, optionally viewed (non-contiguous input)
      {"scalar": number}                       a Python number operand
      {"list": [Arg, ...]}                     a list of tensors (cat, stack)
View steps, applied in order to the decoded base:
      ["transpose", d0, d1] ["permute", [dims]] ["slice", dim, start, end, step]
      ["expand", [sizes]] ["select", dim, index] ["narrow", dim, start, length]
Gradients are with respect to the base, so they check the views' backward too.
"""
import torch

from common import DTYPE_NAMES, enc, enc_number, tol

FLOAT = ("float32", "float64")


class T:
    """A tensor operand: `t` is the base; `views` turn it into a (non-contiguous) view first."""

    def __init__(self, t, views=(), grad=True):
        self.t = t
        self.views = [list(v) for v in views]
        self.grad = grad


class S:
    """A Python scalar operand (a JS number in torchlet)."""

    def __init__(self, v):
        self.v = v


class L:
    """A list of tensor operands."""

    def __init__(self, items):
        self.items = list(items)


def apply_view(x, step):
    kind, *a = step
    if kind == "transpose":
        return x.transpose(a[0], a[1])
    if kind == "permute":
        return x.permute(*a[0])
    if kind == "slice":
        dim, start, end, stp = a
        return x[(slice(None),) * (dim % x.dim()) + (slice(start, end, stp),)]
    if kind == "expand":
        return x.expand(*a[0])
    if kind == "select":
        return x.select(a[0], a[1])
    if kind == "narrow":
        return x.narrow(a[0], a[1], a[2])
    raise ValueError(f"unknown view step {kind}")


def _dtype_name(t):
    return DTYPE_NAMES[t.dtype]


def _enc_kwargs(kw):
    out = {}
    for k, v in kw.items():
        out[k] = enc_number(v) if isinstance(v, float) else v
    return out


def _enc_arg(a):
    if isinstance(a, T):
        d = {"tensor": enc(a.t)}
        if a.views:
            d["views"] = a.views
        return d
    if isinstance(a, S):
        return {"scalar": enc_number(a.v)}
    if isinstance(a, L):
        return {"list": [_enc_arg(x) for x in a.items]}
    raise TypeError(a)


def _tensors(args):
    for a in args:
        if isinstance(a, T):
            yield a
        elif isinstance(a, L):
            yield from a.items


def _case_dtype(args, kw):
    ts = [a.t for a in _tensors(args)]
    for t in ts:
        if t.is_floating_point():
            return _dtype_name(t)
    if ts:
        return _dtype_name(ts[0])
    return kw.get("dtype", "float32")


def _outputs(res):
    if isinstance(res, torch.Tensor):
        return [res]
    if isinstance(res, bool):
        return [torch.tensor(res)]
    if isinstance(res, (int, float)):
        return None  # item(): handled by the caller
    if hasattr(res, "values") and hasattr(res, "indices"):
        return [res.values, res.indices]
    return list(res)


def _build(a, want_grad):
    """Torch operand for an Arg; returns (operand, base or None)."""
    if isinstance(a, S):
        return a.v, None
    if isinstance(a, L):
        built = [_build(x, want_grad) for x in a.items]
        return [b[0] for b in built], [b[1] for b in built]
    base = a.t.clone()
    if want_grad and a.grad and base.is_floating_point():
        base.requires_grad_(True)
    x = base
    for step in a.views:
        x = apply_view(x, step)
    return x, base


def make_case(case_id, op, args, kwargs=None, *, diff=True, error=False, inplace=False, view=False,
              rtol=None, atol=None, why=None, grad_fn=False):
    """Run `op` in PyTorch on `args` and return the fixture case.

    error=True: PyTorch must raise (an error case); error="auto": record whichever PyTorch does.
    grad_fn=True: also record the first differentiable output's grad_fn name (PyTorch's node name).
    """
    from tc_ops import TORCH_OPS

    kwargs = dict(kwargs or {})
    dtype = _case_dtype(args, kwargs)
    case = {"id": case_id, "op": op, "dtype": dtype}
    case.update(tol(dtype, rtol=rtol, atol=atol, why=why))
    tol_args = (rtol, atol, why)
    case["args"] = [_enc_arg(a) for a in args]
    case["kwargs"] = _enc_kwargs(kwargs)

    want_grad = diff and error is not True and not inplace and dtype in FLOAT
    built = [_build(a, want_grad) for a in args]
    operands = [b[0] for b in built]
    fn = TORCH_OPS[op]
    try:
        res = fn(operands, kwargs)
    except Exception as e:  # PyTorch raised: record what
        if not error:
            raise
        msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
        case["error"] = f"{type(e).__name__}: {msg}"[:300]
        return case
    if error is True:
        raise AssertionError(f"{case_id}: expected PyTorch to raise")
    if isinstance(res, (int, float)) and not isinstance(res, bool):  # item()
        res = torch.tensor(res, dtype=args[0].t.dtype)
    outs = _outputs(res)
    if dtype not in FLOAT:  # integer inputs, floating result (exp of int64...): the result's tolerance
        floats = [DTYPE_NAMES[o.dtype] for o in outs if o.is_floating_point()]
        if floats:
            case.update(tol(floats[0], *tol_args))
    case["out"] = [enc(o) for o in outs]
    if view:
        x = operands[0]
        case["is_view"] = bool(outs[0].storage().data_ptr() == x.storage().data_ptr())
    if inplace:
        case["base_after"] = [enc(b[1]) if isinstance(a, T) and a.views else None for a, b in zip(args, built)]
        return case
    bases = []
    for b in built:
        if isinstance(b[1], list):
            bases.extend(b[1])
        elif b[1] is not None:
            bases.append(b[1])
    if not any(b.requires_grad for b in bases):
        return case
    grad_out = []
    diff_outs, diff_gs = [], []
    for o in outs:
        if o.requires_grad and o.is_floating_point():
            g = torch.randn(o.shape, dtype=o.dtype)
            grad_out.append(enc(g))
            diff_outs.append(o)
            diff_gs.append(g)
        else:
            grad_out.append(None)
    if not diff_outs:
        return case
    if grad_fn:
        # name() qualifies C++ nodes ('torch::autograd::CopySlices'); printing shows the last part
        case["grad_fn"] = diff_outs[0].grad_fn.name().split("::")[-1] if diff_outs[0].grad_fn is not None else None
    torch.autograd.backward(diff_outs, diff_gs)

    def grad_of(base):
        if base is None or not base.requires_grad:
            return None
        return enc(base.grad if base.grad is not None else torch.zeros_like(base))

    grads = []
    for b in built:
        if isinstance(b[1], list):
            grads.append([grad_of(x) for x in b[1]])
        else:
            grads.append(grad_of(b[1]))
    case["grad_out"] = grad_out
    case["grads"] = grads
    return case


def rnd(*shape, dtype=torch.float32, lo=-2.0, hi=2.0):
    return (torch.rand(shape, dtype=torch.float64) * (hi - lo) + lo).to(dtype)


def rint(*shape, lo=-5, hi=6, dtype=torch.int64):
    return torch.randint(lo, hi, shape, dtype=dtype)


def rbool(*shape):
    return torch.rand(shape) < 0.5


def positive(*shape, dtype=torch.float32, lo=0.2, hi=3.0):
    return rnd(*shape, dtype=dtype, lo=lo, hi=hi)


def distinct(*shape, dtype=torch.float32):
    """Values without ties (max/min/argmax stay well defined)."""
    n = 1
    for s in shape:
        n *= s
    return (torch.randperm(n).to(torch.float64) * 0.37 - n * 0.15 + torch.rand(n, dtype=torch.float64) * 0.1) \
        .reshape(shape).to(dtype)


DT = {"float32": torch.float32, "float64": torch.float64}
