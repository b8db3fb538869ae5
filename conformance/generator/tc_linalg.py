"""matmul (1-D, 2-D, batched with broadcasting), mm, bmm."""
import torch

from tc_util import DT, T, make_case, rint, rnd


def cases():
    c = []
    shapes = {
        "dot": ((4,), (4,)),
        "matvec": ((3, 4), (4,)),
        "vecmat": ((4,), (4, 3)),
        "2d": ((2, 4), (4, 3)),
        "batched-3d": ((2, 3, 4), (2, 4, 5)),
        "batched-3d-2d": ((2, 3, 4), (4, 2)),
        "batched-2d-3d": ((3, 4), (2, 4, 2)),
        "batched-broadcast-4d": ((2, 1, 3, 4), (3, 4, 2)),
        "batched-broadcast-both": ((2, 1, 2, 3), (1, 4, 3, 2)),
        "batched-vec": ((2, 3, 4), (4,)),
        "vec-batched": ((4,), (2, 4, 3)),
        "inner-zero": ((2, 0), (0, 3)),
        "batch-zero": ((0, 2, 3), (3, 2)),
        "outer-one": ((5, 1), (1, 4)),
        "long-inner": ((2, 300), (300, 2)),
    }
    for dt, d in DT.items():
        for name, (sa, sb) in shapes.items():
            c.append(make_case(f"matmul/{dt}/{name}", "matmul", [T(rnd(*sa, dtype=d)), T(rnd(*sb, dtype=d))]))
        c.append(make_case(f"matmul/{dt}/transposed", "matmul", [T(rnd(4, 2, dtype=d), views=[["transpose", 0, 1]]), T(rnd(3, 4, dtype=d), views=[["transpose", 0, 1]])]))
        c.append(make_case(f"matmul/{dt}/batched-permuted", "matmul", [T(rnd(3, 2, 4, dtype=d), views=[["permute", [1, 0, 2]]]), T(rnd(2, 8, 3, dtype=d), views=[["slice", 1, 0, 8, 2]])]))
        c.append(make_case(f"matmul/{dt}/expanded", "matmul", [T(rnd(1, 2, 3, dtype=d), views=[["expand", [4, 2, 3]]]), T(rnd(4, 3, 2, dtype=d))]))
        c.append(make_case(f"matmul/{dt}/nan-inf", "matmul", [T(torch.tensor([[1.0, float("nan")], [float("inf"), 1.0], [0.0, 1.0]], dtype=d)), T(torch.tensor([[2.0, 0.0], [1.0, -1.0]], dtype=d))]))
        c.append(make_case(f"mm/{dt}/basic", "mm", [T(rnd(3, 4, dtype=d)), T(rnd(4, 2, dtype=d))]))
        c.append(make_case(f"mm/{dt}/transposed", "mm", [T(rnd(4, 3, dtype=d), views=[["transpose", 0, 1]]), T(rnd(4, 2, dtype=d))]))
        c.append(make_case(f"mm/{dt}/inner-zero", "mm", [T(rnd(3, 0, dtype=d)), T(rnd(0, 2, dtype=d))]))
        c.append(make_case(f"bmm/{dt}/basic", "bmm", [T(rnd(2, 3, 4, dtype=d)), T(rnd(2, 4, 5, dtype=d))]))
        c.append(make_case(f"bmm/{dt}/non-contiguous", "bmm", [T(rnd(2, 4, 3, dtype=d), views=[["transpose", 1, 2]]), T(rnd(4, 2, 2, dtype=d), views=[["transpose", 0, 1]])]))
        c.append(make_case(f"bmm/{dt}/batch-zero", "bmm", [T(rnd(0, 2, 3, dtype=d)), T(rnd(0, 3, 2, dtype=d))]))
    c.append(make_case("matmul/int64/2d", "matmul", [T(rint(2, 3)), T(rint(3, 2))]))
    c.append(make_case("matmul/int64/dot", "matmul", [T(rint(5)), T(rint(5))]))
    c.append(make_case("mm/int64/basic", "mm", [T(rint(3, 2)), T(rint(2, 4))]))
    return c
