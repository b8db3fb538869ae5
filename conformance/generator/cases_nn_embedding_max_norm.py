"""nn.Embedding's max_norm (F.embedding's max_norm / norm_type): the rows an input references are
renormalised in place to norm <= max_norm before the lookup (torch.embedding_renorm_).

Each case records the weight before, the indices, the output, the weight after the renorm, and the
weight's gradient for an upstream gradient. Kept apart so that cases_nn*.py's random streams and
fixtures stay unchanged.
"""
import torch
import torch.nn.functional as F

from common import enc, tol, write_fixture

SEED = 20261207


def cases():
    gen = torch.Generator().manual_seed(SEED)
    out = []
    configs = [
        ("2-norm", [[0, 2, 4], [4, 3, 0]], 1.0, 2.0, None),
        ("1-norm", [1, 1, 5, 2], 1.5, 1.0, None),
        ("3-norm-padding", [[0, 6], [2, 6]], 0.8, 3.0, 6),
        ("large-max-norm-no-change", [3, 1], 100.0, 2.0, None),
        ("repeated-indices", [2, 2, 2, 0], 0.5, 2.0, None),
    ]
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for name, idx, max_norm, norm_type, padding in configs:
            weight = (torch.randn(7, 5, generator=gen, dtype=torch.float64) * 2).to(dt)
            before = weight.clone()
            w = weight.clone().requires_grad_(True)
            indices = torch.tensor(idx)
            output = F.embedding(indices, w, padding_idx=padding, max_norm=max_norm, norm_type=norm_type)
            upstream = torch.randn(output.shape, generator=gen, dtype=torch.float64).to(dt)
            output.backward(upstream)
            out.append({
                "id": f"{dtype}/{name}", "dtype": dtype, **tol(dtype),
                "weight": enc(before), "indices": enc(indices), "max_norm": max_norm, "norm_type": norm_type,
                "padding_idx": padding, "output": enc(output.detach()), "weight_after": enc(w.detach()),
                "grad_output": enc(upstream), "grad_weight": enc(w.grad),
            })
    return out


def generate():
    write_fixture("nn-layers", "embedding_max_norm", __file__, SEED, cases())
