"""nn.ConvTranspose2d and F.conv_transpose2d (PyTorch 1.13): outputs and the gradients of input, weight
and bias with stride, padding, output_padding, groups, dilation, no bias, unbatched input and the
module's output_size argument, float32 and float64; the default state after torch.manual_seed; the
module's repr; and the calls PyTorch rejects. Its own file and seed, so the other fixtures stay as they are.

Writes fixtures/nn-layers/conv_transpose.json:
  functional {"kind": "functional", "options", "input", "weight", "bias"?, "output", "grad_output",
              "grad_input", "grad_weight", "grad_bias"?}
  layer      {"kind": "layer", "args", "options", "output_size"?, "state", "input", "output", "grad_output",
              "grad_input", "grads", "repr"}
  init       {"kind": "init", "args", "options", "seed", "state"}
  error      {"kind": "error", "fn": "F" | "module", "args", "options", "output_size"?, "input", "weight"?, "bias"?, "error"}
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc, tol, write_fixture

SEED = 20261211

SNAKE = {"outputPadding": "output_padding", "paddingMode": "padding_mode"}


def kw(options):
    return {SNAKE.get(k, k): (tuple(v) if isinstance(v, list) else v) for k, v in options.items()}


# (id, in, out, kernel, options (camelCase), input shape, output_size)
LAYERS = [
    ("default", 3, 2, 3, {}, (2, 3, 4, 5), None),
    ("stride2", 2, 4, 3, {"stride": 2}, (2, 2, 3, 3), None),
    ("stride2-pad1-outpad1", 2, 3, 3, {"stride": 2, "padding": 1, "outputPadding": 1}, (1, 2, 4, 3), None),
    ("rect-kernel-stride", 3, 2, [2, 3], {"stride": [2, 1], "padding": [0, 1]}, (2, 3, 3, 4), None),
    ("dilation", 2, 2, 3, {"dilation": 2, "padding": 1}, (1, 2, 4, 4), None),
    ("outpad-below-dilation", 2, 2, 2, {"dilation": 3, "outputPadding": 2}, (1, 2, 3, 3), None),
    ("groups2", 4, 6, 3, {"groups": 2, "stride": 2, "padding": 1}, (2, 4, 3, 3), None),
    ("groups-depthwise", 3, 3, 2, {"groups": 3, "stride": 2}, (1, 3, 3, 2), None),
    ("no-bias", 3, 4, 2, {"bias": False, "stride": 3, "padding": 1, "outputPadding": 2}, (2, 3, 2, 3), None),
    ("unbatched", 2, 3, 3, {"stride": 2}, (2, 3, 3), None),
    ("output-size", 2, 3, 3, {"stride": 2, "padding": 1}, (2, 2, 3, 4), [6, 7]),
    ("output-size-4", 2, 2, 3, {"stride": 3}, (1, 2, 2, 2), [1, 2, 8, 6]),
    ("output-size-unbatched", 2, 2, 3, {"stride": 2}, (2, 3, 3), [8, 7]),
    ("1x1", 4, 2, 1, {}, (2, 4, 3, 3), None),
]

FUNCTIONAL = [
    ("plain", (2, 3, 4, 4), (3, 2, 3, 3), True, {}),
    ("all-options", (2, 4, 3, 5), (4, 3, 3, 2), True, {"stride": [2, 3], "padding": [1, 0], "outputPadding": [1, 2], "groups": 2, "dilation": [1, 2]}),
    ("no-bias-unbatched", (3, 4, 4), (3, 2, 2, 2), False, {"stride": 2}),
    ("scalar-options", (1, 2, 5, 5), (2, 4, 3, 3), True, {"stride": 2, "padding": 2, "outputPadding": 1, "dilation": 2}),
]


def layer_cases(gen):
    out = []
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for cid, cin, cout, k, options, shape, output_size in LAYERS:
            m = nn.ConvTranspose2d(cin, cout, tuple(k) if isinstance(k, list) else k, **kw(options)).to(dt)
            with torch.no_grad():
                for p in m.parameters():
                    p.copy_(torch.randn(p.shape, generator=gen, dtype=torch.float64) * 0.5)
            state = {n: enc(v) for n, v in m.state_dict().items()}
            x = torch.randn(shape, generator=gen, dtype=torch.float64).to(dt).requires_grad_(True)
            y = m(x, output_size=output_size)
            gy = torch.randn(y.shape, generator=gen, dtype=torch.float64).to(dt)
            y.backward(gy)
            out.append({
                "id": f"layer/{cid}/{dtype}", "kind": "layer", "dtype": dtype, **tol(dtype),
                "args": [cin, cout, k], "options": options, "output_size": output_size, "state": state,
                "input": enc(x), "output": enc(y), "grad_output": enc(gy), "grad_input": enc(x.grad),
                "grads": {n: enc(p.grad) for n, p in m.named_parameters()}, "repr": repr(m),
            })
    return out


def functional_cases(gen):
    out = []
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for cid, xs, ws, has_bias, options in FUNCTIONAL:
            r = lambda *s: torch.randn(*s, generator=gen, dtype=torch.float64).to(dt).requires_grad_(True)
            x, w = r(*xs), r(*ws)
            groups = options.get("groups", 1)
            b = r(ws[1] * groups) if has_bias else None
            y = F.conv_transpose2d(x, w, b, **kw(options))
            gy = torch.randn(y.shape, generator=gen, dtype=torch.float64).to(dt)
            y.backward(gy)
            out.append({
                "id": f"functional/{cid}/{dtype}", "kind": "functional", "dtype": dtype, **tol(dtype),
                "options": options, "input": enc(x), "weight": enc(w), "bias": enc(b),
                "output": enc(y), "grad_output": enc(gy), "grad_input": enc(x.grad), "grad_weight": enc(w.grad),
                "grad_bias": enc(b.grad) if b is not None else None, "grad_fn": type(y.grad_fn).__name__,
            })
    return out


def init_cases():
    out = []
    for cid, args, options, seed in [
        ("default", [3, 2, 3], {}, 0),
        ("groups-rect", [4, 6, [2, 3]], {"groups": 2, "stride": 2}, 7),
        ("no-bias", [2, 5, 4], {"bias": False}, 123),
    ]:
        torch.manual_seed(seed)
        m = nn.ConvTranspose2d(*[tuple(a) if isinstance(a, list) else a for a in args], **kw(options))
        out.append({
            "id": f"init/{cid}", "kind": "init", "dtype": "float32", **tol("float32"),
            "args": args, "options": options, "seed": seed, "state": {n: enc(v) for n, v in m.state_dict().items()},
        })
    return out


def error_cases(gen):
    x = torch.randn(1, 4, 3, 3, generator=gen)
    w = torch.randn(4, 2, 3, 3, generator=gen)
    specs = [
        ("F/output-padding-not-below-stride", "F", x, w, None, {"stride": 2, "outputPadding": 2}, None, None),
        ("F/channels", "F", torch.randn(1, 5, 3, 3, generator=gen), w, None, {}, None, None),
        ("F/weight-3d", "F", x, w[0], None, {}, None, None),
        ("F/output-too-small", "F", torch.randn(1, 4, 1, 1, generator=gen), w, None, {"padding": 2}, None, None),
        ("F/bias-size", "F", x, w, torch.randn(3, generator=gen), {}, None, None),
        ("F/groups-not-dividing", "F", x, w, None, {"groups": 3}, None, None),
        ("F/negative-padding", "F", x, w, None, {"padding": -1}, None, None),
        ("F/zero-stride", "F", x, w, None, {"stride": 0}, None, None),
        ("F/input-5d", "F", x[None], w, None, {}, None, None),
        ("F/dtype", "F", x.double(), w, None, {}, None, None),
        ("module/padding-mode", "module", x, None, None, {"paddingMode": "reflect"}, [4, 2, 3], None),
        ("module/out-channels-groups", "module", x, None, None, {"groups": 2}, [4, 3, 3], None),
        ("module/in-channels-groups", "module", x, None, None, {"groups": 2}, [3, 4, 3], None),
        ("module/output-size-range", "module", x, None, None, {"stride": 2}, [4, 2, 3], [9, 8]),
        ("module/output-size-length", "module", x, None, None, {"stride": 2}, [4, 2, 3], [8]),
        ("module/output-padding", "module", x, None, None, {"stride": 2, "outputPadding": 2}, [4, 2, 3], None),
    ]
    out = []
    for cid, fn, xi, wi, bi, options, args, output_size in specs:
        try:
            if fn == "F":
                F.conv_transpose2d(xi, wi, bi, **kw(options))
            else:
                nn.ConvTranspose2d(*args, **kw(options))(xi, output_size=output_size)
        except (RuntimeError, ValueError) as e:
            message = str(e).split("\n")[0]
        else:
            raise AssertionError(f"{cid}: PyTorch did not raise")
        out.append({
            "id": f"error/{cid}", "kind": "error", "dtype": str(xi.dtype).replace("torch.", ""), "rtol": 0, "atol": 0,
            "fn": fn, "args": args, "options": options, "output_size": output_size,
            "input": enc(xi), "weight": enc(wi), "bias": enc(bi), "error": message,
        })
    return out


def generate():
    gen = torch.Generator().manual_seed(SEED)
    cases = functional_cases(gen) + layer_cases(gen) + init_cases() + error_cases(gen)
    write_fixture("nn-layers", "conv_transpose", __file__, SEED, cases)
