"""Comparisons, logical ops, isnan/isinf/isfinite, allclose (bool results, no gradients)."""
import torch

from tc_util import DT, S, T, make_case, rbool, rint, rnd

NAN, INF = float("nan"), float("inf")


def nd(cid, op, args, kw=None):
    return make_case(cid, op, args, kw, diff=False)


def cases():
    c = []
    for dt, d in DT.items():
        a = torch.tensor([[1.0, 2.0, NAN], [INF, -INF, 0.0]], dtype=d)
        b = torch.tensor([[1.0, 3.0, NAN], [INF, 0.0, -0.0]], dtype=d)
        for op in ("eq", "ne", "lt", "le", "gt", "ge"):
            c.append(nd(f"{op}/{dt}/edge-values", op, [T(a), T(b)]))
            c.append(nd(f"{op}/{dt}/broadcast", op, [T(rint(3, 1, lo=0, hi=3).to(d)), T(rint(4, lo=0, hi=3).to(d))]))
            c.append(nd(f"{op}/{dt}/scalar", op, [T(rnd(2, 3, dtype=d)), S(0.25)]))
            c.append(nd(f"{op}/{dt}/non-contiguous", op, [T(rint(3, 2, lo=0, hi=2).to(d), views=[["transpose", 0, 1]]), T(rint(2, 3, lo=0, hi=2).to(d))]))
        for op in ("isnan", "isinf", "isfinite"):
            c.append(nd(f"{op}/{dt}/edge-values", op, [T(a)]))
            c.append(nd(f"{op}/{dt}/non-contiguous", op, [T(a, views=[["transpose", 0, 1]])]))
        c.append(nd(f"allclose/{dt}/close", "allclose", [T(torch.tensor([1.0, 2.0], dtype=d)), T(torch.tensor([1.0 + 1e-9, 2.0], dtype=d))]))
        c.append(nd(f"allclose/{dt}/far", "allclose", [T(torch.tensor([1.0, 2.0], dtype=d)), T(torch.tensor([1.0, 2.1], dtype=d))]))
        c.append(nd(f"allclose/{dt}/nan", "allclose", [T(torch.tensor([NAN, 1.0], dtype=d)), T(torch.tensor([NAN, 1.0], dtype=d))]))
        c.append(nd(f"allclose/{dt}/equal-nan", "allclose", [T(torch.tensor([NAN, 1.0], dtype=d)), T(torch.tensor([NAN, 1.0], dtype=d))], {"equal_nan": True}))
        c.append(nd(f"allclose/{dt}/tolerances", "allclose", [T(torch.tensor([100.0, 0.0], dtype=d)), T(torch.tensor([101.0, 0.05], dtype=d))], {"rtol": 0.02, "atol": 0.1}))
        c.append(nd(f"allclose/{dt}/inf", "allclose", [T(torch.tensor([INF, -INF], dtype=d)), T(torch.tensor([INF, -INF], dtype=d))]))
        c.append(nd(f"allclose/{dt}/broadcast", "allclose", [T(torch.tensor([[1.0, 2.0]], dtype=d)), T(torch.tensor([1.0, 2.0], dtype=d))]))
    for op in ("eq", "lt", "ge"):
        c.append(nd(f"{op}/promote/int64-float32", op, [T(rint(2, 3)), T(rnd(3).round())]))
        c.append(nd(f"{op}/promote/int64-scalar-float", op, [T(rint(5)), S(0.5)]))
        c.append(nd(f"{op}/promote/bool-int64", op, [T(rbool(4)), T(rint(4, lo=0, hi=2))]))
        c.append(nd(f"{op}/int64/scalar", op, [T(rint(6)), S(1)]))
        c.append(nd(f"{op}/int32/int32", op, [T(rint(6, dtype=torch.int32)), T(rint(6, dtype=torch.int32))]))
    for op in ("logicalAnd", "logicalOr", "logicalXor"):
        c.append(nd(f"{op}/bool/same-shape", op, [T(rbool(2, 3)), T(rbool(2, 3))]))
        c.append(nd(f"{op}/bool/broadcast", op, [T(rbool(3, 1)), T(rbool(4))]))
        c.append(nd(f"{op}/float32/numeric", op, [T(torch.tensor([0.0, 1.5, NAN, -0.0])), T(torch.tensor([2.0, 0.0, 1.0, 1.0]))]))
        c.append(nd(f"{op}/int64/numeric", op, [T(rint(6, lo=-1, hi=2)), T(rint(6, lo=-1, hi=2))]))
        c.append(nd(f"{op}/bool/non-contiguous", op, [T(rbool(3, 2), views=[["transpose", 0, 1]]), T(rbool(2, 3))]))
    c.append(nd("logicalNot/bool/basic", "logicalNot", [T(rbool(2, 3))]))
    c.append(nd("logicalNot/float32/numeric", "logicalNot", [T(torch.tensor([0.0, -0.0, 2.0, NAN]))]))
    c.append(nd("logicalNot/int64/numeric", "logicalNot", [T(rint(5, lo=-1, hi=2))]))
    c.append(nd("isnan/int64/never", "isnan", [T(rint(3))]))
    c.append(nd("isfinite/int64/always", "isfinite", [T(rint(3))]))
    # a Python scalar is converted to the tensor's dtype first: float32(0.1) == 0.1 is true in PyTorch
    f = torch.tensor([0.1, 0.2, 0.3, 1 / 3])
    for op in ("eq", "ne", "lt", "le", "gt", "ge"):
        c.append(nd(f"{op}/float32/scalar-rounding", op, [T(f), S(0.1)]))
        c.append(nd(f"{op}/float32/scalar-rounding-third", op, [T(f), S(1 / 3)]))
    c.append(nd("eq/float32/zero-size", "eq", [T(rnd(0, 2)), T(rnd(2))]))
    return c
