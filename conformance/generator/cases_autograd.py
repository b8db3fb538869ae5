"""Fixtures for @torchlet/autograd behaviours (conformance/test/autograd/*.test.ts): gradient
accumulation over two backward calls, retain_graph, double backward of compositions, hooks,
retain_grad, autograd.grad with grad_outputs / several outputs / allow_unused, and the errors
PyTorch raises. Every scenario runs in float32 and float64.

Run: cd conformance && /usr/bin/python3.11 generator/generate.py cases_autograd

Case layout (fixtures/autograd/behaviours.json):
    { "id", "scenario", "dtype", "rtol", "atol", ["tolerance_reason"],
      "inputs":   {name: enc}        the scenario's tensors (leaves are made requires_grad by the scenario)
      "expected": {name: enc|null}   what the scenario reads back (a grad, a grad() result, ...)
      "error":    "RuntimeError: ..."  (error scenarios) PyTorch raised; torchlet must throw }
The scenario names map one to one to functions in conformance/test/autograd/scenarios.ts, which
replay the same steps with torchlet.
"""
import warnings

import torch
import torch.nn.functional as F

from common import enc, tol, write_fixture

SEED = 20261128
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def leaf(t):
    return t.clone().requires_grad_(True)


# ---- scenarios: each takes the input tensors and returns {name: tensor | None} ------------------

def accumulate_two_backward(x, w):
    x, w = leaf(x), leaf(w)
    (x * w).sum().backward()
    (x.exp() * w).pow(2).mean().backward()
    return {"x.grad": x.grad, "w.grad": w.grad}


def accumulate_broadcast(a, b):
    a, b = leaf(a), leaf(b)  # a [3, 1], b [4]
    (a * b).tanh().sum().backward()
    (a - b).pow(2).mean().backward()
    return {"a.grad": a.grad, "b.grad": b.grad}


def retain_graph_twice(x, w):
    x, w = leaf(x), leaf(w)
    y = (x.tanh() * w).sum()
    y.backward(retain_graph=True)
    first = x.grad.clone()
    y.backward()
    return {"first": first, "x.grad": x.grad, "w.grad": w.grad}


def retain_graph_error(x, w):
    x, w = leaf(x), leaf(w)
    y = (x.exp() * w).sum()
    y.backward()
    y.backward()  # raises
    return {}


def implicit_grad_error(x, w):
    x = leaf(x)
    (x * 2).backward()  # raises: not a scalar
    return {}


def double_backward_cube(x, w):
    x = leaf(x)
    (g,) = torch.autograd.grad((x ** 3).sum(), x, create_graph=True)
    (gg,) = torch.autograd.grad(g.sum(), x)
    return {"g": g, "gg": gg}


def double_backward_cross_entropy_hvp(x, v, target):
    x = leaf(x)
    loss = -F.log_softmax(x, 1).gather(1, target.unsqueeze(1)).mean()
    (g,) = torch.autograd.grad(loss, x, create_graph=True)
    (hv,) = torch.autograd.grad((g * v).sum(), x)
    return {"loss": loss, "g": g, "hv": hv}


def double_backward_gradient_penalty(x, w, b):
    x, w, b = leaf(x), leaf(w), leaf(b)
    h = torch.tanh(x @ w.t() + b)
    loss = (h ** 2).sum()
    (gw,) = torch.autograd.grad(loss, w, create_graph=True)
    (loss + gw.pow(2).sum()).backward()
    return {"gw": gw, "x.grad": x.grad, "w.grad": w.grad, "b.grad": b.grad}


def double_backward_softmax_var(x, v):
    x = leaf(x)
    y = (torch.softmax(x, 1) * x).var(1).sum() + x.logsumexp(0).mean()
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    (hv,) = torch.autograd.grad(g, x, grad_outputs=v)
    return {"g": g, "hv": hv}


def double_backward_backward_create_graph(x, w):
    x, w = leaf(x), leaf(w)
    (x.sigmoid() * w).pow(2).sum().backward(create_graph=True)
    gx = x.grad
    x.grad = None
    w.grad = None
    (gx * gx).sum().backward()
    return {"gx": gx, "x.grad": x.grad, "w.grad": w.grad}


def hook_leaf_scale(x, w):
    x = leaf(x)
    x.register_hook(lambda g: g * 2)
    (x * x * w).sum().backward()
    return {"x.grad": x.grad}


def hook_nonleaf_and_retain_grad(x, w):
    x = leaf(x)
    y = x.exp()
    y.retain_grad()
    y.register_hook(lambda g: g * w)
    (y * y).sum().backward()
    return {"y.grad": y.grad, "x.grad": x.grad}


def hook_before_retain_grad(x, w):
    x = leaf(x)
    y = x * 3
    y.register_hook(lambda g: g + w)
    y.retain_grad()
    (y * w).sum().backward()
    return {"y.grad": y.grad, "x.grad": x.grad}


def grad_outputs_vjp(x, w, v):
    x, w = leaf(x), leaf(w)
    y = x @ w
    gx, gw = torch.autograd.grad(y, (x, w), grad_outputs=v)
    return {"gx": gx, "gw": gw, "x.grad": x.grad}


def grad_several_outputs(x, v1, v2):
    x = leaf(x)
    y1 = x.tanh()
    y2 = (x * x).sum(0)
    (gx,) = torch.autograd.grad([y1, y2], [x], grad_outputs=[v1, v2])
    return {"gx": gx}


def grad_allow_unused(x, w):
    x, w = leaf(x), leaf(w)
    gx, gw = torch.autograd.grad((x * 2).sum(), [x, w], allow_unused=True)
    return {"gx": gx, "gw": gw}


def grad_unused_error(x, w):
    x, w = leaf(x), leaf(w)
    torch.autograd.grad((x * 2).sum(), [x, w])
    return {}


def max_ties(x, w):
    x = leaf(x)
    (x.max() * 3).backward()
    m = x.min()
    m.backward()
    return {"x.grad": x.grad}


def max_dim_ties(x, w):
    x = leaf(x)
    x.max(1).values.sum().backward()
    return {"x.grad": x.grad}


def detach_and_no_grad(x, w):
    x = leaf(x)
    d = (x * 2).detach()
    with torch.no_grad():
        z = x * 5
    (x * d + z).sum().backward()
    return {"x.grad": x.grad}


def inplace_on_clone(x, w):
    x, w = leaf(x), leaf(w)
    y = x.clone()
    y.mul_(w)
    y.add_(x, alpha=-0.5)
    y.exp_()  # last: PyTorch forbids changing exp_'s saved output afterwards
    (y * y).sum().backward()
    return {"y": y, "x.grad": x.grad, "w.grad": w.grad}


def custom_op_cross_entropy(x, target):
    # torchlet replays this with a defineCustomOp fused kernel (closed-form backward).
    x = leaf(x)
    loss = F.cross_entropy(x, target)
    loss.backward()
    return {"loss": loss, "x.grad": x.grad}


def grad_wrt_nonleaf_with_hook(x, w):
    x = leaf(x)
    h = x.sigmoid()
    h.register_hook(lambda g: g * 10)  # 1.13: grad() captures before hooks
    gh, gx = torch.autograd.grad((h * w).pow(2).sum(), [h, x])
    return {"gh": gh, "gx": gx}


# ---- in-place changes to saved tensors: PyTorch's version counters ----------------------------------

def inplace_saved_input_error(x, w):
    w = leaf(w)
    x = x.clone()
    y = w * x  # mul keeps x: w's gradient needs it
    x.add_(1)
    y.sum().backward()  # raises
    return {}


def inplace_view_of_saved_error(x, w):
    w = leaf(w)
    x = x.clone()
    y = w * x
    x[0:2].add_(1)  # a view shares its base's version counter
    y.sum().backward()  # raises
    return {}


def inplace_unsaved_step(x, w):
    w = leaf(w)
    y = w * x  # x needs no gradient: mul keeps x, not w
    with torch.no_grad():
        w.add_(1)  # an optimizer-like step before backward
    y.sum().backward()
    return {"w.grad": w.grad}


def inplace_saved_output_error(x, w):
    w = leaf(w)
    y = w.exp()  # exp keeps its output
    with torch.no_grad():
        y.mul_(2)
    y.sum().backward()  # raises
    return {}


def inplace_mm_weight_error(x, w):
    x, w = leaf(x), leaf(w)
    y = x.mm(w)
    with torch.no_grad():
        w.add_(1)  # x's gradient needs w
    y.sum().backward()  # raises
    return {}


class SavesSecond(torch.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(b)
        return a * b

    @staticmethod
    def backward(ctx, g):
        (b,) = ctx.saved_tensors
        return g * b, None


def custom_op_saved_inplace_error(x, w):
    w = leaf(w)
    x = x.clone()
    y = SavesSecond.apply(w, x)
    x.add_(1)
    y.sum().backward()  # raises
    return {}


def inplace_reduce_input_error(x, w):
    x = leaf(x)
    y = x.prod()  # prod keeps its input and result
    with torch.no_grad():
        x.mul_(2)
    y.backward()  # raises
    return {}


def inplace_max_dim_input_ok(x, w):
    x = leaf(x)
    y = x.max(1).values  # max(dim) keeps only the indices
    with torch.no_grad():
        x.add_(1)
    y.sum().backward()
    return {"x.grad": x.grad}


def inplace_scatter_add_index_ok(x, w):
    x = leaf(x)
    index = torch.tensor([[0, 1, 2, 0]])
    y = x.scatter_add(0, index, w)  # the index is needed only for src's gradient; w needs none
    index.fill_(1)
    y.sum().backward()
    return {"x.grad": x.grad}


def inplace_gather_input_error(x, w):
    x = leaf(x)
    y = x.gather(1, torch.tensor([[0, 2], [1, 1]]))  # gather keeps its input
    with torch.no_grad():
        x.mul_(2)
    y.sum().backward()  # raises
    return {}


# ---- views and in-place writes: CopySlices, regenerated view histories, the errors ----------------

def view_inplace_column(x, w):
    x, w = leaf(x), leaf(w)
    y = x * x + x
    v = y.select(1, 1)
    v.mul_(w)
    v.add_(0.5)
    ((y * y).sum() + v.sum()).backward()
    return {"y": y, "x.grad": x.grad, "w.grad": w.grad}


def view_inplace_view_of_view(x, w):
    x = leaf(x)
    y = x.exp() * 1  # exp's saved output is not the tensor written below
    y.t().narrow(0, 1, 2).mul_(2)
    y.pow(2).sum().backward()
    return {"y": y, "x.grad": x.grad}


def view_copy_fill_zero(x, s):
    x, s = leaf(x), leaf(s)
    y = x * 2
    y.narrow(0, 0, 1).copy_(s)  # s broadcast over the row
    y.select(1, 3).fill_(1.5)
    y.narrow(0, 2, 1).narrow(1, 0, 2).zero_()
    y.exp().sum().backward()
    return {"y": y, "x.grad": x.grad, "s.grad": s.grad}


def view_inplace_into_buffer(x, w):
    x = leaf(x)
    b = torch.zeros(2, 3, dtype=x.dtype)
    b.select(0, 1).add_(x)
    b.select(0, 0).copy_(x * 3)
    (b * b).sum().backward()
    return {"b": b, "x.grad": x.grad}


def view_stale_after_base_inplace(x, w):
    x = leaf(x)
    y = x * 2
    v = y.narrow(0, 0, 2)
    y.mul_(w)
    v.sum().backward()
    return {"v": v, "x.grad": x.grad}


def view_sibling_after_view_inplace(x, w):
    x = leaf(x)
    y = x * x + x
    a = y.narrow(0, 0, 3)
    b = y.narrow(0, 2, 3)  # overlaps a at element 2
    a.mul_(3)
    ((b * b).sum() + a.sum()).backward()
    return {"x.grad": x.grad}


def view_of_param_after_step(x, w):
    w = leaf(w)
    wt = w.t()
    with torch.no_grad():
        w.add_(1)
    (wt * x).sum().backward()
    return {"w.grad": w.grad}


def view_expand_after_base_inplace(x, w):
    x = leaf(x)
    y = x * 1
    e = y.unsqueeze(0).expand(3, 4)
    y.mul_(2)
    e.pow(2).sum().backward()
    return {"x.grad": x.grad}


def retain_grad_after_inplace(x, w):
    x = leaf(x)
    y = x * 2
    y.retain_grad()
    y.mul_(w)  # y's history moves to the new node: its retained gradient is d/d(new y)
    y.sum().backward()
    return {"y.grad": y.grad, "x.grad": x.grad}


def retain_grad_view_after_base_inplace(x, w):
    x = leaf(x)
    y = x * 2
    v = y.narrow(0, 0, 2)
    v.retain_grad()
    y.mul_(w)
    (v * v).sum().backward()
    return {"v.grad": v.grad, "x.grad": x.grad}


def retain_grad_view_inplace_unused(x, w):
    x = leaf(x)
    y = x * 2
    v = y.narrow(0, 0, 2)
    v.retain_grad()
    v.mul_(3)
    y.sum().backward()  # v's new history is not on this path: no retained gradient
    return {"v.grad": v.grad, "x.grad": x.grad}


def retain_grad_base_after_view_inplace(x, w):
    x = leaf(x)
    y = x * 2
    y.retain_grad()
    y[:2].mul_(w[:2])  # the base's retained gradient stays the old values' (only the view's hook moves)
    (y * y).sum().backward()
    return {"y.grad": y.grad, "x.grad": x.grad}


def view_of_leaf_inplace_error(x, w):
    x = leaf(x)
    x.narrow(0, 0, 1).add_(1)
    return {}


def view_made_leaf_inplace_error(x, w):
    b = torch.zeros(4, dtype=x.dtype)
    v = b[:2]
    v.requires_grad_()
    v.mul_(2)
    return {}


def view_before_base_requires_grad_inplace_error(x, w):
    b = torch.zeros(4, dtype=x.dtype)
    v = b[:2]
    b.requires_grad_()
    v.mul_(2)
    return {}


def view_split_output_inplace_error(x, w):
    y = leaf(x) * 1
    y.split(2)[1].mul_(2)
    return {}


def view_unbind_output_inplace_error(x, w):
    y = leaf(x) * 1
    y.unbind(1)[1].zero_()
    return {}


def view_no_grad_inplace_error(x, w):
    y = leaf(x) * 1
    with torch.no_grad():
        v = y.narrow(0, 0, 2)
    v.mul_(2)
    return {}


# ---- inputs ----------------------------------------------------------------------------------

def ties(dtype):
    return torch.tensor([[1.0, 3.0, 3.0, -2.0], [0.5, 0.5, -2.0, -2.0]], dtype=dtype)


def scenarios(dt):
    r = lambda *s: torch.randn(*s, dtype=dt)
    # scenarios added later draw from their own stream, so the earlier ones keep their inputs
    later = torch.Generator().manual_seed(SEED + (1 if dt == torch.float32 else 2))
    r2 = lambda *s: torch.randn(*s, dtype=dt, generator=later)
    return [
        ("accumulate_two_backward", accumulate_two_backward, {"x": r(3, 4), "w": r(3, 4)}),
        ("accumulate_broadcast", accumulate_broadcast, {"a": r(3, 1), "b": r(4)}),
        ("retain_graph_twice", retain_graph_twice, {"x": r(5), "w": r(5)}),
        ("retain_graph_error", retain_graph_error, {"x": r(3), "w": r(3)}),
        ("implicit_grad_error", implicit_grad_error, {"x": r(3), "w": r(3)}),
        ("double_backward_cube", double_backward_cube, {"x": r(4), "w": r(4)}),
        ("double_backward_cross_entropy_hvp", double_backward_cross_entropy_hvp,
         {"x": r(4, 5), "v": r(4, 5), "target": torch.tensor([0, 4, 2, 2])}),
        ("double_backward_gradient_penalty", double_backward_gradient_penalty,
         {"x": r(4, 3), "w": r(2, 3), "b": r(2)}),
        ("double_backward_softmax_var", double_backward_softmax_var, {"x": r(3, 4), "v": r(3, 4)}),
        ("double_backward_backward_create_graph", double_backward_backward_create_graph,
         {"x": r(6), "w": r(6)}),
        ("hook_leaf_scale", hook_leaf_scale, {"x": r(4), "w": r(4)}),
        ("hook_nonleaf_and_retain_grad", hook_nonleaf_and_retain_grad, {"x": r(4), "w": r(4)}),
        ("hook_before_retain_grad", hook_before_retain_grad, {"x": r(4), "w": r(4)}),
        ("grad_outputs_vjp", grad_outputs_vjp, {"x": r(2, 3), "w": r(3, 4), "v": r(2, 4)}),
        ("grad_several_outputs", grad_several_outputs, {"x": r(3, 2), "v1": r(3, 2), "v2": r(2)}),
        ("grad_allow_unused", grad_allow_unused, {"x": r(3), "w": r(3)}),
        ("grad_unused_error", grad_unused_error, {"x": r(3), "w": r(3)}),
        ("max_ties", max_ties, {"x": ties(dt), "w": r(1)}),
        ("max_dim_ties", max_dim_ties, {"x": ties(dt), "w": r(1)}),
        ("detach_and_no_grad", detach_and_no_grad, {"x": r(5), "w": r(5)}),
        ("inplace_on_clone", inplace_on_clone, {"x": r(2, 3), "w": r(3)}),
        ("custom_op_cross_entropy", custom_op_cross_entropy,
         {"x": r(4, 5) * 3, "target": torch.tensor([1, 0, 4, 4])}),
        ("grad_wrt_nonleaf_with_hook", grad_wrt_nonleaf_with_hook, {"x": r(4), "w": r(4)}),
        ("inplace_saved_input_error", inplace_saved_input_error, {"x": r2(3), "w": r2(3)}),
        ("inplace_view_of_saved_error", inplace_view_of_saved_error, {"x": r2(3), "w": r2(3)}),
        ("inplace_unsaved_step", inplace_unsaved_step, {"x": r2(3), "w": r2(3)}),
        ("inplace_saved_output_error", inplace_saved_output_error, {"x": r2(3), "w": r2(3)}),
        ("inplace_mm_weight_error", inplace_mm_weight_error, {"x": r2(2, 3), "w": r2(3, 4)}),
        ("custom_op_saved_inplace_error", custom_op_saved_inplace_error, {"x": r2(3), "w": r2(3)}),
        ("inplace_reduce_input_error", inplace_reduce_input_error, {"x": r2(2, 3), "w": r2(3)}),
        ("inplace_max_dim_input_ok", inplace_max_dim_input_ok, {"x": r2(3, 4), "w": r2(3)}),
        ("inplace_scatter_add_index_ok", inplace_scatter_add_index_ok, {"x": r2(3, 4), "w": r2(1, 4)}),
        ("inplace_gather_input_error", inplace_gather_input_error, {"x": r2(2, 3), "w": r2(3)}),
        ("view_inplace_column", view_inplace_column, {"x": r2(3, 4), "w": r2(3)}),
        ("view_inplace_view_of_view", view_inplace_view_of_view, {"x": r2(4, 3), "w": r2(1)}),
        ("view_copy_fill_zero", view_copy_fill_zero, {"x": r2(3, 4), "s": r2(4)}),
        ("view_inplace_into_buffer", view_inplace_into_buffer, {"x": r2(3), "w": r2(1)}),
        ("view_stale_after_base_inplace", view_stale_after_base_inplace, {"x": r2(4), "w": r2(4)}),
        ("view_sibling_after_view_inplace", view_sibling_after_view_inplace, {"x": r2(5), "w": r2(1)}),
        ("view_of_param_after_step", view_of_param_after_step, {"x": r2(3, 2), "w": r2(2, 3)}),
        ("view_expand_after_base_inplace", view_expand_after_base_inplace, {"x": r2(4), "w": r2(1)}),
        ("retain_grad_after_inplace", retain_grad_after_inplace, {"x": r2(4), "w": r2(4)}),
        ("retain_grad_view_after_base_inplace", retain_grad_view_after_base_inplace, {"x": r2(4), "w": r2(4)}),
        ("retain_grad_view_inplace_unused", retain_grad_view_inplace_unused, {"x": r2(4), "w": r2(1)}),
        ("retain_grad_base_after_view_inplace", retain_grad_base_after_view_inplace, {"x": r2(4), "w": r2(4)}),
        ("view_of_leaf_inplace_error", view_of_leaf_inplace_error, {"x": r2(3), "w": r2(1)}),
        ("view_made_leaf_inplace_error", view_made_leaf_inplace_error, {"x": r2(1), "w": r2(1)}),
        ("view_before_base_requires_grad_inplace_error", view_before_base_requires_grad_inplace_error, {"x": r2(1), "w": r2(1)}),
        ("view_split_output_inplace_error", view_split_output_inplace_error, {"x": r2(4, 2), "w": r2(1)}),
        ("view_unbind_output_inplace_error", view_unbind_output_inplace_error, {"x": r2(4, 2), "w": r2(1)}),
        ("view_no_grad_inplace_error", view_no_grad_inplace_error, {"x": r2(4), "w": r2(1)}),
    ]


def generate():
    # backward(create_graph=True) warns about a parameter <-> grad reference cycle; expected here.
    warnings.filterwarnings("ignore", message="Using backward\\(\\) with create_graph=True")
    torch.manual_seed(SEED)
    cases = []
    for name, dt in DTYPES.items():
        for scenario, fn, inputs in scenarios(dt):
            case = {"id": f"{scenario}/{name}", "scenario": scenario, "dtype": name}
            case.update(tol(name))
            case["inputs"] = {k: enc(v) for k, v in inputs.items()}
            try:
                out = fn(**{k: v.clone() for k, v in inputs.items()})
            except RuntimeError as e:
                case["error"] = f"RuntimeError: {str(e).strip().splitlines()[0]}"[:300]
                cases.append(case)
                continue
            if scenario.endswith("_error"):
                raise AssertionError(f"{scenario}: expected PyTorch to raise")
            case["expected"] = {k: enc(v) for k, v in out.items()}
            cases.append(case)
    write_fixture("autograd", "behaviours", __file__, SEED, cases)
