"""In-place ops: the result is the same tensor, written through strided views into their base."""
import torch

from tc_util import DT, S, T, make_case, positive, rbool, rint, rnd

NAN = float("nan")


def ip(cid, op, args, kw=None, **k):
    return make_case(cid, op, args, kw, inplace=True, **k)


def cases():
    c = []
    tv = [["transpose", 0, 1]]  # [4, 3] base viewed as [3, 4]
    sv = [["slice", 1, 0, 8, 2]]  # [3, 8] base viewed as [3, 4] with stride 2
    for dt, d in DT.items():
        for op in ("add_", "sub_"):
            c.append(ip(f"{op}/{dt}/tensor", op, [T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d))]))
            c.append(ip(f"{op}/{dt}/broadcast", op, [T(rnd(3, 4, dtype=d)), T(rnd(4, dtype=d))]))
            c.append(ip(f"{op}/{dt}/alpha", op, [T(rnd(3, 4, dtype=d)), T(rnd(3, 1, dtype=d))], {"alpha": -0.5}))
            c.append(ip(f"{op}/{dt}/scalar", op, [T(rnd(3, 4, dtype=d)), S(1.25)]))
            c.append(ip(f"{op}/{dt}/into-transposed", op, [T(rnd(4, 3, dtype=d), views=tv), T(rnd(3, 4, dtype=d))], {"alpha": 2}))
            c.append(ip(f"{op}/{dt}/into-strided", op, [T(rnd(3, 8, dtype=d), views=sv), T(rnd(4, dtype=d))]))
            c.append(ip(f"{op}/{dt}/int-other", op, [T(rnd(2, 3, dtype=d)), T(rint(2, 3))]))
        for op in ("mul_", "div_"):
            c.append(ip(f"{op}/{dt}/tensor", op, [T(rnd(3, 4, dtype=d)), T(positive(3, 4, dtype=d))]))
            c.append(ip(f"{op}/{dt}/scalar", op, [T(rnd(3, 4, dtype=d)), S(-2.5)]))
            c.append(ip(f"{op}/{dt}/into-strided", op, [T(rnd(3, 8, dtype=d), views=sv), T(positive(3, 1, dtype=d))]))
        c.append(ip(f"pow_/{dt}/scalar", "pow_", [T(positive(3, 4, dtype=d)), S(1.5)]))
        c.append(ip(f"pow_/{dt}/tensor-into-transposed", "pow_", [T(positive(4, 3, dtype=d), views=tv), T(rnd(4, dtype=d))]))
        for op in ("addcmul_", "addcdiv_"):
            den = positive if op == "addcdiv_" else rnd
            c.append(ip(f"{op}/{dt}/default-value", op, [T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d)), T(den(3, 4, dtype=d))]))
            c.append(ip(f"{op}/{dt}/value", op, [T(rnd(3, 4, dtype=d)), T(rnd(4, dtype=d)), T(den(3, 1, dtype=d))], {"value": -0.25}))
            c.append(ip(f"{op}/{dt}/into-transposed", op, [T(rnd(4, 3, dtype=d), views=tv), T(rnd(3, 4, dtype=d)), T(den(3, 4, dtype=d))], {"value": 2}))
        c.append(ip(f"lerp_/{dt}/scalar-weight", "lerp_", [T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d)), S(0.3)]))
        c.append(ip(f"lerp_/{dt}/tensor-weight", "lerp_", [T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d)), T(rnd(4, dtype=d, lo=0, hi=1))]))
        c.append(ip(f"lerp_/{dt}/weight-above-half", "lerp_", [T(rnd(3, 4, dtype=d)), T(rnd(4, dtype=d)), S(0.9)]))
        c.append(ip(f"lerp_/{dt}/into-strided", "lerp_", [T(rnd(3, 8, dtype=d), views=sv), T(rnd(3, 4, dtype=d)), S(0.5)]))
        c.append(ip(f"maximum_/{dt}/broadcast", "maximum_", [T(rnd(3, 4, dtype=d)), T(rnd(4, dtype=d))]))
        c.append(ip(f"maximum_/{dt}/nan", "maximum_", [T(torch.tensor([1.0, NAN, 0.0], dtype=d)), T(torch.tensor([NAN, 2.0, -1.0], dtype=d))]))
        for op in ("neg_", "exp_"):
            c.append(ip(f"{op}/{dt}/contiguous", op, [T(rnd(3, 4, dtype=d))]))
            c.append(ip(f"{op}/{dt}/into-transposed", op, [T(rnd(4, 3, dtype=d), views=tv)]))
        c.append(ip(f"sqrt_/{dt}/contiguous", "sqrt_", [T(torch.tensor([4.0, 2.0, 0.0, -1.0], dtype=d))]))
        c.append(ip(f"sqrt_/{dt}/into-strided", "sqrt_", [T(positive(3, 8, dtype=d), views=sv)]))
        c.append(ip(f"clamp_/{dt}/both", "clamp_", [T(rnd(3, 4, dtype=d))], {"min": -0.5, "max": 0.5}))
        c.append(ip(f"clamp_/{dt}/min-into-transposed", "clamp_", [T(rnd(4, 3, dtype=d), views=tv)], {"min": 0}))
        c.append(ip(f"clamp_/{dt}/max-into-strided", "clamp_", [T(rnd(3, 8, dtype=d), views=sv)], {"max": 0.25}))
        c.append(ip(f"zero_/{dt}/into-strided", "zero_", [T(rnd(3, 8, dtype=d), views=sv)]))
        c.append(ip(f"fill_/{dt}/value", "fill_", [T(rnd(2, 3, dtype=d))], {"value": 0.1}))
        c.append(ip(f"fill_/{dt}/into-transposed", "fill_", [T(rnd(4, 3, dtype=d), views=tv)], {"value": -3.5}))
        c.append(ip(f"fill_/{dt}/select-row", "fill_", [T(rnd(3, 4, dtype=d), views=[["select", 0, 1]])], {"value": 2.25}))
        c.append(ip(f"copy_/{dt}/same-shape", "copy_", [T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d))]))
        c.append(ip(f"copy_/{dt}/broadcast-into-strided", "copy_", [T(rnd(3, 8, dtype=d), views=sv), T(rnd(4, dtype=d))]))
        c.append(ip(f"copy_/{dt}/broadcast-into-transposed", "copy_", [T(rnd(4, 3, dtype=d), views=tv), T(rnd(3, 1, dtype=d))]))
        c.append(ip(f"copy_/{dt}/from-transposed", "copy_", [T(rnd(3, 4, dtype=d)), T(rnd(4, 3, dtype=d), views=tv)]))
        c.append(ip(f"copy_/{dt}/into-narrowed", "copy_", [T(rnd(4, 5, dtype=d), views=[["narrow", 1, 1, 3], ["slice", 0, 0, 4, 2]]), T(rnd(2, 3, dtype=d))]))
        c.append(ip(f"copy_/{dt}/from-int64", "copy_", [T(rnd(2, 3, dtype=d)), T(rint(2, 3))]))
        c.append(ip(f"copy_/{dt}/from-bool", "copy_", [T(rnd(2, 3, dtype=d)), T(rbool(3))]))
        c.append(ip(f"maskedFill_/{dt}/into-transposed", "maskedFill_", [T(rnd(4, 3, dtype=d), views=tv), T(rbool(3, 4)), ], {"value": -1.5}))
        c.append(ip(f"maskedFill_/{dt}/broadcast-mask", "maskedFill_", [T(rnd(3, 4, dtype=d)), T(rbool(4))], {"value": float("-inf")}))
    c.append(ip("add_/float32/float64-other", "add_", [T(rnd(2, 3)), T(rnd(3, dtype=torch.float64) / 3)]))
    c.append(ip("mul_/float32/float-scalar-rounding", "mul_", [T(rnd(2, 3)), S(0.1)]))
    c.append(ip("copy_/float32/from-expanded", "copy_", [T(rnd(2, 3)), T(rnd(2, 1), views=[["expand", [2, 3]]])]))
    c.append(ip("copy_/float32/from-float64", "copy_", [T(rnd(2, 3)), T(rnd(2, 3, dtype=torch.float64) / 3)]))
    c.append(ip("copy_/int64/from-float32-truncates", "copy_", [T(rint(2, 3)), T(rnd(2, 3, lo=-5, hi=5))]))
    c.append(ip("copy_/bool/from-float32", "copy_", [T(rbool(4)), T(torch.tensor([0.0, 0.5, -0.0, NAN]))]))
    c.append(ip("add_/int64/int", "add_", [T(rint(2, 3)), T(rint(2, 3))], {"alpha": 2}))
    c.append(ip("add_/int64/int-scalar", "add_", [T(rint(2, 3)), S(4)]))
    c.append(ip("mul_/int32/int64", "mul_", [T(rint(2, 3, dtype=torch.int32)), T(rint(3))]))
    c.append(ip("fill_/int64/value", "fill_", [T(rint(3))], {"value": 5}))
    c.append(ip("clamp_/int64/both", "clamp_", [T(rint(6))], {"min": -1, "max": 2}))
    return c

