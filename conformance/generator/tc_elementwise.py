"""Elementwise cases: binary ops (broadcasting, scalars, alpha, type promotion), unary ops, where."""
import torch

from tc_util import DT, S, T, make_case, positive, rbool, rint, rnd

NAN, INF = float("nan"), float("inf")
EDGE = [NAN, INF, -INF, 0.0, -0.0, 1e-30, -1e30, 88.0, -100.0, 0.5, -2.5, 1.0]


def binary(c, op, dt, d, lhs=rnd, rhs=rnd):
    a = lambda *s: lhs(*s, dtype=d)
    b = lambda *s: rhs(*s, dtype=d)
    c.append(make_case(f"{op}/{dt}/same-shape", op, [T(a(2, 3)), T(b(2, 3))]))
    c.append(make_case(f"{op}/{dt}/broadcast-row", op, [T(a(2, 3)), T(b(3))]))
    c.append(make_case(f"{op}/{dt}/broadcast-outer", op, [T(a(3, 1)), T(b(1, 4))]))
    c.append(make_case(f"{op}/{dt}/broadcast-3d", op, [T(a(2, 1, 3)), T(b(4, 1))]))
    c.append(make_case(f"{op}/{dt}/0d-tensor", op, [T(a(2, 2)), T(b())]))
    c.append(make_case(f"{op}/{dt}/non-contiguous", op, [T(a(3, 2), views=[["transpose", 0, 1]]), T(b(2, 6), views=[["slice", 1, 1, 6, 2]])]))
    c.append(make_case(f"{op}/{dt}/expanded", op, [T(a(2, 1), views=[["expand", [2, 3]]]), T(b(3, 2), views=[["permute", [1, 0]]])]))
    c.append(make_case(f"{op}/{dt}/zero-size", op, [T(a(0, 3)), T(b(1, 3))]))


def cases():
    c = []
    for dt, d in DT.items():
        for op in ("add", "sub", "mul", "maximum", "minimum"):
            binary(c, op, dt, d)
        binary(c, "div", dt, d, rhs=lambda *s, dtype: positive(*s, dtype=dtype, lo=0.5) * (1 - 2 * (torch.rand(s) < 0.3)))
        binary(c, "pow", dt, d, lhs=positive, rhs=rnd)
        for op in ("add", "sub"):
            c.append(make_case(f"{op}/{dt}/alpha", op, [T(rnd(2, 3, dtype=d)), T(rnd(3, dtype=d))], {"alpha": 2.5}))
            c.append(make_case(f"{op}/{dt}/alpha-negative-int", op, [T(rnd(3, dtype=d)), T(rnd(2, 3, dtype=d))], {"alpha": -3}))
            c.append(make_case(f"{op}/{dt}/alpha-scalar-other", op, [T(rnd(3, dtype=d)), S(1.5)], {"alpha": 0.5}))
        for op in ("add", "sub", "mul", "div", "pow"):
            base = positive if op == "pow" else rnd
            c.append(make_case(f"{op}/{dt}/scalar-rhs", op, [T(base(2, 3, dtype=d)), S(1.75)]))
            c.append(make_case(f"{op}/{dt}/scalar-lhs", op, [S(2.5), T(positive(2, 3, dtype=d))]))
        c.append(make_case(f"pow/{dt}/int-scalar", "pow", [T(rnd(2, 3, dtype=d)), S(3)]))
        c.append(make_case(f"pow/{dt}/square", "pow", [T(rnd(4, dtype=d)), S(2)]))
        c.append(make_case(f"pow/{dt}/sqrt-scalar", "pow", [T(positive(4, dtype=d)), S(0.5)]))
        c.append(make_case(f"pow/{dt}/negative-base-int-exp", "pow", [T(rnd(5, dtype=d, lo=-3, hi=-0.5)), S(-2)]))
        c.append(make_case(f"pow/{dt}/zero-base", "pow", [T(torch.tensor([0.0, 0.0, 0.0, 2.0], dtype=d)), T(torch.tensor([2.0, 0.0, -1.0, 0.0], dtype=d))]))
        c.append(make_case(f"pow/{dt}/negative-base-frac-exp", "pow", [T(torch.tensor([-2.0, -0.5], dtype=d)), S(0.5)]))
        edge = torch.tensor(EDGE, dtype=d)
        other = torch.tensor([1.0, NAN, 2.0, -0.0, 0.0, INF, -INF, 3.0, NAN, 0.5, -2.5, 0.0], dtype=d)
        for op in ("add", "sub", "mul", "div", "maximum", "minimum"):
            c.append(make_case(f"{op}/{dt}/edge-values", op, [T(edge), T(other)]))
        c.append(make_case(f"div/{dt}/by-zero", "div", [T(torch.tensor([1.0, -1.0, 0.0, NAN], dtype=d)), S(0)]))
        c.append(make_case(f"maximum/{dt}/ties", "maximum", [T(torch.tensor([1.0, 2.0, 3.0, -1.0], dtype=d)), T(torch.tensor([1.0, 0.0, 3.0, -1.0], dtype=d))]))
        c.append(make_case(f"minimum/{dt}/ties", "minimum", [T(torch.tensor([1.0, 2.0, 3.0, -1.0], dtype=d)), T(torch.tensor([1.0, 0.0, 3.0, -1.0], dtype=d))]))
        unary(c, dt, d)
        where(c, dt, d)
    promotion(c)
    erf(c)  # added later: last, so the random draws of the cases above are unchanged
    return c


def erf(c):
    edge_values = [-6.0, -3.0, -0.5, 1e-8, 0.84375, 1.25, 2.857, 6.0, 30.0]
    for dt, d in DT.items():
        c.append(make_case(f"erf/{dt}/random", "erf", [T(rnd(3, 4, dtype=d))]))
        c.append(make_case(f"erf/{dt}/non-contiguous", "erf", [T(rnd(4, 3, dtype=d), views=[["transpose", 0, 1], ["slice", 1, 0, 4, 2]])]))
        c.append(make_case(f"erf/{dt}/edge-values", "erf", [T(torch.tensor(EDGE, dtype=d))]))
        c.append(make_case(f"erf/{dt}/tails", "erf", [T(torch.tensor(edge_values, dtype=d))]))
        c.append(make_case(f"erf/{dt}/zero-size", "erf", [T(rnd(2, 0, dtype=d))]))
        c.append(make_case(f"erf/{dt}/0d", "erf", [T(rnd(dtype=d))]))
    c.append(make_case("erf/promote/int64", "erf", [T(rint(5, lo=-3, hi=4))]))


def unary(c, dt, d):
    edge = torch.tensor(EDGE, dtype=d)
    specs = {
        "neg": rnd, "exp": rnd, "log": positive, "log1p": lambda *s, dtype: rnd(*s, dtype=dtype, lo=-0.9, hi=3),
        "expm1": rnd, "sqrt": positive, "rsqrt": positive, "abs": rnd, "sign": rnd, "sigmoid": rnd,
        "tanh": rnd, "relu": rnd, "softplus": rnd,
    }
    for op, gen in specs.items():
        c.append(make_case(f"{op}/{dt}/random", op, [T(gen(3, 4, dtype=d))]))
        c.append(make_case(f"{op}/{dt}/non-contiguous", op, [T(gen(4, 3, dtype=d), views=[["transpose", 0, 1], ["slice", 1, 0, 4, 2]])]))
        c.append(make_case(f"{op}/{dt}/edge-values", op, [T(edge)]))
        c.append(make_case(f"{op}/{dt}/zero-size", op, [T(gen(2, 0, dtype=d))]))
        c.append(make_case(f"{op}/{dt}/0d", op, [T(gen(dtype=d))]))
    c.append(make_case(f"exp/{dt}/large", "exp", [T(torch.tensor([80.0, 88.7, 89.0, 700.0, 710.0, -104.0, -750.0], dtype=d))]))
    c.append(make_case(f"log1p/{dt}/tiny", "log1p", [T(torch.tensor([1e-10, -1e-8, 1e-20, -1.0, -2.0], dtype=d))]))
    c.append(make_case(f"expm1/{dt}/tiny", "expm1", [T(torch.tensor([1e-10, -1e-8, 1e-20, 50.0], dtype=d))]))
    c.append(make_case(f"sqrt/{dt}/zero-and-negative", "sqrt", [T(torch.tensor([0.0, -1.0, 4.0], dtype=d))]))
    c.append(make_case(f"abs/{dt}/zero", "abs", [T(torch.tensor([0.0, -0.0, 3.0], dtype=d))]))
    c.append(make_case(f"relu/{dt}/zero", "relu", [T(torch.tensor([0.0, -0.0, -1.0, 1.0], dtype=d))]))
    c.append(make_case(f"sigmoid/{dt}/saturated", "sigmoid", [T(torch.tensor([-1e4, -100.0, -30.0, 30.0, 100.0, 1e4], dtype=d))]))
    c.append(make_case(f"tanh/{dt}/saturated", "tanh", [T(torch.tensor([-1e4, -30.0, -1e-8, 1e-8, 30.0, 1e4], dtype=d))]))
    sp = torch.tensor([-30.0, -5.0, 0.0, 5.0, 9.9, 10.1, 19.9, 20.1, 50.0], dtype=d)
    c.append(make_case(f"softplus/{dt}/threshold-default", "softplus", [T(sp)]))
    c.append(make_case(f"softplus/{dt}/beta2", "softplus", [T(sp)], {"beta": 2}))
    c.append(make_case(f"softplus/{dt}/beta-threshold", "softplus", [T(sp)], {"beta": 0.5, "threshold": 10}))
    x = rnd(3, 4, dtype=d, lo=-3, hi=3)
    c.append(make_case(f"clamp/{dt}/both", "clamp", [T(x)], {"min": -1.5, "max": 0.75}))
    c.append(make_case(f"clamp/{dt}/min-only", "clamp", [T(x)], {"min": 0.25}))
    c.append(make_case(f"clamp/{dt}/max-only", "clamp", [T(x)], {"max": -0.5}))
    c.append(make_case(f"clamp/{dt}/min-above-max", "clamp", [T(x)], {"min": 1.5, "max": -1.5}))
    c.append(make_case(f"clamp/{dt}/at-bounds", "clamp", [T(torch.tensor([-1.0, 0.0, 1.0, 2.0], dtype=d))], {"min": -1, "max": 1}))
    c.append(make_case(f"clamp/{dt}/edge-values", "clamp", [T(edge)], {"min": -1, "max": 1}))
    c.append(make_case(f"clamp/{dt}/non-contiguous", "clamp", [T(x, views=[["transpose", 0, 1]])], {"min": -1, "max": 1}))


def where(c, dt, d):
    cond = rbool(2, 3)
    c.append(make_case(f"where/{dt}/same-shape", "where", [T(cond), T(rnd(2, 3, dtype=d)), T(rnd(2, 3, dtype=d))]))
    c.append(make_case(f"where/{dt}/broadcast", "where", [T(rbool(3, 1)), T(rnd(1, 4, dtype=d)), T(rnd(4, dtype=d))]))
    c.append(make_case(f"where/{dt}/scalar-other", "where", [T(cond), T(rnd(2, 3, dtype=d)), S(-1.5)]))
    c.append(make_case(f"where/{dt}/scalar-self", "where", [T(cond), S(0.25), T(rnd(3, dtype=d))]))
    c.append(make_case(f"where/{dt}/non-contiguous", "where", [T(rbool(3, 2), views=[["transpose", 0, 1]]), T(rnd(3, 2, dtype=d), views=[["transpose", 0, 1]]), T(rnd(2, 3, dtype=d))]))
    c.append(make_case(f"where/{dt}/nan-unselected", "where", [T(torch.tensor([True, False])), T(torch.tensor([1.0, NAN], dtype=d)), T(torch.tensor([INF, 2.0], dtype=d))]))


def promotion(c):
    f32, f64 = DT["float32"], DT["float64"]
    i64, i32 = torch.int64, torch.int32
    pairs = {
        "int64-int64": (rint(2, 3), rint(3)),
        "int64-int32": (rint(2, 3), rint(3, dtype=i32)),
        "int32-int32": (rint(2, 3, dtype=i32), rint(2, 3, dtype=i32)),
        "int64-float32": (rint(2, 3), rnd(3)),
        "float32-int64": (rnd(2, 3), rint(2, 3)),
        "float32-float64": (rnd(2, 3), rnd(3, dtype=f64)),
        "bool-float32": (rbool(2, 3), rnd(2, 3)),
        "bool-int64": (rbool(2, 3), rint(3)),
        "float32-bool": (rnd(3), rbool(2, 3)),
        "float32-0d-float64": (rnd(2, 3), rnd(dtype=f64)),
        "int64-0d-float64": (rint(2, 3), rnd(dtype=f64)),
        "0d-float32-int64": (rnd(), rint(3)),
        "int32-0d-int64": (rint(3, dtype=i32), rint()),
        "bool-bool": (rbool(2, 3), rbool(3)),
    }
    for op in ("add", "sub", "mul", "div", "maximum", "minimum"):
        for name, (a, b) in pairs.items():
            if op == "div" and not (a.is_floating_point() or b.is_floating_point()):
                b = b.abs() + 1 if b.dtype != torch.bool else b.to(torch.int64) + 1
            # error="auto": where PyTorch rejects a combination (sub with bool), torchlet must throw
            c.append(make_case(f"{op}/promote/{name}", op, [T(a), T(b)], error="auto"))
    c.append(make_case("pow/promote/int64-int64", "pow", [T(rint(2, 3)), T(rint(3, lo=0, hi=4))]))
    c.append(make_case("pow/promote/int64-float32", "pow", [T(rint(2, 3, lo=1)), T(rnd(3))]))
    c.append(make_case("pow/promote/float32-int-scalar", "pow", [T(rnd(3)), S(2)]))
    # Python scalars are "weak": they change the dtype only when of a higher category
    c.append(make_case("add/promote/int64-float-scalar", "add", [T(rint(2, 3)), S(2.5)]))
    c.append(make_case("add/promote/int64-int-scalar", "add", [T(rint(2, 3)), S(3)]))
    c.append(make_case("add/promote/int32-int-scalar", "add", [T(rint(3, dtype=i32)), S(3)]))
    c.append(make_case("mul/promote/int32-float-scalar", "mul", [T(rint(3, dtype=i32)), S(0.5)]))
    c.append(make_case("mul/promote/bool-int-scalar", "mul", [T(rbool(4)), S(3)]))
    c.append(make_case("mul/promote/bool-float-scalar", "mul", [T(rbool(4)), S(1.5)]))
    c.append(make_case("add/promote/float64-float-scalar", "add", [T(rnd(3, dtype=f64)), S(0.1)]))
    c.append(make_case("mul/promote/float32-float-scalar-rounding", "mul", [T(rnd(3)), S(0.1)]))
    c.append(make_case("div/promote/int64-int-scalar", "div", [T(rint(4)), S(3)]))
    c.append(make_case("div/promote/int64-int64-by-zero", "div", [T(torch.tensor([1, -1, 0])), T(torch.tensor([0, 0, 0]))]))
    c.append(make_case("add/promote/int64-alpha", "add", [T(rint(3)), T(rint(3))], {"alpha": 3}))
    for op in ("neg", "abs", "sign", "relu"):
        c.append(make_case(f"{op}/promote/int64", op, [T(rint(2, 3))]))
        c.append(make_case(f"{op}/promote/int32", op, [T(rint(2, 3, dtype=i32))]))
    for op in ("exp", "log", "sqrt", "sigmoid", "tanh", "rsqrt", "log1p", "expm1"):
        c.append(make_case(f"{op}/promote/int64", op, [T(rint(5, lo=1, hi=6))]))
    c.append(make_case("exp/promote/bool", "exp", [T(rbool(4))]))
    c.append(make_case("clamp/promote/int64", "clamp", [T(rint(6))], {"min": -2, "max": 3}))
    c.append(make_case("clamp/promote/int64-float-bound", "clamp", [T(rint(6))], {"min": -2.5}))
    c.append(make_case("where/promote/int64-float32", "where", [T(rbool(4)), T(rint(4)), T(rnd(4))]))
    c.append(make_case("where/promote/float32-float64", "where", [T(rbool(4)), T(rnd(4)), T(rnd(4, dtype=f64))]))
    c.append(make_case("where/promote/int64-int-scalar", "where", [T(rbool(4)), T(rint(4)), S(7)]))
