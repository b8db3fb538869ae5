"""F.triplet_margin_with_distance_loss / nn.TripletMarginWithDistanceLoss: the default distance
(pairwise_distance) and user-supplied ones (a cosine distance, an L-infinity distance), margin, swap
and every reduction, batched and unbatched; values and the three inputs' gradients, float32 and
float64. Kept apart so that cases_losses.py's stream stays unchanged.
"""
import torch
import torch.nn.functional as F

from common import enc, tol, write_fixture

SEED = 20261209

# name -> PyTorch distance; the replay implements the same formula with torchlet ops
DISTANCES = {
    "default": None,
    "cosine": lambda x, y: 1.0 - F.cosine_similarity(x, y, dim=-1),
    "linf": lambda x, y: (x - y).abs().max(dim=-1).values,
}


def cases():
    gen = torch.Generator().manual_seed(SEED)
    out = []
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for dist_name, dist in DISTANCES.items():
            for margin, swap in [(1.0, False), (0.5, True), (2.0, False)]:
                for red in ["mean", "sum", "none"]:
                    for shape in [(5, 4), (4,)]:
                        a, p, n = [torch.randn(*shape, generator=gen, dtype=torch.float64).to(dt).requires_grad_(True) for _ in range(3)]
                        loss = F.triplet_margin_with_distance_loss(a, p, n, distance_function=dist, margin=margin, swap=swap, reduction=red)
                        g = torch.randn(loss.shape, generator=gen, dtype=torch.float64).to(dt)
                        loss.backward(g)
                        out.append({
                            "id": f"{dtype}/{dist_name}/margin{margin}/swap{swap}/{red}/{len(shape)}d",
                            "dtype": dtype, **tol(dtype), "distance": dist_name,
                            "options": {"margin": margin, "swap": swap, "reduction": red},
                            "inputs": [enc(v.detach()) for v in (a, p, n)], "output": enc(loss.detach()),
                            "grad_output": enc(g), "grads": [enc(v.grad) for v in (a, p, n)],
                        })
    return out


def generate():
    write_fixture("losses", "triplet_margin_with_distance", __file__, SEED, cases())
