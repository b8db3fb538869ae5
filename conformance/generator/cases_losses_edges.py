"""Loss edge cases from issue 17's "different from PyTorch" list: regression losses with an integer
target (PyTorch promotes it to the input's dtype and computes), and multi_margin_loss /
multilabel_margin_loss with a 0-d input (one sample of one class: a 0-d loss). Values and the
input's gradient, float32 and float64. Kept apart so that cases_losses.py's stream stays unchanged.
"""
import torch
import torch.nn.functional as F

from common import enc, tol, write_fixture

SEED = 20261208

REGRESSION = {
    "mseLoss": F.mse_loss,
    "l1Loss": F.l1_loss,
    "smoothL1Loss": F.smooth_l1_loss,
    "huberLoss": F.huber_loss,
    "poissonNllLoss": F.poisson_nll_loss,
}


def cases():
    gen = torch.Generator().manual_seed(SEED)
    out = []
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for name, fn in REGRESSION.items():
            for tdtype in ["int64", "int32"]:
                for red in ["mean", "sum", "none"]:
                    x = (torch.randn(2, 3, generator=gen, dtype=torch.float64) * 2).to(dt).requires_grad_(True)
                    t = torch.randint(-2, 4, (2, 3), generator=gen).to(getattr(torch, tdtype))
                    loss = fn(x, t, reduction=red)
                    g = torch.randn(loss.shape, generator=gen, dtype=torch.float64).to(dt)
                    case = {"id": f"{name}/{dtype}/{tdtype}/{red}", "loss": name, "dtype": dtype, **tol(dtype),
                            "inputs": [enc(x.detach()), enc(t)], "options": {"reduction": red},
                            "output": enc(loss.detach()), "grad_output": enc(g)}
                    try:
                        loss.backward(g)
                        case["grad_input"] = enc(x.grad)
                    except RuntimeError as e:
                        # PyTorch 1.13's backward of some of these refuses the integer target
                        case["backward_error"] = str(e)
                    out.append(case)
        for name, fn, target in [("multiMarginLoss", F.multi_margin_loss, torch.tensor(0)),
                                 ("multiLabelMarginLoss", F.multilabel_margin_loss, torch.tensor(0)),
                                 ("multiLabelMarginLoss", F.multilabel_margin_loss, torch.tensor(-1))]:
            for red in ["mean", "sum", "none"]:
                x = torch.randn((), generator=gen, dtype=torch.float64).to(dt).requires_grad_(True)
                loss = fn(x, target, reduction=red)
                g = torch.randn(loss.shape, generator=gen, dtype=torch.float64).to(dt)
                loss.backward(g)
                out.append({"id": f"{name}/{dtype}/0-d/target{int(target)}/{red}", "loss": name, "dtype": dtype, **tol(dtype),
                            "inputs": [enc(x.detach()), enc(target)], "options": {"reduction": red},
                            "output": enc(loss.detach()), "grad_output": enc(g), "grad_input": enc(x.grad)})
    return out


def generate():
    write_fixture("losses", "edges", __file__, SEED, cases())
