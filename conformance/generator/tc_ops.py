"""Each replayable op in PyTorch: op name -> fn(operands, kwargs).

The TypeScript side (conformance/src/tensor-core/ops.ts) holds the same table for torchlet; a new op
needs an entry in both, with the same name and keyword names.
"""
import operator

import torch
import torch.nn.functional as F

from common import DTYPES


def _dt(kw):
    return DTYPES[kw["dtype"]] if "dtype" in kw else None


def _opt(kw, *names):
    return {n: kw[n] for n in names if n in kw}


def _binary(torch_fn, py_op):
    def fn(a, kw):
        x, y = a[0], a[1]
        if not isinstance(x, torch.Tensor):
            return py_op(x, y)
        return torch_fn(x, y)
    return fn


def _rsub(a, kw):
    if not isinstance(a[0], torch.Tensor):
        return a[0] - a[1]
    return torch.sub(a[0], a[1], **_opt(kw, "alpha"))


def _radd(a, kw):
    if not isinstance(a[0], torch.Tensor):
        return a[0] + a[1]
    return torch.add(a[0], a[1], **_opt(kw, "alpha"))


def _red(name):
    def fn(a, kw):
        x = a[0]
        if "dim" in kw:
            return getattr(torch, name)(x, kw["dim"], keepdim=kw.get("keepdim", False))
        return getattr(torch, name)(x)
    return fn


def _var(name):
    def fn(a, kw):
        x = a[0]
        opts = {"keepdim": kw.get("keepdim", False)}
        if "correction" in kw:
            opts["correction"] = kw["correction"]
        return getattr(torch, name)(x, dim=kw.get("dim"), **opts)
    return fn


def _slice(a, kw):
    x = a[0]
    dim = kw["dim"] % x.dim()
    return x[(slice(None),) * dim + (slice(kw.get("start"), kw.get("end"), kw.get("step", 1)),)]


def _arange(a, kw):
    args = [kw["start"], kw["end"]] if "start" in kw else [kw["end"]]
    if "step" in kw:
        args.append(kw["step"])
    return torch.arange(*args, **({"dtype": _dt(kw)} if "dtype" in kw else {}))


def _dtkw(kw):
    return {"dtype": _dt(kw)} if "dtype" in kw else {}


def _inplace(method):
    def fn(a, kw):
        x = a[0]
        res = getattr(x, method)(*a[1:], **kw)
        assert res is x
        return x
    return fn


TORCH_OPS = {
    # creation
    "tensor": lambda a, kw: torch.tensor(kw["data"], **_dtkw(kw)),
    "scalarTensor": lambda a, kw: torch.tensor(kw["value"], **_dtkw(kw)),
    "zeros": lambda a, kw: torch.zeros(kw["shape"], **_dtkw(kw)),
    "ones": lambda a, kw: torch.ones(kw["shape"], **_dtkw(kw)),
    "full": lambda a, kw: torch.full(kw["shape"], kw["value"], **_dtkw(kw)),
    "arange": _arange,
    "linspace": lambda a, kw: torch.linspace(kw["start"], kw["end"], kw["steps"], **_dtkw(kw)),
    "eye": lambda a, kw: torch.eye(kw["n"], kw["m"], **_dtkw(kw)) if "m" in kw else torch.eye(kw["n"], **_dtkw(kw)),
    "zerosLike": lambda a, kw: torch.zeros_like(a[0], **_dtkw(kw)),
    "onesLike": lambda a, kw: torch.ones_like(a[0], **_dtkw(kw)),
    "fullLike": lambda a, kw: torch.full_like(a[0], kw["value"], **_dtkw(kw)),
    # conversion
    "to": lambda a, kw: a[0].to(_dt(kw)),
    "clone": lambda a, kw: a[0].clone(),
    "item": lambda a, kw: a[0].item(),
    # views and shape
    "contiguous": lambda a, kw: a[0].contiguous(),
    "view": lambda a, kw: a[0].view(kw["shape"]),
    "reshape": lambda a, kw: a[0].reshape(kw["shape"]),
    "transpose": lambda a, kw: a[0].transpose(kw["dim0"], kw["dim1"]),
    "t": lambda a, kw: a[0].t(),
    "T": lambda a, kw: a[0].permute(*reversed(range(a[0].dim()))),
    "permute": lambda a, kw: a[0].permute(*kw["dims"]),
    "expand": lambda a, kw: a[0].expand(kw["shape"]),
    "expandAs": lambda a, kw: a[0].expand_as(a[1]),
    "squeeze": lambda a, kw: a[0].squeeze(kw["dim"]) if "dim" in kw else a[0].squeeze(),
    "unsqueeze": lambda a, kw: a[0].unsqueeze(kw["dim"]),
    "flatten": lambda a, kw: a[0].flatten(kw.get("start_dim", 0), kw.get("end_dim", -1)),
    "unflatten": lambda a, kw: a[0].unflatten(kw["dim"], kw["sizes"]),
    "narrow": lambda a, kw: a[0].narrow(kw["dim"], kw["start"], kw["length"]),
    "select": lambda a, kw: a[0].select(kw["dim"], kw["index"]),
    "slice": _slice,
    # join
    "cat": lambda a, kw: torch.cat(a[0], kw.get("dim", 0)),
    "stack": lambda a, kw: torch.stack(a[0], kw.get("dim", 0)),
    "split": lambda a, kw: torch.split(a[0], kw["split_size"], kw.get("dim", 0)),
    "chunk": lambda a, kw: torch.chunk(a[0], kw["chunks"], kw.get("dim", 0)),
    "unbind": lambda a, kw: torch.unbind(a[0], kw.get("dim", 0)),
    # elementwise
    "add": _radd,
    "sub": _rsub,
    "mul": _binary(torch.mul, operator.mul),
    "div": _binary(torch.div, operator.truediv),
    "pow": _binary(torch.pow, operator.pow),
    "maximum": lambda a, kw: torch.maximum(a[0], a[1]),
    "minimum": lambda a, kw: torch.minimum(a[0], a[1]),
    "neg": lambda a, kw: torch.neg(a[0]),
    "exp": lambda a, kw: torch.exp(a[0]),
    "erf": lambda a, kw: torch.erf(a[0]),
    "log": lambda a, kw: torch.log(a[0]),
    "log1p": lambda a, kw: torch.log1p(a[0]),
    "expm1": lambda a, kw: torch.expm1(a[0]),
    "sqrt": lambda a, kw: torch.sqrt(a[0]),
    "rsqrt": lambda a, kw: torch.rsqrt(a[0]),
    "abs": lambda a, kw: torch.abs(a[0]),
    "sign": lambda a, kw: torch.sign(a[0]),
    "clamp": lambda a, kw: torch.clamp(a[0], kw.get("min"), kw.get("max")),
    "sigmoid": lambda a, kw: torch.sigmoid(a[0]),
    "tanh": lambda a, kw: torch.tanh(a[0]),
    "relu": lambda a, kw: torch.relu(a[0]),
    "softplus": lambda a, kw: F.softplus(a[0], **_opt(kw, "beta", "threshold")),
    "where": lambda a, kw: torch.where(a[0], a[1], a[2]),
    # comparison and logic
    "eq": lambda a, kw: torch.eq(a[0], a[1]),
    "ne": lambda a, kw: torch.ne(a[0], a[1]),
    "lt": lambda a, kw: torch.lt(a[0], a[1]),
    "le": lambda a, kw: torch.le(a[0], a[1]),
    "gt": lambda a, kw: torch.gt(a[0], a[1]),
    "ge": lambda a, kw: torch.ge(a[0], a[1]),
    "logicalAnd": lambda a, kw: torch.logical_and(a[0], a[1]),
    "logicalOr": lambda a, kw: torch.logical_or(a[0], a[1]),
    "logicalXor": lambda a, kw: torch.logical_xor(a[0], a[1]),
    "logicalNot": lambda a, kw: torch.logical_not(a[0]),
    "isnan": lambda a, kw: torch.isnan(a[0]),
    "isinf": lambda a, kw: torch.isinf(a[0]),
    "isfinite": lambda a, kw: torch.isfinite(a[0]),
    "allclose": lambda a, kw: torch.allclose(a[0], a[1], **_opt(kw, "rtol", "atol", "equal_nan")),
    # reductions
    "sum": _red("sum"),
    "mean": _red("mean"),
    "prod": _red("prod"),
    "max": _red("max"),
    "min": _red("min"),
    "argmax": _red("argmax"),
    "argmin": _red("argmin"),
    "var": _var("var"),
    "std": _var("std"),
    "logsumexp": lambda a, kw: torch.logsumexp(a[0], kw["dim"], keepdim=kw.get("keepdim", False)),
    "all": _red("all"),
    "any": _red("any"),
    # linear algebra
    "matmul": lambda a, kw: torch.matmul(a[0], a[1]),
    "mm": lambda a, kw: torch.mm(a[0], a[1]),
    "bmm": lambda a, kw: torch.bmm(a[0], a[1]),
    # indexing
    "gather": lambda a, kw: torch.gather(a[0], kw["dim"], a[1]),
    "scatter": lambda a, kw: torch.scatter(a[0], kw["dim"], a[1], a[2]),
    "scatterAdd": lambda a, kw: torch.scatter_add(a[0], kw["dim"], a[1], a[2]),
    "indexSelect": lambda a, kw: torch.index_select(a[0], kw["dim"], a[1]),
    "maskedFill": lambda a, kw: a[0].masked_fill(a[1], kw["value"]),
    "oneHot": lambda a, kw: F.one_hot(a[0], kw.get("num_classes", -1)),
    # softmax
    "softmax": lambda a, kw: torch.softmax(a[0], kw["dim"]),
    "logSoftmax": lambda a, kw: torch.log_softmax(a[0], kw["dim"]),
    # in-place (operands after the first are passed positionally, kwargs by PyTorch's names)
    "add_": _inplace("add_"),
    "sub_": _inplace("sub_"),
    "mul_": _inplace("mul_"),
    "div_": _inplace("div_"),
    "pow_": _inplace("pow_"),
    "addcmul_": _inplace("addcmul_"),
    "addcdiv_": _inplace("addcdiv_"),
    "lerp_": _inplace("lerp_"),
    "maximum_": lambda a, kw: _max_(a),  # no Tensor.maximum_ in PyTorch 1.13: x.copy_(maximum(x, y))
    "neg_": _inplace("neg_"),
    "sqrt_": _inplace("sqrt_"),
    "exp_": _inplace("exp_"),
    "clamp_": _inplace("clamp_"),
    "zero_": _inplace("zero_"),
    "fill_": _inplace("fill_"),
    "copy_": _inplace("copy_"),
    "maskedFill_": _inplace("masked_fill_"),
}


def _on_clone(method):
    """`x.clone().<method>(...)`: an in-place op on a non-leaf, so gradients flow through it."""
    def fn(a, kw):
        y = a[0].clone()
        res = getattr(y, method)(*a[1:], **kw)
        assert res is y
        return y
    return fn


for _name in ("add_", "sub_", "mul_", "div_", "pow_", "addcmul_", "addcdiv_", "lerp_", "neg_", "sqrt_", "exp_",
              "clamp_", "fill_", "copy_"):
    TORCH_OPS["clone." + _name] = _on_clone(_name)
TORCH_OPS["clone.maskedFill_"] = _on_clone("masked_fill_")


def _max_(a):
    a[0].copy_(torch.maximum(a[0], a[1]))
    return a[0]
