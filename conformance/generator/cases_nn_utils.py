"""Fixtures for @torchlet/nn-layers' nn.utils (conformance/test/nn-layers/utils.test.ts).

Writes fixtures/nn-layers/utils.json:
  clip_grad_norm   {"kind": "clip_grad_norm", "single": bool, "grads": [enc | null], "max_norm",
                   "norm_type" (a number, "inf"/"-inf", or the string "inf" passed as such:
                   "norm_type_string"), "error_if_nonfinite", "total", "grads_after", "error"?}:
                   torch.nn.utils.clip_grad_norm_ (PyTorch 1.13) on parameters holding the given
                   gradients (null: no gradient); "single" passes one tensor instead of a list.
  clip_grad_value  {"kind": "clip_grad_value", "grads", "clip_value", "grads_after"}
  to_vector        {"kind": "to_vector", "params": [enc], "output", "grad_output", "grads"}:
                   parameters_to_vector and the parameters' gradients for an upstream gradient.
  from_vector      {"kind": "from_vector", "vec", "params": [enc], "params_after" | "error"}:
                   vector_to_parameters (values compared; torchlet keeps each parameter's dtype).

Run: /usr/bin/python3.11 generator/generate.py cases_nn_utils
"""
import torch
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters

from common import DTYPES, enc, enc_number, tol, write_fixture

SEED = 20261218

SHAPES = [(3, 4), (5,), (2, 2, 3)]


def params_with(grads):
    ps = []
    for g in grads:
        p = torch.zeros(g.shape if g is not None else (2,), dtype=g.dtype if g is not None else torch.float32, requires_grad=True)
        p.grad = None if g is None else g.clone()
        ps.append(p)
    return ps


def clip_norm_case(cid, dt, grads, max_norm, norm_type, error_if_nonfinite=False, single=False, as_string=False, loosen=None):
    ps = params_with(grads)
    arg = ps[0] if single else ps
    nt = ("inf" if norm_type == float("inf") else "-inf") if as_string else norm_type
    case = {"id": f"clip_grad_norm_/{cid}/{dt}", "kind": "clip_grad_norm", "dtype": dt,
            **(tol(dt, **loosen) if loosen and dt == "float32" else tol(dt)),
            "single": single, "grads": [enc(g) for g in grads], "max_norm": enc_number(float(max_norm)),
            "norm_type": enc_number(float(norm_type)), "norm_type_string": as_string,
            "error_if_nonfinite": error_if_nonfinite}
    try:
        total = clip_grad_norm_(arg, max_norm, nt, error_if_nonfinite)
    except RuntimeError as e:
        case["error"] = f"RuntimeError: {e}"
        return case
    case["total"] = enc(total)
    case["grads_after"] = [enc(p.grad) for p in ps]
    return case


def rand_grads(gen, dtype, shapes=SHAPES, scale=1.0):
    return [(torch.randn(s, generator=gen, dtype=torch.float64) * scale).to(dtype) for s in shapes]


def clip_norm_cases(gen):
    cases = []
    for dt in ("float32", "float64"):
        d = DTYPES[dt]
        for nt in (2.0, 1.0, 0.0, 3.0, 0.5, -1.0, float("inf"), float("-inf")):
            name = {float("inf"): "inf", float("-inf"): "-inf"}.get(nt, f"p{nt:g}")
            cases.append(clip_norm_case(f"{name}/clipped", dt, rand_grads(gen, d), 0.7, nt))
            cases.append(clip_norm_case(f"{name}/below-max", dt, rand_grads(gen, d, scale=0.01), 1e3, nt))
        cases.append(clip_norm_case("inf-string", dt, rand_grads(gen, d), 0.5, float("inf"), as_string=True))
        cases.append(clip_norm_case("-inf-string", dt, rand_grads(gen, d), 0.01, float("-inf"), as_string=True))
        cases.append(clip_norm_case("single-tensor", dt, rand_grads(gen, d, [(4, 3)]), 0.5, 2.0, single=True))
        cases.append(clip_norm_case("single-grad-inf", dt, rand_grads(gen, d, [(6,)]), 0.5, float("inf")))
        cases.append(clip_norm_case("some-without-grad", dt, [rand_grads(gen, d, [(3,)])[0], None, rand_grads(gen, d, [(2, 2)])[0]], 1.0, 2.0))
        cases.append(clip_norm_case("none-with-grad", dt, [None, None], 1.0, 2.0))
        cases.append(clip_norm_case("empty", dt, [], 1.0, 2.0))
        cases.append(clip_norm_case("max-norm-zero", dt, rand_grads(gen, d), 0.0, 2.0))
        cases.append(clip_norm_case("max-norm-negative", dt, rand_grads(gen, d), -0.5, 2.0))
        cases.append(clip_norm_case("int-max-norm", dt, rand_grads(gen, d), 1, 1.0))
        cases.append(clip_norm_case("with-zero-grads", dt, [torch.zeros(3, dtype=d)] + rand_grads(gen, d, [(2,)]), 0.1, 0.0))
        cases.append(clip_norm_case("large-values", dt, rand_grads(gen, d, scale=1e3), 1.0, 2.0))
        nonfinite = [torch.tensor([1.0, float("inf"), -2.0], dtype=d), torch.tensor([0.5], dtype=d)]
        with_nan = [torch.tensor([1.0, float("nan")], dtype=d)]
        cases.append(clip_norm_case("inf-grad", dt, nonfinite, 1.0, 2.0))
        cases.append(clip_norm_case("inf-grad-error", dt, nonfinite, 1.0, 2.0, error_if_nonfinite=True))
        cases.append(clip_norm_case("nan-grad", dt, with_nan, 1.0, 2.0))
        cases.append(clip_norm_case("nan-grad-error", dt, with_nan, 1.0, 2.0, error_if_nonfinite=True))
        cases.append(clip_norm_case("nan-grad-inf-norm-error", dt, with_nan, 1.0, float("inf"), error_if_nonfinite=True))
        cases.append(clip_norm_case("finite-error-flag", dt, rand_grads(gen, d), 0.3, 2.0, error_if_nonfinite=True))
    # float32 and float64 gradients together: the per-gradient norms are stacked with type promotion
    cases.append(clip_norm_case("mixed-dtypes", "float32", rand_grads(gen, torch.float32, [(3,)]) + rand_grads(gen, torch.float64, [(2, 2)]), 0.5, 2.0))
    cases.append(clip_norm_case("mixed-dtypes-inf", "float32", rand_grads(gen, torch.float64, [(3,)]) + rand_grads(gen, torch.float32, [(4,)]), 0.5, float("inf")))
    return cases


def clip_value_cases(gen):
    cases = []
    for dt in ("float32", "float64"):
        d = DTYPES[dt]
        for cid, v in (("one", 1.0), ("half", 0.5), ("zero", 0.0), ("negative", -0.3), ("int", 2)):
            grads = rand_grads(gen, d) + [None]
            ps = params_with(grads)
            clip_grad_value_(ps, v)
            cases.append({"id": f"clip_grad_value_/{cid}/{dt}", "kind": "clip_grad_value", "dtype": dt, **tol(dt),
                          "grads": [enc(g) for g in grads], "clip_value": v, "grads_after": [enc(p.grad) for p in ps]})
    return cases


def vector_cases(gen):
    cases = []
    for dt in ("float32", "float64"):
        d = DTYPES[dt]
        params = [torch.randn(s, generator=gen, dtype=torch.float64).to(d).requires_grad_(True) for s in SHAPES]
        v = parameters_to_vector(params)
        gv = torch.randn(v.shape, generator=gen, dtype=torch.float64).to(d)
        v.backward(gv)
        cases.append({"id": f"parameters_to_vector/{dt}", "kind": "to_vector", "dtype": dt, **tol(dt),
                      "params": [enc(p) for p in params], "output": enc(v), "grad_output": enc(gv),
                      "grads": [enc(p.grad) for p in params]})
        n = sum(p.numel() for p in params)
        for cid, vec in (("exact", torch.randn(n, generator=gen, dtype=torch.float64).to(d)),
                         ("longer", torch.randn(n + 3, generator=gen, dtype=torch.float64).to(d)),
                         ("column", torch.randn(n, 1, generator=gen, dtype=torch.float64).to(d)),
                         ("too-short", torch.randn(n - 1, generator=gen, dtype=torch.float64).to(d)),
                         ("2d", torch.randn(2, n, generator=gen, dtype=torch.float64).to(d))):
            ps = [torch.zeros(s, dtype=d, requires_grad=True) for s in SHAPES]
            case = {"id": f"vector_to_parameters/{cid}/{dt}", "kind": "from_vector", "dtype": dt, **tol(dt),
                    "vec": enc(vec), "params": [enc(p) for p in ps]}
            try:
                vector_to_parameters(vec, ps)
                case["params_after"] = [enc(p) for p in ps]
            except RuntimeError as e:
                case["error"] = f"RuntimeError: {e}"
            cases.append(case)
    # mixed dtypes: cat promotes to float64
    params = [torch.randn(3, generator=gen).requires_grad_(True), torch.randn(2, 2, generator=gen, dtype=torch.float64).requires_grad_(True)]
    v = parameters_to_vector(params)
    gv = torch.randn(v.shape, generator=gen, dtype=torch.float64)
    v.backward(gv)
    cases.append({"id": "parameters_to_vector/mixed-dtypes", "kind": "to_vector", "dtype": "float32", **tol("float32"),
                  "params": [enc(p) for p in params], "output": enc(v), "grad_output": enc(gv), "grads": [enc(p.grad) for p in params]})
    return cases


def generate():
    gen = torch.Generator().manual_seed(SEED)
    write_fixture("nn-layers", "utils", __file__, SEED, clip_norm_cases(gen) + clip_value_cases(gen) + vector_cases(gen))
