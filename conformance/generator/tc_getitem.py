"""PyTorch's indexing, `x[idx]` and `x[idx] = v` (and index_put_), over a matrix of index forms.

The index travels in kwargs["index"], one item per Python index:
    int -> number   None -> null   Ellipsis -> "..."   True/False -> true/false
    slice(a, b, c) -> {"slice": [a, b, c]} (null for None)   "1:5:2" -> {"str": "1:5:2"}
    a tensor operand -> {"arg": k} (args[k])   a Python list -> {"list": [...]}
torchlet replays them as x.index(...), y.set([...], v) and y.indexPut_([...], v, accumulate).
"""
import torch

from tc_ops import TORCH_OPS
from tc_util import DT, S, T, make_case, rbool, rnd


def _parse_str(s):
    if s == "...":
        return Ellipsis
    parts = [int(p) if p.strip() else None for p in s.split(":")]
    return slice(*parts)


def to_python(spec, a):
    out = []
    for item in spec:
        if isinstance(item, dict):
            if "slice" in item:
                out.append(slice(*item["slice"]))
            elif "str" in item:
                out.append(_parse_str(item["str"]))
            elif "arg" in item:
                out.append(a[item["arg"]])
            else:
                out.append(list(item["list"]))
        elif item == "...":
            out.append(Ellipsis)
        else:
            out.append(item)
    return tuple(out)


def _getitem(a, kw):
    return a[0][to_python(kw["index"], a)]


def _setitem(a, kw):
    y = a[0].clone()
    y[to_python(kw["index"], a)] = a[1]
    return y


def _index_put(a, kw):
    y = a[0].clone()
    return y.index_put_(to_python(kw["index"], a), a[1], accumulate=kw["accumulate"])


TORCH_OPS.update({"getitem": _getitem, "setitem": _setitem, "indexPut": _index_put})


def sl(a=None, b=None, c=None):
    return {"slice": [a, b, c]}


def st(s):
    return {"str": s}


def arg(k):
    return {"arg": k}


def lst(*v):
    return {"list": list(v)}


def i64(*v):
    return T(torch.tensor(v, dtype=torch.int64), grad=False)


def idx(t):
    return T(t, grad=False)


def read_cases(dt, d):
    c = []

    def g(name, x, spec, extra=(), error=False):
        c.append(make_case(f"get/{dt}/{name}", "getitem", [x, *extra], {"index": spec}, view=not error, error=error, grad_fn=True))

    x = lambda: T(rnd(3, 4, 5, dtype=d))  # noqa: E731
    # integers
    g("int", x(), [1])
    g("int-negative", x(), [-1])
    g("int-pair", x(), [1, -2])
    g("int-all-to-0d", x(), [2, 0, -1])
    g("empty-tuple", x(), [])
    # slices
    g("slice", x(), [sl(1, 3)])
    g("slice-step", x(), [sl(), sl(None, None, 2)])
    g("slice-start-step", x(), ["...", sl(1, None, 3)])
    g("slice-negative-bounds", x(), [sl(-2, None), sl(-3, -1)])
    g("slice-out-of-range-stop", x(), [sl(1, 100)])
    g("slice-out-of-range-start", x(), [sl(-100, 2), sl(7, 9)])
    g("slice-empty", x(), [sl(2, 1)])
    g("slice-strings", x(), [st(":"), st("1:4:2"), st("::3")])
    g("slice-string-ellipsis", x(), [st("..."), st("-2:")])
    g("slice-of-transposed", T(rnd(3, 4, 5, dtype=d), views=[["transpose", 0, 2]]), [sl(0, 5, 2), 1])
    g("int-slice-mix", x(), [1, sl(None, None, 2), -1])
    # new axes and ellipsis
    g("none", x(), [None])
    g("none-middle", x(), [0, None, sl(1, 3)])
    g("none-end", x(), ["...", None])
    g("none-twice", x(), [None, 1, None])
    g("ellipsis", x(), ["..."])
    g("ellipsis-int", x(), ["...", 1])
    g("int-ellipsis-int", x(), [1, "...", 2])
    g("ellipsis-all", x(), ["...", 0, 0, 0])
    g("0d-int-tensor", x(), [arg(1)], [idx(torch.tensor(1))])
    # integer arrays and tensors
    g("list", x(), [lst(0, 2)])
    g("list-repeats", x(), [lst(2, 0, 2, 2)])
    g("list-negative", x(), [lst(-1, 0)])
    g("tensor-1d", x(), [arg(1)], [i64(2, 1)])
    g("tensor-2d", x(), [arg(1)], [idx(torch.tensor([[0, 1], [2, 0]]))])
    g("tensor-dim1", x(), [sl(), lst(3, 0)])
    g("tensor-2d-last", x(), [sl(), sl(), arg(1)], [idx(torch.tensor([[0, 4], [1, 1]]))])
    g("tensor-empty", x(), [arg(1)], [idx(torch.tensor([], dtype=torch.int64))])
    g("adjacent-broadcast", x(), [sl(), arg(1), arg(2)], [idx(torch.tensor([[0], [3]])), i64(0, 2, 4)])
    g("adjacent-front", x(), [arg(1), arg(2)], [i64(0, 2), i64(-1, 1)])
    g("separated", x(), [arg(1), sl(), arg(2)], [i64(0, 2), i64(4, 1)])
    g("separated-slice-step", x(), [arg(1), sl(0, 4, 2), arg(2)], [idx(torch.tensor([[1], [2]])), i64(0, 3)])
    g("all-three", x(), [lst(0, 1), lst(1, 2), lst(3, 4)])
    g("int-then-tensor", x(), [1, lst(0, 2)])
    g("tensor-then-int", x(), [lst(0, 2), 1])
    g("tensor-int-tensor", x(), [lst(0, 1), 0, lst(1, 4)])
    y = lambda: T(rnd(2, 3, 4, 5, dtype=d))  # noqa: E731
    g("4d-slice-tensor-int-tensor", y(), [sl(), lst(0, 1), 0, lst(1, 3)])
    g("4d-separated-by-slice", y(), [sl(), lst(0, 2), sl(1, 3), lst(1, 3)])
    g("none-then-tensor", x(), [None, lst(0, 1)])
    g("tensor-then-none", x(), [lst(0, 1), None, sl(1, 3)])
    g("ellipsis-then-tensor", x(), ["...", lst(0, 4)])
    g("tensor-of-transposed", T(rnd(3, 4, 5, dtype=d), views=[["transpose", 0, 1]]), [lst(3, 1), sl(None, None, 2)])
    # boolean masks
    g("mask-full", x(), [arg(1)], [idx(rbool(3, 4, 5))])
    g("mask-first-dim", x(), [arg(1)], [idx(torch.tensor([True, False, True]))])
    g("mask-two-dims", x(), [arg(1)], [idx(rbool(3, 4))])
    g("mask-dim1", x(), [sl(), arg(1)], [idx(torch.tensor([False, True, True, False]))])
    g("mask-last-after-ellipsis", x(), ["...", arg(1)], [idx(torch.tensor([True, False, False, True, True]))])
    g("mask-all-false", x(), [arg(1)], [idx(torch.zeros(3, 4, dtype=torch.bool))])
    g("mask-bool-list", x(), [lst(True, False, True)])
    g("mask-and-tensor", x(), [arg(1), lst(1, 2)], [idx(torch.tensor([True, False, True]))])
    g("mask-of-transposed", T(rnd(3, 4, 5, dtype=d), views=[["transpose", 1, 2]]), [sl(), arg(1)], [idx(rbool(5, 4))])
    g("bool-true", x(), [True])
    g("bool-false", x(), [False])
    g("bool-0d-tensor", x(), [0, arg(1)], [idx(torch.tensor(True))])
    g("mask-0d-input", T(rnd(dtype=d)), [arg(1)], [idx(torch.tensor(True))])
    # errors
    g("error-int-out-of-bounds", x(), [3], error=True)
    g("error-int-negative-out-of-bounds", x(), [-4], error=True)
    g("error-int-dim1", x(), [sl(), 4], error=True)
    g("error-tensor-out-of-bounds", x(), [lst(0, 3)], error=True)
    g("error-tensor-negative-out-of-bounds", x(), [sl(), lst(-5)], error=True)
    g("error-too-many", x(), [0, 0, 0, 0], error=True)
    g("error-too-many-with-mask", x(), [arg(1), 0, 0], [idx(rbool(3, 4))], error=True)
    g("error-mask-shape", x(), [arg(1)], [idx(torch.tensor([True, False]))], error=True)
    g("error-mask-shape-dim1", x(), [sl(), arg(1)], [idx(torch.ones(4, 4, dtype=torch.bool))], error=True)
    g("error-float-index", x(), [arg(1)], [idx(torch.tensor([0.0, 1.0], dtype=d))], error=True)
    g("error-negative-step", x(), [sl(None, None, -1)], error=True)
    g("error-zero-step", x(), [sl(), sl(None, None, 0)], error=True)
    g("error-broadcast", x(), [arg(1), arg(2)], [i64(0, 1), i64(0, 1, 2)], error=True)
    g("error-0d-input-int", T(rnd(dtype=d)), [0], error=True)
    return c


def write_cases(dt, d):
    c = []

    def s(name, x, v, spec, extra=(), error=False):
        c.append(make_case(f"set/{dt}/{name}", "setitem", [x, v, *extra], {"index": spec}, error=error, grad_fn=True))

    def p(name, x, v, spec, extra, accumulate):
        c.append(make_case(f"indexPut/{dt}/{name}", "indexPut", [x, v, *extra], {"index": spec, "accumulate": accumulate}, grad_fn=True))

    x = lambda: T(rnd(3, 4, 5, dtype=d))  # noqa: E731
    v = lambda *shape: T(rnd(*shape, dtype=d))  # noqa: E731
    s("int", x(), v(4, 5), [1])
    s("int-scalar", x(), S(2.5), [1])
    s("slice-broadcast", x(), v(5), [sl(), sl(1, 3)])
    s("slice-step", x(), v(3, 2, 5), [sl(), sl(None, None, 2)])
    s("ellipsis-int", x(), v(3, 4), ["...", 0])
    s("none-int", x(), v(1, 4, 5), [None, 1])
    s("leading-ones", x(), v(1, 1, 5), [1])
    s("0d-int-tensor", x(), v(4, 5), [arg(2)], [idx(torch.tensor(2))])
    s("list", x(), v(2, 4, 5), [lst(0, 2)])
    s("list-broadcast-value", x(), v(5), [lst(2, 0)])
    s("two-tensors", x(), v(2, 4), [lst(0, 2), sl(), lst(1, 3)])
    s("adjacent-2d", x(), v(3, 2, 2), [sl(), arg(2), arg(3)], [idx(torch.tensor([[0], [3]])), i64(1, 4)])
    s("separated-scalar", x(), S(-1.0), [arg(2), sl(1, 3), arg(3)], [i64(0, 2), i64(4, 1)])
    s("int-tensor-int", x(), v(2), [1, lst(0, 3), -1])
    s("mask-scalar", x(), S(0.0), [arg(2)], [idx(rbool(3, 4, 5))])
    m = torch.tensor([[True, False, True, False], [False, False, True, True], [True, False, False, False]])
    s("mask-values", x(), v(5, 5), [arg(2)], [idx(m)])
    s("mask-dim1", x(), v(5), [sl(), arg(2)], [idx(torch.tensor([True, False, False, True]))])
    s("mask-scalar-dim1", x(), S(1.5), [sl(), arg(2)], [idx(rbool(4, 5))])
    s("mask-scalar-ellipsis", x(), S(-2.0), ["...", arg(2)], [idx(rbool(5))])
    s("bool-true", x(), v(3, 4, 5), [True])
    s("error-value-shape", x(), v(3), [lst(0, 1)], error=True)
    s("error-value-shape-basic", x(), v(2, 5), [1], error=True)
    s("error-out-of-bounds", x(), S(1.0), [lst(0, 3)], error=True)
    p("accumulate-repeats", x(), v(4, 4, 5), [arg(2)], [i64(0, 2, 0, 0)], True)
    p("accumulate-two-tensors", x(), v(4, 5), [arg(2), arg(3)], [i64(0, 1, 0, 0), i64(3, 2, 3, 1)], True)
    p("accumulate-broadcast-value", x(), v(5), [arg(2), arg(3)], [i64(1, 1), i64(2, 2)], True)
    p("no-accumulate", x(), v(2, 4, 5), [arg(2)], [i64(2, 0)], False)
    p("accumulate-mask", x(), v(1), [arg(2)], [idx(rbool(3, 4, 5))], True)
    return c


def int_cases():
    x = torch.arange(24, dtype=torch.int64).reshape(2, 3, 4)
    return [
        make_case("get/int64/mask", "getitem", [T(x), idx(x > 10)], {"index": [arg(1)]}, view=True, grad_fn=True),
        make_case("get/int64/slice-list", "getitem", [T(x)], {"index": [sl(None, None, 2), lst(2, 0)]}, view=True, grad_fn=True),
        make_case("set/int64/list", "setitem", [T(x), S(-7)], {"index": [sl(), lst(2, 0)]}, grad_fn=True),
        make_case("get/bool/list", "getitem", [T(torch.tensor([True, False, True]))], {"index": [lst(2, 1, 0)]}, view=True),
    ]


def edge_cases(dt, d):
    """Empty tensors, size-1 dims, views as the written tensor, and index forms mixed more deeply."""
    c = []

    def g(name, x, spec, extra=()):
        c.append(make_case(f"get/{dt}/{name}", "getitem", [x, *extra], {"index": spec}, view=True, grad_fn=True))

    def s(name, x, v, spec, extra=()):
        c.append(make_case(f"set/{dt}/{name}", "setitem", [x, v, *extra], {"index": spec}, grad_fn=True))

    g("empty-input-slice", T(rnd(0, 3, dtype=d)), [sl(), 1])
    g("empty-input-list", T(rnd(0, 3, dtype=d)), [sl(), lst(2, 0)])
    g("size-one-broadcast-index", T(rnd(1, 4, dtype=d)), [lst(0, 0, 0), sl(1, 3)])
    g("2d-indices-separated", T(rnd(3, 4, 5, dtype=d)), [arg(1), 2, sl(None, None, 2)], [idx(torch.tensor([[0, 2], [1, 1]]))])
    g("mask-between-nones", T(rnd(3, 4, dtype=d)), [None, arg(1), None], [idx(torch.tensor([True, True, False]))])
    g("slice-step-then-list-then-slice", T(rnd(4, 5, 6, dtype=d)), [sl(None, None, 3), lst(4, 0, 1), sl(1, None, 2)])
    s("empty-list", T(rnd(3, 4, dtype=d)), v_(d, 4), [lst()])
    s("through-transposed", T(rnd(4, 3, dtype=d), views=[["transpose", 0, 1]]), v_(d, 2, 4), [lst(2, 0)])
    s("slice-step-list", T(rnd(4, 5, dtype=d)), v_(d, 2, 2), [sl(None, None, 2), lst(4, 1)])
    s("none-ellipsis-list", T(rnd(3, 4, dtype=d)), v_(d, 3, 1), [None, "...", lst(0)])
    return c


def v_(d, *shape):
    return T(rnd(*shape, dtype=d))


def cases():
    c = []
    for dt, d in DT.items():
        c += read_cases(dt, d)
    for dt, d in DT.items():
        c += write_cases(dt, d)
    c += int_cases()
    for dt, d in DT.items():
        c += edge_cases(dt, d)
    return c
