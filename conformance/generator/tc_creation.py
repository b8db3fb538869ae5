"""Creation and conversion cases: tensor, zeros/ones/full, arange, linspace, eye, *Like, to, clone, item."""
import torch

from tc_util import T, make_case, rnd, rint, rbool

NO_GRAD = {"diff": False}


def cases():
    c = []
    # dtype inference of tensor(): all-int -> int64, any non-integer float -> float32, bools -> bool
    c.append(make_case("tensor/int64/infer", "tensor", [], {"data": [[1, 2, 3], [4, 5, 6]]}, **NO_GRAD))
    c.append(make_case("tensor/float32/infer", "tensor", [], {"data": [[1.5, 2], [-3.25, 4]]}, **NO_GRAD))
    c.append(make_case("tensor/bool/infer", "tensor", [], {"data": [True, False, True]}, **NO_GRAD))
    c.append(make_case("tensor/float64/explicit", "tensor", [], {"data": [0.1, 0.2, 0.3], "dtype": "float64"}, **NO_GRAD))
    c.append(make_case("tensor/float32/rounding", "tensor", [], {"data": [0.1, 1e-40, 3.4e38, 16777217], "dtype": "float32"}, **NO_GRAD))
    c.append(make_case("tensor/int32/explicit", "tensor", [], {"data": [[1, -2], [3, 4]], "dtype": "int32"}, **NO_GRAD))
    c.append(make_case("tensor/float32/empty", "tensor", [], {"data": [], "dtype": "float32"}, **NO_GRAD))
    c.append(make_case("tensor/float32/3d", "tensor", [], {"data": [[[1.5], [2]], [[3], [4]]]}, **NO_GRAD))
    c.append(make_case("scalarTensor/float32/0d", "scalarTensor", [], {"value": 2.5}, **NO_GRAD))
    c.append(make_case("scalarTensor/float64/0d", "scalarTensor", [], {"value": -0.1, "dtype": "float64"}, **NO_GRAD))
    c.append(make_case("scalarTensor/int64/0d", "scalarTensor", [], {"value": 7, "dtype": "int64"}, **NO_GRAD))
    for dt in ("float32", "float64", "int64", "int32", "bool"):
        c.append(make_case(f"zeros/{dt}/2x3", "zeros", [], {"shape": [2, 3], "dtype": dt}, **NO_GRAD))
        c.append(make_case(f"ones/{dt}/3", "ones", [], {"shape": [3], "dtype": dt}, **NO_GRAD))
    c.append(make_case("zeros/float32/default", "zeros", [], {"shape": [2, 0, 3]}, **NO_GRAD))
    c.append(make_case("ones/float32/0d", "ones", [], {"shape": []}, **NO_GRAD))
    c.append(make_case("full/float32/2x2", "full", [], {"shape": [2, 2], "value": 1.5}, **NO_GRAD))
    c.append(make_case("full/float64/explicit", "full", [], {"shape": [3], "value": 0.1, "dtype": "float64"}, **NO_GRAD))
    c.append(make_case("full/int64/explicit", "full", [], {"shape": [2], "value": 7, "dtype": "int64"}, **NO_GRAD))
    c.append(make_case("full/float32/inf", "full", [], {"shape": [2], "value": float("-inf"), "dtype": "float32"}, **NO_GRAD))
    c.append(make_case("full/float32/nan", "full", [], {"shape": [1, 2], "value": float("nan"), "dtype": "float32"}, **NO_GRAD))
    c.append(make_case("full/bool/explicit", "full", [], {"shape": [2], "value": 1, "dtype": "bool"}, **NO_GRAD))
    # arange: int64 for integer arguments, float32 otherwise; dtype overrides
    c.append(make_case("arange/int64/end", "arange", [], {"end": 5}, **NO_GRAD))
    c.append(make_case("arange/int64/start-end-step", "arange", [], {"start": -3, "end": 10, "step": 3}, **NO_GRAD))
    c.append(make_case("arange/int64/negative-step", "arange", [], {"start": 5, "end": -2, "step": -2}, **NO_GRAD))
    c.append(make_case("arange/int64/empty", "arange", [], {"start": 3, "end": 3}, **NO_GRAD))
    c.append(make_case("arange/float32/frac-step", "arange", [], {"start": 0, "end": 1.25, "step": 0.25}, **NO_GRAD))
    c.append(make_case("arange/float32/inexact-step", "arange", [], {"start": 0, "end": 1, "step": 0.1}, **NO_GRAD))
    c.append(make_case("arange/float64/inexact-step", "arange", [], {"start": -1, "end": 1, "step": 0.3, "dtype": "float64"}, **NO_GRAD))
    c.append(make_case("arange/float32/int-args", "arange", [], {"end": 4, "dtype": "float32"}, **NO_GRAD))
    c.append(make_case("arange/int32/explicit", "arange", [], {"start": 1, "end": 7, "step": 2, "dtype": "int32"}, **NO_GRAD))
    for dt in ("float32", "float64"):
        c.append(make_case(f"linspace/{dt}/basic", "linspace", [], {"start": -1, "end": 1, "steps": 5, "dtype": dt}, **NO_GRAD))
        c.append(make_case(f"linspace/{dt}/inexact", "linspace", [], {"start": 0, "end": 1, "steps": 7, "dtype": dt}, **NO_GRAD))
        c.append(make_case(f"linspace/{dt}/decreasing", "linspace", [], {"start": 3.5, "end": -2.25, "steps": 10, "dtype": dt}, **NO_GRAD))
        c.append(make_case(f"linspace/{dt}/one-step", "linspace", [], {"start": 2.5, "end": 9, "steps": 1, "dtype": dt}, **NO_GRAD))
        c.append(make_case(f"linspace/{dt}/zero-steps", "linspace", [], {"start": 0, "end": 1, "steps": 0, "dtype": dt}, **NO_GRAD))
    c.append(make_case("linspace/float32/default", "linspace", [], {"start": 0, "end": 10, "steps": 11}, **NO_GRAD))
    c.append(make_case("eye/float32/square", "eye", [], {"n": 3}, **NO_GRAD))
    c.append(make_case("eye/float64/rect", "eye", [], {"n": 2, "m": 4, "dtype": "float64"}, **NO_GRAD))
    c.append(make_case("eye/int64/tall", "eye", [], {"n": 4, "m": 2, "dtype": "int64"}, **NO_GRAD))
    c.append(make_case("eye/bool/square", "eye", [], {"n": 2, "dtype": "bool"}, **NO_GRAD))
    c.append(make_case("eye/float32/zero", "eye", [], {"n": 0}, **NO_GRAD))
    x = rnd(2, 3)
    c.append(make_case("zerosLike/float32/keep-dtype", "zerosLike", [T(x)], **NO_GRAD))
    c.append(make_case("onesLike/int64/keep-dtype", "onesLike", [T(rint(3))], **NO_GRAD))
    c.append(make_case("onesLike/float64/override", "onesLike", [T(x)], {"dtype": "float64"}, **NO_GRAD))
    c.append(make_case("fullLike/float32/value", "fullLike", [T(x, views=[["transpose", 0, 1]])], {"value": -2.5}, **NO_GRAD))
    c.append(make_case("fullLike/int64/override", "fullLike", [T(x)], {"value": 3, "dtype": "int64"}, **NO_GRAD))
    # conversion: C casts (truncation toward zero), bool is "nonzero", float64 -> float32 rounding
    f = torch.tensor([-2.7, -0.5, 0.0, 0.4, 1.5, 2.9, 1e10 + 0.5], dtype=torch.float64)
    c.append(make_case("to/float64/to-float32", "to", [T(f)], {"dtype": "float32"}, **NO_GRAD))
    c.append(make_case("to/float32/to-int64", "to", [T(f[:6].float())], {"dtype": "int64"}, **NO_GRAD))
    c.append(make_case("to/float32/to-int32", "to", [T(f[:6].float())], {"dtype": "int32"}, **NO_GRAD))
    c.append(make_case("to/float32/to-bool", "to", [T(torch.tensor([0.0, -0.0, 0.5, float("nan"), float("inf")]))], {"dtype": "bool"}, **NO_GRAD))
    c.append(make_case("to/bool/to-float32", "to", [T(rbool(5))], {"dtype": "float32"}, **NO_GRAD))
    c.append(make_case("to/int64/to-float64", "to", [T(rint(2, 3))], {"dtype": "float64"}, **NO_GRAD))
    c.append(make_case("to/int64/to-bool", "to", [T(rint(6))], {"dtype": "bool"}, **NO_GRAD))
    c.append(make_case("to/float32/strided", "to", [T(rnd(3, 4), views=[["transpose", 0, 1]])], {"dtype": "float64"}, **NO_GRAD))
    for dt in ("float32", "float64"):
        d = torch.float32 if dt == "float32" else torch.float64
        c.append(make_case(f"clone/{dt}/strided", "clone", [T(rnd(3, 4, dtype=d), views=[["slice", 1, 0, 4, 2]])]))
        c.append(make_case(f"item/{dt}/one-element", "item", [T(rnd(1, 1, dtype=d))], **NO_GRAD))
    c.append(make_case("item/int64/0d", "item", [T(torch.tensor(-7))], **NO_GRAD))
    return c
