"""Fixtures for @torchlet/nn-layers' padding (conformance/test/nn-layers/padding.test.ts).

Writes fixtures/nn-layers/padding.json (its own file, so layers.json stays as it is):
  F.pad cases   {"id", "kind": "pad", "dtype", "rtol", "atol", "pad", "mode", "value", "input", "output",
                 "grad_output", "grad_input"}: every mode on the input ranks PyTorch supports, negative
                 padding, float32 and float64, the input gradient for a random upstream gradient.
  error cases   {"id", "kind": "pad_error", "dtype", "shape", "pad", "mode", "value", "error"}: inputs
                 F.pad rejects, with PyTorch's message (torchlet must throw a TorchletError).
  layer cases   {"kind": "layer", ...} Conv1d / Conv2d with each padding_mode, in layers.json's layer
                 format (state, input, output, grad_output, grad_input, grads) plus the module's "repr".

Run: /usr/bin/python3.11 generator/generate.py cases_nn_padding
"""
import torch
import torch.nn.functional as F

from cases_nn import layer_case, make_module
from common import DTYPES, enc, enc_number, tol, write_fixture

SEED = 20261205

# (id, input shape, pad, mode, value); value None = not passed.
PAD_SPECS = [
    ("constant/1d", (5,), (2, 1), "constant", None),
    ("constant/2d-value", (3, 4), (1, 2), "constant", 1.5),
    ("constant/3d-two-dims", (2, 3, 4), (1, 2, 0, 1), "constant", -2.0),
    ("constant/4d-three-dims", (2, 2, 3, 4), (1, 1, 2, 0, 1, 1), "constant", None),
    ("constant/5d-four-dims", (1, 2, 2, 3, 2), (1, 0, 0, 1, 1, 1, 0, 2), "constant", 0.25),
    ("constant/negative-mixed", (2, 3, 5), (-1, 2, 1, -2), "constant", None),
    ("constant/negative-only", (2, 3, 5), (-1, -2), "constant", None),
    ("constant/negative-to-empty", (2, 3, 4), (-2, -2), "constant", None),
    ("constant/crop-all-then-fill", (2, 3, 4), (-4, 2), "constant", 3.0),
    ("constant/neg-inf-value", (2, 3), (1, 1, 1, 0), "constant", float("-inf")),
    ("constant/empty-pad", (2, 3), (), "constant", None),
    ("constant/zero-pad", (2, 3), (0, 0), "constant", None),
    ("constant/empty-batch", (0, 2, 3), (1, 1), "constant", None),
    ("reflect/1d-unbatched", (3, 5), (2, 3), "reflect", None),
    ("reflect/1d-max", (2, 3, 5), (4, 1), "reflect", None),
    ("reflect/1d-negative", (2, 2, 6), (-2, 3), "reflect", None),
    ("reflect/1d-negative-beyond-crop", (1, 2, 4), (-2, 2), "reflect", None),
    ("reflect/1d-value-zero", (2, 2, 4), (1, 1), "reflect", 0.0),
    ("reflect/2d-unbatched", (2, 3, 4), (1, 2, 2, 0), "reflect", None),
    ("reflect/2d", (2, 2, 4, 5), (2, 1, 3, 3), "reflect", None),
    ("reflect/2d-negative", (2, 2, 4, 5), (-1, 3, 2, -1), "reflect", None),
    ("reflect/3d", (1, 2, 3, 4, 5), (1, 2, 2, 0, 1, 1), "reflect", None),
    ("reflect/3d-unbatched", (2, 3, 4, 5), (1, 1, 2, 2, 2, 1), "reflect", None),
    ("reflect/empty-batch", (0, 2, 5), (1, 2), "reflect", None),
    ("replicate/1d-unbatched", (3, 4), (2, 1), "replicate", None),
    ("replicate/1d-wide", (2, 3, 4), (6, 3), "replicate", None),
    ("replicate/1d-negative", (2, 2, 6), (-3, 2), "replicate", None),
    ("replicate/2d", (2, 2, 3, 4), (5, 0, 1, 4), "replicate", None),
    ("replicate/2d-unbatched", (2, 3, 4), (1, 1, 2, 2), "replicate", None),
    ("replicate/2d-negative", (1, 2, 4, 5), (2, -2, -1, 3), "replicate", None),
    ("replicate/3d", (1, 2, 3, 2, 4), (2, 1, 0, 3, 1, 2), "replicate", None),
    ("replicate/3d-unbatched", (2, 2, 3, 2), (1, 0, 1, 1, 0, 2), "replicate", None),
    ("circular/1d", (2, 3, 5), (2, 5), "circular", None),
    ("circular/1d-negative", (1, 2, 4), (-1, 2), "circular", None),
    ("circular/1d-negative-right", (1, 2, 4), (2, -1), "circular", None),
    ("circular/1d-negative-to-empty", (1, 2, 4), (-2, -2), "circular", None),
    ("circular/2d", (2, 2, 4, 5), (2, 3, 4, 1), "circular", None),
    ("circular/2d-negative", (2, 2, 4, 5), (-1, 2, 1, -2), "circular", None),
    ("circular/3d", (1, 2, 3, 4, 5), (1, 2, 3, 0, 1, 2), "circular", None),
    ("circular/empty-batch", (0, 2, 3), (1, 2), "circular", None),
]

# (id, input shape, dtype, pad, mode, value): inputs PyTorch 1.13 rejects.
ERROR_SPECS = [
    ("odd-length", (1, 2, 4), "float32", (1,), "constant", None),
    ("odd-length-reflect", (1, 2, 4), "float32", (1, 1, 1), "reflect", None),
    ("too-long", (2, 4), "float32", (1, 1, 1, 1, 1, 1), "constant", None),
    ("too-long-reflect", (4,), "float32", (1, 1, 1, 1), "reflect", None),
    ("unknown-mode", (1, 2, 4), "float32", (1, 1), "wrap", None),
    ("reflect-with-value", (1, 2, 4), "float32", (1, 1), "reflect", 1.0),
    ("replicate-with-value", (1, 2, 4), "float32", (1, 1), "replicate", -1.0),
    ("reflect-pad-equal-size", (1, 2, 4), "float32", (4, 1), "reflect", None),
    ("reflect-pad-too-large-2d", (1, 1, 3, 4), "float64", (1, 1, 0, 3), "reflect", None),
    ("reflect-pad-too-large-3d", (1, 1, 1, 3, 4), "float32", (0, 0, 0, 0, 1, 0), "reflect", None),
    ("reflect-1d-input", (4,), "float32", (1, 1), "reflect", None),
    ("reflect-2-pairs-on-2d", (2, 4), "float32", (1, 1, 1, 1), "reflect", None),
    ("replicate-1-pair-on-4d", (1, 2, 3, 4), "float32", (1, 1), "replicate", None),
    ("circular-6d", (1, 1, 1, 2, 3, 4), "float32", (1, 1, 1, 1, 1, 1), "circular", None),
    ("circular-unbatched", (2, 5), "float32", (1, 1), "circular", None),
    ("circular-unbatched-2d", (2, 4, 5), "float32", (1, 1, 1, 1), "circular", None),
    ("circular-wraps-twice", (1, 2, 4), "float32", (5, 1), "circular", None),
    ("circular-negative-size", (1, 2, 4), "float32", (-3, -2), "circular", None),
    ("reflect-int64", (1, 2, 4), "int64", (1, 1), "reflect", None),
    ("replicate-int64", (1, 2, 4), "int64", (1, 1), "replicate", None),
    ("reflect-empty-channels", (2, 0, 4), "float32", (1, 1), "reflect", None),
    ("replicate-empty-length", (2, 2, 0), "float32", (1, 1), "replicate", None),
    ("reflect-negative-to-empty", (1, 2, 4), "float32", (-2, -2), "reflect", None),
    ("replicate-negative-to-empty", (1, 2, 4), "float32", (-2, -2), "replicate", None),
    ("constant-crop-too-much", (1, 2, 4), "float32", (-5, 1), "constant", None),
    ("constant-crop-too-much-right", (1, 2, 4), "float32", (1, -5), "constant", None),
    ("constant-empty-with-fill", (1, 2, 4), "float32", (-2, -2, 1, 0), "constant", None),
]


def call_pad(x, pad, mode, value):
    return F.pad(x, pad, mode=mode) if value is None else F.pad(x, pad, mode=mode, value=value)


def pad_cases(gen):
    cases = []
    for cid, shape, pad, mode, value in PAD_SPECS:
        for dt in ("float32", "float64"):
            dtype = DTYPES[dt]
            x = torch.randn(shape, generator=gen, dtype=torch.float64).to(dtype).requires_grad_(True)
            y = call_pad(x, pad, mode, value)
            gy = torch.randn(y.shape, generator=gen, dtype=torch.float64).to(dtype)
            y.backward(gy)
            cases.append({
                "id": f"F.pad/{cid}/{dt}", "kind": "pad", "dtype": dt, **tol(dt),
                "pad": list(pad), "mode": mode, "value": None if value is None else enc_number(value),
                "input": enc(x), "output": enc(y), "grad_output": enc(gy), "grad_input": enc(x.grad),
            })
    for cid, shape, dt, pad, mode, value in ERROR_SPECS:
        x = torch.zeros(shape, dtype=DTYPES[dt])
        try:
            call_pad(x, pad, mode, value)
        except (RuntimeError, ValueError, NotImplementedError, IndexError) as e:
            message = f"{type(e).__name__}: {e}"
        else:
            raise AssertionError(f"F.pad accepted error case {cid}")
        cases.append({"id": f"F.pad/error/{cid}", "kind": "pad_error", "dtype": dt, "rtol": 0, "atol": 0,
                      "shape": list(shape), "pad": list(pad), "mode": mode, "value": value, "error": message})
    return cases


# (id, layer, args, options, input shape) for Conv1d / Conv2d with each padding_mode.
CONV_SPECS = [
    ("Conv1d/zeros", "Conv1d", [2, 3, 3], {"padding": 2, "paddingMode": "zeros"}, (2, 2, 7)),
    ("Conv1d/reflect", "Conv1d", [2, 3, 3], {"padding": 2, "paddingMode": "reflect"}, (2, 2, 7)),
    ("Conv1d/replicate", "Conv1d", [2, 3, 3], {"padding": 2, "paddingMode": "replicate"}, (2, 2, 7)),
    ("Conv1d/circular", "Conv1d", [2, 3, 3], {"padding": 2, "paddingMode": "circular"}, (2, 2, 7)),
    ("Conv1d/reflect-stride-dilation", "Conv1d", [3, 4, 3], {"padding": 3, "stride": 2, "dilation": 2, "paddingMode": "reflect"}, (2, 3, 9)),
    ("Conv1d/replicate-same-even-kernel", "Conv1d", [2, 2, 4], {"padding": "same", "dilation": 2, "paddingMode": "replicate"}, (2, 2, 9)),
    ("Conv1d/circular-groups-nobias", "Conv1d", [4, 6, 3], {"padding": 1, "groups": 2, "bias": False, "paddingMode": "circular"}, (2, 4, 6)),
    ("Conv1d/circular-valid", "Conv1d", [2, 3, 3], {"padding": "valid", "paddingMode": "circular"}, (2, 2, 6)),
    ("Conv1d/reflect-unbatched", "Conv1d", [2, 3, 3], {"padding": 1, "paddingMode": "reflect"}, (2, 6)),
    ("Conv1d/replicate-unbatched", "Conv1d", [2, 3, 2], {"padding": 3, "paddingMode": "replicate"}, (2, 5)),
    ("Conv2d/zeros", "Conv2d", [2, 3, 3], {"padding": 1, "paddingMode": "zeros"}, (2, 2, 5, 6)),
    ("Conv2d/reflect", "Conv2d", [2, 3, 3], {"padding": [1, 2], "paddingMode": "reflect"}, (2, 2, 5, 6)),
    ("Conv2d/replicate", "Conv2d", [2, 3, 3], {"padding": [2, 1], "paddingMode": "replicate"}, (2, 2, 5, 6)),
    ("Conv2d/circular", "Conv2d", [2, 3, 3], {"padding": [1, 2], "paddingMode": "circular"}, (2, 2, 5, 6)),
    ("Conv2d/reflect-same", "Conv2d", [2, 3, [4, 3]], {"padding": "same", "paddingMode": "reflect"}, (1, 2, 6, 6)),
    ("Conv2d/replicate-stride-nobias", "Conv2d", [3, 2, 3], {"padding": 2, "stride": 2, "bias": False, "paddingMode": "replicate"}, (2, 3, 7, 6)),
    ("Conv2d/circular-dilation-groups", "Conv2d", [4, 4, 3], {"padding": [2, 1], "dilation": [2, 1], "groups": 2, "paddingMode": "circular"}, (1, 4, 6, 5)),
    ("Conv2d/circular-same", "Conv2d", [2, 2, [2, 3]], {"padding": "same", "paddingMode": "circular"}, (2, 2, 4, 5)),
    ("Conv2d/reflect-unbatched", "Conv2d", [2, 3, 3], {"padding": 1, "paddingMode": "reflect"}, (2, 4, 5)),
    ("Conv2d/replicate-unbatched", "Conv2d", [2, 2, 2], {"padding": [1, 3], "paddingMode": "replicate"}, (2, 3, 3)),
]


def conv_cases(gen):
    cases = []
    for cid, layer, args, options, shape in CONV_SPECS:
        for dt in ("float32", "float64"):
            case = layer_case(cid, layer, args, options, shape, dt, gen)
            case["kind"] = "layer"
            case["repr"] = repr(make_module(layer, args, options))
            cases.append(case)
    return cases


def generate():
    gen = torch.Generator().manual_seed(SEED)
    write_fixture("nn-layers", "padding", __file__, SEED, pad_cases(gen) + conv_cases(gen))
