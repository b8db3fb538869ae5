"""Double backward through every loss (PyTorch 1.13): the gradient of (grad_input . v) with respect to
each differentiable argument, where grad_input = torch.autograd.grad(loss, args, grad_output,
create_graph=True). float64 and float32, every reduction. Its own file and seed, so the other losses
fixtures stay as they are.

Writes fixtures/losses/double_backward.json:
  {"loss", "args", "options", "tensor_options" (as losses.json), "diff_args": [names],
   "grad_output", "v": {name: tensor}, "first": {name: tensor}, "second": {name: tensor} | null,
   "error": null | message}
  second is null where PyTorch's first gradient has no graph at all (hinge_embedding_loss and
  margin_ranking_loss: piecewise-linear compositions whose gradient is a constant; the second
  derivative is 0); an argument PyTorch reports unused is all zeros. error: the message PyTorch
  raises for the second backward (multi_margin_loss, multilabel_margin_loss, ctc_loss have none).
"""
import torch
import torch.nn.functional as F

from cases_losses import call as call_table
from cases_losses_triplet_distance import DISTANCES
from common import enc, tol, write_fixture

SEED = 20261207
REDUCTIONS = ["none", "mean", "sum"]
N, C = 4, 5


def specs(gen, dt):
    """(id, loss, args [(name, tensor)], diff_args, options, tensor_options, reductions)"""
    def rn(*s, scale=1.0):
        return (torch.randn(*s, generator=gen, dtype=torch.float64) * scale).to(dt)

    def unit(*s):
        return (torch.rand(*s, generator=gen, dtype=torch.float64) * 0.8 + 0.1).to(dt)

    def cls(*s, high=C):
        return torch.randint(0, high, s, generator=gen)

    sign = (torch.randint(0, 2, (N,), generator=gen) * 2 - 1).to(dt)
    ml = torch.tensor([[1, 3, -1, 0, 0], [0, -1, 2, 2, 2], [4, 2, 1, -1, 0], [-1, 0, 0, 0, 0]])
    y = cls(N)
    yk = cls(2, 3)
    out = [
        ("ce", "crossEntropy", [("input", rn(N, C)), ("target", y)], ["input"], {}, {}, REDUCTIONS),
        ("ce-weight-smooth-ignore", "crossEntropy", [("input", rn(N, C)), ("target", y)], ["input"],
         {"labelSmoothing": 0.2, "ignoreIndex": int(y[0])}, {"weight": unit(C)}, REDUCTIONS),
        ("ce-kdim", "crossEntropy", [("input", rn(2, C, 3)), ("target", yk)], ["input"], {}, {"weight": unit(C)}, REDUCTIONS),
        ("ce-probs", "crossEntropy", [("input", rn(N, C)), ("target", torch.softmax(rn(N, C), 1))], ["input", "target"],
         {"labelSmoothing": 0.1}, {"weight": unit(C)}, REDUCTIONS),
        ("nll-weight", "nllLoss", [("input", rn(N, C)), ("target", y)], ["input"], {}, {"weight": unit(C)}, REDUCTIONS),
        ("bce-logits", "binaryCrossEntropyWithLogits", [("input", rn(N, C, scale=2)), ("target", unit(N, C))], ["input", "target"],
         {}, {"weight": unit(C), "posWeight": unit(C) * 3}, REDUCTIONS),
        ("bce", "binaryCrossEntropy", [("input", unit(N, C)), ("target", unit(N, C))], ["input", "target"], {}, {"weight": unit(C)}, REDUCTIONS),
        ("multi-margin-p2", "multiMarginLoss", [("input", rn(N, C)), ("target", y)], ["input"], {"p": 2, "margin": 1.5}, {}, REDUCTIONS),
        ("multi-margin-p1", "multiMarginLoss", [("input", rn(N, C)), ("target", y)], ["input"], {}, {}, ["mean"]),
        ("hinge-embedding", "hingeEmbeddingLoss", [("input", rn(N, C)), ("target", sign.unsqueeze(1).expand(N, C).contiguous())],
         ["input"], {"margin": 0.5}, {}, REDUCTIONS),
        ("multilabel-margin", "multiLabelMarginLoss", [("input", rn(N, C)), ("target", ml)], ["input"], {}, {}, REDUCTIONS),
        ("multilabel-soft-margin", "multiLabelSoftMarginLoss", [("input", rn(N, C)), ("target", unit(N, C))], ["input", "target"],
         {}, {"weight": unit(C)}, REDUCTIONS),
        ("soft-margin", "softMarginLoss", [("input", rn(N, C)), ("target", rn(N, C))], ["input"], {}, {}, REDUCTIONS),
        ("sigmoid-focal", "sigmoidFocalLoss", [("input", rn(N, C)), ("target", unit(N, C))], ["input", "target"],
         {"alpha": 0.3, "gamma": 2.0}, {}, REDUCTIONS),
        ("softmax-focal", "softmaxFocalLoss", [("input", rn(N, C)), ("target", y)], ["input"],
         {"gamma": 1.5}, {"alpha": unit(C)}, REDUCTIONS),
        ("mse", "mseLoss", [("input", rn(N, C)), ("target", rn(N, C))], ["input", "target"], {}, {}, REDUCTIONS),
        ("l1", "l1Loss", [("input", rn(N, C)), ("target", rn(N, C))], ["input", "target"], {}, {}, REDUCTIONS),
        ("smooth-l1", "smoothL1Loss", [("input", rn(N, C)), ("target", rn(N, C))], ["input", "target"], {"beta": 0.7}, {}, REDUCTIONS),
        ("huber", "huberLoss", [("input", rn(N, C)), ("target", rn(N, C))], ["input", "target"], {"delta": 0.7}, {}, REDUCTIONS),
        ("kl-div", "klDiv", [("input", torch.log_softmax(rn(N, C), 1)), ("target", torch.softmax(rn(N, C), 1))], ["input", "target"],
         {}, {}, REDUCTIONS + ["batchmean"]),
        ("kl-div-log-target", "klDiv", [("input", torch.log_softmax(rn(N, C), 1)), ("target", torch.log_softmax(rn(N, C), 1))],
         ["input", "target"], {"logTarget": True}, {}, REDUCTIONS + ["batchmean"]),
        ("poisson-nll", "poissonNllLoss", [("input", rn(N, C)), ("target", unit(N, C) * 3)], ["input", "target"], {}, {}, REDUCTIONS),
        ("poisson-nll-full", "poissonNllLoss", [("input", unit(N, C) * 2), ("target", unit(N, C) * 3)], ["input", "target"],
         {"logInput": False, "full": True}, {}, REDUCTIONS),
        ("gaussian-nll", "gaussianNllLoss", [("input", rn(N, C)), ("target", rn(N, C)), ("var", unit(N, C))],
         ["input", "target", "var"], {"full": True}, {}, REDUCTIONS),
        ("margin-ranking", "marginRankingLoss", [("input1", rn(N)), ("input2", rn(N)), ("target", sign)], ["input1", "input2"],
         {"margin": 0.2}, {}, REDUCTIONS),
        ("cosine-embedding", "cosineEmbeddingLoss", [("input1", rn(N, C)), ("input2", rn(N, C)), ("target", sign)],
         ["input1", "input2"], {"margin": 0.1}, {}, REDUCTIONS),
        ("triplet", "tripletMarginLoss", [("anchor", rn(N, C)), ("positive", rn(N, C)), ("negative", rn(N, C))],
         ["anchor", "positive", "negative"], {"margin": 3.0}, {}, REDUCTIONS),
        ("triplet-swap-p3", "tripletMarginLoss", [("anchor", rn(N, C)), ("positive", rn(N, C)), ("negative", rn(N, C))],
         ["anchor", "positive", "negative"], {"margin": 4.0, "p": 3, "swap": True}, {}, REDUCTIONS),
        ("triplet-distance", "tripletMarginWithDistanceLoss", [("anchor", rn(N, C)), ("positive", rn(N, C)), ("negative", rn(N, C))],
         ["anchor", "positive", "negative"], {"distance": "default", "margin": 3.0}, {}, REDUCTIONS),
        ("triplet-distance-cosine-swap", "tripletMarginWithDistanceLoss", [("anchor", rn(N, C)), ("positive", rn(N, C)),
         ("negative", rn(N, C))], ["anchor", "positive", "negative"], {"distance": "cosine", "margin": 1.5, "swap": True}, {}, REDUCTIONS),
    ]
    return out


def call(loss, leaves, options, tensor_options, reduction):
    """cases_losses' table, plus triplet_margin_with_distance_loss with a named distance (its fixture's)."""
    if loss != "tripletMarginWithDistanceLoss":
        return call_table(loss, leaves, options, tensor_options, reduction)
    a, p, n = [t for _, t in leaves]
    return F.triplet_margin_with_distance_loss(a, p, n, distance_function=DISTANCES[options["distance"]],
                                               margin=options.get("margin", 1.0), swap=options.get("swap", False),
                                               reduction=reduction)


def run(cid, loss, args, diff_args, options, tensor_options, reduction, dn, gen):
    leaves = [(n, t.detach().clone().requires_grad_(n in diff_args)) for n, t in args]
    diffs = [t for n, t in leaves if n in diff_args]
    out = call(loss, leaves, options, tensor_options, reduction)
    u = torch.randn(out.shape, generator=gen, dtype=torch.float64).to(out.dtype)
    first = torch.autograd.grad(out, diffs, u, create_graph=True, allow_unused=True)
    first = [torch.zeros_like(d) if g is None else g for d, g in zip(diffs, first)]
    v = [torch.randn(d.shape, generator=gen, dtype=torch.float64).to(d.dtype) for d in diffs]
    s = sum((g * w).sum() for g, w in zip(first, v))
    second, error = None, None
    if s.requires_grad:
        try:
            h = torch.autograd.grad(s, diffs, allow_unused=True)
        except RuntimeError as e:
            error = str(e).split("\n")[0]
        else:
            # unused, or PyTorch's efficient zero tensor (l1_loss's sign has a zero derivative): zeros
            second = {n: enc(torch.zeros_like(d) if x is None or x._is_zerotensor() else x) for n, d, x in zip(diff_args, diffs, h)}
    return {"id": f"{cid}/{reduction}/{dn}", "kind": "loss", "dtype": dn, **tol(dn), "loss": loss,
            "args": [[n, enc(t)] for n, t in args], "options": {**options, "reduction": reduction},
            "tensor_options": {k: enc(t) for k, t in tensor_options.items()}, "diff_args": diff_args,
            "grad_output": enc(u), "v": {n: enc(w) for n, w in zip(diff_args, v)},
            "first": {n: enc(g.detach()) for n, g in zip(diff_args, first)}, "second": second, "error": error}


def ctc_cases(gen):
    """ctc_loss: PyTorch's first gradient with create_graph works, the second backward raises.
    {"kind": "ctc", "logits" (T, N, C; log_softmax over C is the loss's input), "targets",
     "input_lengths", "target_lengths", "first" (d mean loss / d logits), "error"}"""
    out = []
    for dn, dt in (("float64", torch.float64), ("float32", torch.float32)):
        x = torch.randn(6, 2, 4, generator=gen, dtype=torch.float64).to(dt).requires_grad_()
        targets = torch.tensor([[1, 2, 2], [3, 1, 0]])
        loss = F.ctc_loss(x.log_softmax(2), targets, [6, 5], [3, 2])
        (g,) = torch.autograd.grad(loss, x, create_graph=True)
        try:
            torch.autograd.grad(g.sum(), x)
            raise AssertionError("ctc_loss double backward did not raise")
        except RuntimeError as e:
            error = str(e).split("\n")[0]
        out.append({"id": f"ctc/mean/{dn}", "kind": "ctc", "dtype": dn, **tol(dn), "logits": enc(x), "targets": enc(targets),
                    "input_lengths": [6, 5], "target_lengths": [3, 2], "first": enc(g.detach()), "error": error})
    return out


def generate():
    gen = torch.Generator().manual_seed(SEED)
    cases = []
    for dn, dt in (("float64", torch.float64), ("float32", torch.float32)):
        for cid, loss, args, diff_args, options, tensor_options, reductions in specs(gen, dt):
            for r in reductions:
                cases.append(run(cid, loss, args, diff_args, options, tensor_options, r, dn, gen))
    cases += ctc_cases(gen)
    write_fixture("losses", "double_backward", __file__, SEED, cases)
