"""gather, scatter, scatterAdd, indexSelect, maskedFill, oneHot."""
import torch

from tc_util import DT, S, T, make_case, rbool, rint, rnd

NAN, INF = float("nan"), float("inf")


def perm_rows(rows, cols, n):
    """An index of shape [rows, cols] with distinct entries in [0, n) per column (no scatter clashes)."""
    return torch.stack([torch.randperm(n)[:rows] for _ in range(cols)], 1)


def cases():
    c = []
    for dt, d in DT.items():
        x = rnd(3, 4, dtype=d)
        c.append(make_case(f"gather/{dt}/dim1", "gather", [T(x), T(rint(3, 2, lo=0, hi=4))], {"dim": 1}))
        c.append(make_case(f"gather/{dt}/dim0-repeats", "gather", [T(x), T(rint(5, 4, lo=0, hi=3))], {"dim": 0}))
        c.append(make_case(f"gather/{dt}/smaller-index", "gather", [T(x), T(rint(2, 2, lo=0, hi=3))], {"dim": 0}))
        c.append(make_case(f"gather/{dt}/negative-dim-3d", "gather", [T(rnd(2, 3, 4, dtype=d)), T(rint(2, 3, 2, lo=0, hi=4))], {"dim": -1}))
        c.append(make_case(f"gather/{dt}/non-contiguous", "gather", [T(x, views=[["transpose", 0, 1]]), T(rint(3, 4, lo=0, hi=3), views=[["transpose", 0, 1]])], {"dim": 1}))
        c.append(make_case(f"gather/{dt}/empty-index", "gather", [T(x), T(rint(3, 0, lo=0, hi=4))], {"dim": 1}))
        z = rnd(4, 3, dtype=d)
        c.append(make_case(f"scatter/{dt}/src-tensor", "scatter", [T(z), T(perm_rows(2, 3, 4)), T(rnd(2, 3, dtype=d))], {"dim": 0}))
        c.append(make_case(f"scatter/{dt}/src-bigger", "scatter", [T(z), T(perm_rows(2, 2, 4)), T(rnd(3, 3, dtype=d))], {"dim": 0},
                           diff=False))  # PyTorch 1.13's scatter backward rejects a src bigger than index
        c.append(make_case(f"scatter/{dt}/dim1", "scatter", [T(z), T(perm_rows(3, 4, 3).t().contiguous()[:, :2]), T(rnd(4, 2, dtype=d))], {"dim": 1}))
        c.append(make_case(f"scatter/{dt}/scalar", "scatter", [T(z), T(perm_rows(2, 3, 4)), S(-1.5)], {"dim": 0}))
        c.append(make_case(f"scatter/{dt}/non-contiguous", "scatter", [T(rnd(3, 4, dtype=d), views=[["transpose", 0, 1]]), T(perm_rows(2, 3, 4)), T(rnd(2, 3, dtype=d))], {"dim": 0}))
        c.append(make_case(f"scatterAdd/{dt}/repeats", "scatterAdd", [T(z), T(rint(5, 3, lo=0, hi=4)), T(rnd(5, 3, dtype=d))], {"dim": 0}))
        c.append(make_case(f"scatterAdd/{dt}/dim1", "scatterAdd", [T(z), T(rint(4, 6, lo=0, hi=3)), T(rnd(4, 6, dtype=d))], {"dim": 1}))
        c.append(make_case(f"scatterAdd/{dt}/src-bigger", "scatterAdd", [T(z), T(rint(2, 2, lo=0, hi=4)), T(rnd(3, 3, dtype=d))], {"dim": 0},
                           diff=False))  # PyTorch 1.13's scatter_add backward rejects a src bigger than index
        c.append(make_case(f"scatterAdd/{dt}/non-contiguous", "scatterAdd", [T(rnd(3, 4, dtype=d), views=[["transpose", 0, 1]]), T(rint(3, 3, lo=0, hi=4)), T(rnd(3, 3, dtype=d), views=[["transpose", 0, 1]])], {"dim": 0}))
        c.append(make_case(f"indexSelect/{dt}/dim0", "indexSelect", [T(x), T(torch.tensor([2, 0, 2]))], {"dim": 0}))
        c.append(make_case(f"indexSelect/{dt}/dim1", "indexSelect", [T(x), T(torch.tensor([3, 1]))], {"dim": 1}))
        c.append(make_case(f"indexSelect/{dt}/negative-dim", "indexSelect", [T(rnd(2, 3, 4, dtype=d)), T(torch.tensor([1, 1, 0, 3]))], {"dim": -1}))
        c.append(make_case(f"indexSelect/{dt}/empty", "indexSelect", [T(x), T(torch.tensor([], dtype=torch.int64))], {"dim": 0}))
        c.append(make_case(f"indexSelect/{dt}/non-contiguous", "indexSelect", [T(x, views=[["transpose", 0, 1]]), T(torch.tensor([0, 2]))], {"dim": 1}))
        c.append(make_case(f"maskedFill/{dt}/same-shape", "maskedFill", [T(x), T(rbool(3, 4))], {"value": -2.5}))
        c.append(make_case(f"maskedFill/{dt}/broadcast-mask", "maskedFill", [T(x), T(rbool(4))], {"value": 0.5}))
        c.append(make_case(f"maskedFill/{dt}/neg-inf", "maskedFill", [T(x), T(rbool(3, 1))], {"value": -INF}))
        c.append(make_case(f"maskedFill/{dt}/nan", "maskedFill", [T(x), T(rbool(3, 4))], {"value": NAN}))
        c.append(make_case(f"maskedFill/{dt}/non-contiguous", "maskedFill", [T(x, views=[["transpose", 0, 1]]), T(rbool(3, 4), views=[["transpose", 0, 1]])], {"value": 1.25}))
    c.append(make_case("indexSelect/float32/int32-index", "indexSelect", [T(rnd(3, 4)), T(torch.tensor([2, 0], dtype=torch.int32))], {"dim": 0}))
    c.append(make_case("gather/float32/from-expanded", "gather", [T(rnd(3, 1), views=[["expand", [3, 4]]]), T(rint(3, 2, lo=0, hi=4))], {"dim": 1}))
    c.append(make_case("gather/int64/dim1", "gather", [T(rint(3, 4)), T(rint(3, 2, lo=0, hi=4))], {"dim": 1}))
    c.append(make_case("scatterAdd/int64/repeats", "scatterAdd", [T(rint(3, 2)), T(rint(4, 2, lo=0, hi=3)), T(rint(4, 2))], {"dim": 0}))
    c.append(make_case("scatter/int64/scalar", "scatter", [T(rint(3, 2)), T(perm_rows(1, 2, 3)), S(9)], {"dim": 0}))
    c.append(make_case("indexSelect/bool/dim0", "indexSelect", [T(rbool(3, 2)), T(torch.tensor([1, 0]))], {"dim": 0}))
    c.append(make_case("maskedFill/int64/int-value", "maskedFill", [T(rint(2, 3)), T(rbool(2, 3))], {"value": 7}))
    c.append(make_case("maskedFill/bool/value", "maskedFill", [T(rbool(2, 3)), T(rbool(2, 3))], {"value": 1}))
    c.append(make_case("oneHot/int64/infer", "oneHot", [T(torch.tensor([0, 3, 1, 1]))]))
    c.append(make_case("oneHot/int64/num-classes", "oneHot", [T(torch.tensor([[0, 2], [1, 0]]))], {"num_classes": 4}))
    c.append(make_case("oneHot/int64/0d", "oneHot", [T(torch.tensor(2))], {"num_classes": 3}))
    c.append(make_case("oneHot/int64/empty", "oneHot", [T(torch.tensor([], dtype=torch.int64))], {"num_classes": 3}))
    c.append(make_case("oneHot/int64/non-contiguous", "oneHot", [T(rint(3, 2, lo=0, hi=3), views=[["transpose", 0, 1]])], {"num_classes": 3}))
    return c
