"""Reductions: over one dim, several dims, all dims, keepdim; edge values and empty tensors."""
import torch

from tc_util import DT, T, distinct, make_case, rbool, rint, rnd

NAN, INF = float("nan"), float("inf")


def cases():
    c = []
    for dt, d in DT.items():
        x = rnd(2, 3, 4, dtype=d)
        nc = [["transpose", 0, 2]]  # non-contiguous view, shape [4, 3, 2]
        for op in ("sum", "mean"):
            c.append(make_case(f"{op}/{dt}/all", op, [T(x)]))
            c.append(make_case(f"{op}/{dt}/dim0", op, [T(x)], {"dim": 0}))
            c.append(make_case(f"{op}/{dt}/dim-negative-keepdim", op, [T(x)], {"dim": -1, "keepdim": True}))
            c.append(make_case(f"{op}/{dt}/dims-0-2", op, [T(x)], {"dim": [0, 2]}))
            c.append(make_case(f"{op}/{dt}/dims-unsorted-keepdim", op, [T(x)], {"dim": [2, -3], "keepdim": True}))
            c.append(make_case(f"{op}/{dt}/all-dims-list", op, [T(x)], {"dim": [0, 1, 2]}))
            c.append(make_case(f"{op}/{dt}/non-contiguous", op, [T(x, views=nc)], {"dim": [1, 2]}))
            c.append(make_case(f"{op}/{dt}/expanded", op, [T(rnd(3, 1, dtype=d), views=[["expand", [3, 4]]])], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/0d", op, [T(rnd(dtype=d))]))
            c.append(make_case(f"{op}/{dt}/nan-inf", op, [T(torch.tensor([[1.0, NAN, 2.0], [INF, 1.0, -1.0], [INF, -INF, 0.0]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/empty-all", op, [T(rnd(0, 3, dtype=d))]))
            c.append(make_case(f"{op}/{dt}/empty-dim", op, [T(rnd(0, 3, dtype=d))], {"dim": 0}))
            c.append(make_case(f"{op}/{dt}/empty-other-dim", op, [T(rnd(0, 3, dtype=d))], {"dim": 1}))
        c.append(make_case(f"sum/{dt}/long-row", "sum", [T(rnd(3, 257, dtype=d))], {"dim": 1}))
        c.append(make_case(f"mean/{dt}/long-row", "mean", [T(rnd(257, 3, dtype=d))], {"dim": 0}))
        p = rnd(3, 4, dtype=d, lo=0.5, hi=1.5)
        c.append(make_case(f"prod/{dt}/all", "prod", [T(p)]))
        c.append(make_case(f"prod/{dt}/dim1", "prod", [T(p)], {"dim": 1}))
        c.append(make_case(f"prod/{dt}/dim0-keepdim", "prod", [T(p)], {"dim": 0, "keepdim": True}))
        c.append(make_case(f"prod/{dt}/non-contiguous", "prod", [T(p, views=[["transpose", 0, 1]])], {"dim": 1}))
        c.append(make_case(f"prod/{dt}/one-zero", "prod", [T(torch.tensor([[2.0, 0.0, 3.0], [1.5, 2.0, -1.0]], dtype=d))], {"dim": 1}))
        c.append(make_case(f"prod/{dt}/two-zeros", "prod", [T(torch.tensor([[0.0, 4.0, 0.0], [0.0, 2.0, 5.0]], dtype=d))], {"dim": 1}))
        c.append(make_case(f"prod/{dt}/zeros-all", "prod", [T(torch.tensor([2.0, 0.0, 3.0, -1.5], dtype=d))]))
        c.append(make_case(f"prod/{dt}/empty", "prod", [T(rnd(0, 2, dtype=d))], {"dim": 0}))
        u = distinct(3, 4, dtype=d)
        for op in ("max", "min"):
            c.append(make_case(f"{op}/{dt}/all", op, [T(u)]))
            c.append(make_case(f"{op}/{dt}/all-ties", op, [T(torch.tensor([[1.0, 3.0], [3.0, -1.0], [3.0, 0.0]], dtype=d) * (1 if op == "max" else -1))]))
            c.append(make_case(f"{op}/{dt}/dim1", op, [T(u)], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/dim0-keepdim", op, [T(u)], {"dim": 0, "keepdim": True}))
            c.append(make_case(f"{op}/{dt}/dim-negative-3d", op, [T(distinct(2, 3, 4, dtype=d))], {"dim": -2}))
            c.append(make_case(f"{op}/{dt}/non-contiguous", op, [T(u, views=[["transpose", 0, 1]])], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/nan", op, [T(torch.tensor([[1.0, NAN, 2.0], [0.0, -1.0, 3.0]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/nan-all", op, [T(torch.tensor([1.0, NAN, 2.0], dtype=d))]))
            c.append(make_case(f"{op}/{dt}/inf", op, [T(torch.tensor([[-INF, -INF], [INF, 1.0]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/0d", op, [T(rnd(dtype=d))]))
            c.append(make_case(f"{op}/{dt}/empty-other-dim", op, [T(rnd(0, 3, dtype=d))], {"dim": 1}))
        for op in ("argmax", "argmin"):
            c.append(make_case(f"{op}/{dt}/all", op, [T(u)]))
            c.append(make_case(f"{op}/{dt}/dim0", op, [T(u)], {"dim": 0}))
            c.append(make_case(f"{op}/{dt}/dim1-keepdim", op, [T(u)], {"dim": 1, "keepdim": True}))
            c.append(make_case(f"{op}/{dt}/non-contiguous", op, [T(u, views=[["transpose", 0, 1]])], {"dim": 0}))
            c.append(make_case(f"{op}/{dt}/ties-first", op, [T(torch.tensor([[2.0, 5.0, 5.0, -1.0, -1.0], [0.0, 0.0, 0.0, 0.0, 0.0]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/ties-all", op, [T(torch.tensor([[-1.0, 5.0], [5.0, -1.0]], dtype=d))]))
            c.append(make_case(f"{op}/{dt}/nan", op, [T(torch.tensor([[1.0, NAN, 2.0], [3.0, 1.0, NAN]], dtype=d))], {"dim": 1}))
        for op in ("var", "std"):
            c.append(make_case(f"{op}/{dt}/all", op, [T(x)]))
            c.append(make_case(f"{op}/{dt}/all-correction0", op, [T(x)], {"correction": 0}))
            c.append(make_case(f"{op}/{dt}/dim1", op, [T(x)], {"dim": 1}))
            for corr in (0, 1, 2):
                c.append(make_case(f"{op}/{dt}/dim2-correction{corr}", op, [T(x)], {"dim": 2, "correction": corr}))
            c.append(make_case(f"{op}/{dt}/dims-keepdim", op, [T(x)], {"dim": [0, 2], "keepdim": True}))
            c.append(make_case(f"{op}/{dt}/non-contiguous", op, [T(x, views=nc)], {"dim": [0, 1]}))
            loose = {"atol": 2e-4, "why": "float32 values near 1000 with spread ~1: x - mean cancels, leaving "
                     "errors of about eps * 1000 = 6e-5 in the gradient"} if dt == "float32" else {}
            c.append(make_case(f"{op}/{dt}/offset-values", op, [T(rnd(3, 5, dtype=d) + 1000)], {"dim": 1}, **loose))
            c.append(make_case(f"{op}/{dt}/single-element-dim", op, [T(rnd(3, 1, dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/correction-equals-n", op, [T(rnd(2, 2, dtype=d))], {"dim": 1, "correction": 2}))
            c.append(make_case(f"{op}/{dt}/constant", op, [T(torch.full((2, 3), 1.5, dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/nan", op, [T(torch.tensor([[1.0, NAN, 2.0], [0.0, 1.0, 3.0]], dtype=d))], {"dim": 1}))
        c.append(make_case(f"logsumexp/{dt}/dim1", "logsumexp", [T(x)], {"dim": 1}))
        c.append(make_case(f"logsumexp/{dt}/dims-keepdim", "logsumexp", [T(x)], {"dim": [0, 2], "keepdim": True}))
        c.append(make_case(f"logsumexp/{dt}/all-dims", "logsumexp", [T(x)], {"dim": [0, 1, 2]}))
        c.append(make_case(f"logsumexp/{dt}/non-contiguous", "logsumexp", [T(x, views=nc)], {"dim": -1}))
        c.append(make_case(f"logsumexp/{dt}/large", "logsumexp", [T(torch.tensor([[1e4, 1e4 - 1, -1e4], [-1e4, -1e4, -1e4 + 2]], dtype=d))], {"dim": 1}))
        c.append(make_case(f"logsumexp/{dt}/neg-inf", "logsumexp", [T(torch.tensor([[-INF, 0.0, 1.0], [-INF, -INF, 2.0]], dtype=d))], {"dim": 1}))
        c.append(make_case(f"logsumexp/{dt}/all-neg-inf", "logsumexp", [T(torch.tensor([[-INF, -INF], [0.0, 1.0]], dtype=d))], {"dim": 1}))
        c.append(make_case(f"logsumexp/{dt}/pos-inf", "logsumexp", [T(torch.tensor([[INF, 0.0], [INF, INF]], dtype=d))], {"dim": 1}))
        c.append(make_case(f"logsumexp/{dt}/empty-dim", "logsumexp", [T(rnd(2, 0, dtype=d))], {"dim": 1}))
        for op in ("all", "any"):
            c.append(make_case(f"{op}/{dt}/numeric", op, [T(torch.tensor([[0.0, 1.0, NAN], [2.0, -0.0, 3.0]], dtype=d))], {"dim": 1}))
    for op in ("all", "any"):
        b = rbool(3, 4)
        c.append(make_case(f"{op}/bool/all", op, [T(b)]))
        c.append(make_case(f"{op}/bool/dim0", op, [T(b)], {"dim": 0}))
        c.append(make_case(f"{op}/bool/dim1-keepdim", op, [T(b)], {"dim": 1, "keepdim": True}))
        c.append(make_case(f"{op}/bool/non-contiguous", op, [T(b, views=[["transpose", 0, 1]])], {"dim": 1}))
        c.append(make_case(f"{op}/bool/empty", op, [T(rbool(0, 2))]))
        c.append(make_case(f"{op}/bool/empty-dim", op, [T(rbool(0, 2))], {"dim": 0}))
        c.append(make_case(f"{op}/bool/all-true", op, [T(torch.ones(2, 3, dtype=torch.bool))], {"dim": 1}))
        c.append(make_case(f"{op}/int64/numeric", op, [T(rint(3, 3, lo=0, hi=2))], {"dim": 0}))
    xi = rint(3, 4)
    for op in ("sum", "prod"):
        c.append(make_case(f"{op}/int64/all", op, [T(xi)]))
        c.append(make_case(f"{op}/int64/dim1", op, [T(xi)], {"dim": 1}))
        c.append(make_case(f"{op}/int32/dim0", op, [T(rint(3, 4, dtype=torch.int32))], {"dim": 0}))
        c.append(make_case(f"{op}/bool/all", op, [T(rbool(3, 4))]))
        c.append(make_case(f"{op}/bool/dim0", op, [T(rbool(3, 4))], {"dim": 0}))
    c.append(make_case("sum/int64/dims", "sum", [T(rint(2, 3, 2))], {"dim": [0, 2], "keepdim": True}))
    ui = torch.randperm(12).reshape(3, 4) - 6
    for op in ("max", "min", "argmax", "argmin"):
        c.append(make_case(f"{op}/int64/all", op, [T(ui)]))
        c.append(make_case(f"{op}/int64/dim1", op, [T(ui)], {"dim": 1}))
    for dt, d in DT.items():
        z = rnd(dtype=d)
        for op in ("sum", "mean", "logsumexp", "prod"):
            c.append(make_case(f"{op}/{dt}/0d-dim0", op, [T(z)], {"dim": 0}))
        c.append(make_case(f"sum/{dt}/0d-dim-minus1-keepdim", "sum", [T(z)], {"dim": -1, "keepdim": True}))
        c.append(make_case(f"max/{dt}/0d-dim0", "max", [T(z)], {"dim": 0}))
        c.append(make_case(f"argmax/{dt}/0d-dim0", "argmax", [T(z)], {"dim": 0}))
        c.append(make_case(f"var/{dt}/0d-correction0", "var", [T(z)], {"correction": 0}))
    # float32 accumulation: 1024 values near 1e4 (the float32 spacing at a running sum of 1e7 is 1);
    # PyTorch sums in blocks/cascades, so a naive float32 running sum drifts past the tolerance
    big = rnd(1024, lo=9990, hi=10010)
    c.append(make_case("sum/float32/offset-1e4-n1024", "sum", [T(big)], diff=False))
    c.append(make_case("mean/float32/offset-1e4-n1024", "mean", [T(big)], diff=False))
    c.append(make_case("var/float32/offset-1e4-n1024", "var", [T(big)], diff=False))
    c.append(make_case("max/bool/all", "max", [T(rbool(5))]))
    return c
