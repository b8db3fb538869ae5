"""softmax and logSoftmax along any dim, with -inf and huge logits."""
import torch

from tc_util import DT, T, make_case, rnd

NAN, INF = float("nan"), float("inf")


def cases():
    c = []
    for dt, d in DT.items():
        x = rnd(2, 3, 4, dtype=d, lo=-4, hi=4)
        for op in ("softmax", "logSoftmax"):
            for dim in (0, 1, 2, -1):
                c.append(make_case(f"{op}/{dt}/dim{dim}", op, [T(x)], {"dim": dim}))
            c.append(make_case(f"{op}/{dt}/1d", op, [T(rnd(5, dtype=d))], {"dim": 0}))
            c.append(make_case(f"{op}/{dt}/0d", op, [T(rnd(dtype=d))], {"dim": 0}))
            c.append(make_case(f"{op}/{dt}/non-contiguous", op, [T(x, views=[["transpose", 0, 2]])], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/expanded", op, [T(rnd(3, 1, dtype=d), views=[["expand", [3, 4]]])], {"dim": 0}))
            c.append(make_case(f"{op}/{dt}/huge-logits", op, [T(torch.tensor([[1e4, -1e4, 0.0], [-1e4, -1e4 + 1, -1e4 - 2], [1e4, 1e4, 1e4]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/neg-inf", op, [T(torch.tensor([[-INF, 1.0, 2.0], [0.0, -INF, -INF]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/all-neg-inf-row", op, [T(torch.tensor([[-INF, -INF, -INF], [0.0, 1.0, 2.0]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/pos-inf", op, [T(torch.tensor([[INF, 1.0], [0.0, 1.0]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/nan", op, [T(torch.tensor([[NAN, 1.0], [0.0, 1.0]], dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/empty-batch", op, [T(rnd(0, 4, dtype=d))], {"dim": 1}))
            c.append(make_case(f"{op}/{dt}/long-row", op, [T(rnd(2, 200, dtype=d, lo=-10, hi=10))], {"dim": 1}))
    return c
