"""In-place ops on a non-leaf (`x.clone().add_(y)`), as PyTorch allows: gradients flow through them
to the leaves. Forward through tensor-core, gradients through autograd's in-place support."""
from tc_util import DT, S, T, make_case, positive, rbool, rnd


def through_clone():
    """In-place ops on a non-leaf (`x.clone().add_(y)`): autograd must differentiate through them."""
    c = []
    for dt, d in DT.items():
        def g(op, args, kw=None, name="grad-through-clone"):
            c.append(make_case(f"{op}/{dt}/{name}", "clone." + op, args, kw))
        g("add_", [T(rnd(3, 4, dtype=d)), T(rnd(4, dtype=d))], {"alpha": -1.5})
        g("sub_", [T(rnd(3, 4, dtype=d)), T(rnd(3, 1, dtype=d))], {"alpha": 2})
        g("mul_", [T(rnd(3, 4, dtype=d), views=[["transpose", 0, 1]]), T(rnd(3, dtype=d))])
        g("div_", [T(rnd(3, 4, dtype=d)), T(positive(3, 4, dtype=d))])
        g("pow_", [T(positive(3, 4, dtype=d)), T(rnd(4, dtype=d))])
        g("pow_", [T(positive(3, 4, dtype=d)), S(2.5)], name="grad-through-clone-scalar")
        g("addcmul_", [T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d)), T(rnd(4, dtype=d))], {"value": 0.5})
        g("addcdiv_", [T(rnd(3, 4, dtype=d)), T(rnd(3, 1, dtype=d)), T(positive(3, 4, dtype=d))], {"value": -2})
        g("lerp_", [T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d)), S(0.25)])
        g("lerp_", [T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d)), T(rnd(3, 4, dtype=d, lo=0, hi=1))], name="grad-through-clone-tensor-weight")
        g("neg_", [T(rnd(2, 3, dtype=d))])
        g("sqrt_", [T(positive(2, 3, dtype=d))])
        g("exp_", [T(rnd(2, 3, dtype=d))])
        g("clamp_", [T(rnd(3, 4, dtype=d))], {"min": -0.5, "max": 1})
        g("fill_", [T(rnd(2, 3, dtype=d))], {"value": 1.5})
        g("copy_", [T(rnd(3, 4, dtype=d)), T(rnd(4, dtype=d))])
        g("maskedFill_", [T(rnd(3, 4, dtype=d)), T(rbool(3, 4))], {"value": 0.5})
    return c


def cases():
    return through_clone()
