"""grad_fn names of the losses: what `print(loss)` shows in PyTorch (`grad_fn=<NllLossBackward0>`).

For each loss, reduction and option that changes the graph, the name of the result's grad_fn in
PyTorch; torchlet's loss on the same inputs must show the same name. Kept apart from cases_losses.py
so that its random stream and fixtures stay unchanged.
"""
import torch
import torch.nn.functional as F

from common import enc, write_fixture

SEED = 20261206


def cases():
    gen = torch.Generator().manual_seed(SEED)
    r = lambda *s: torch.randn(*s, generator=gen, dtype=torch.float64)
    x = r(4, 3)
    y = torch.tensor([0, 1, 2, 1])
    t = r(4, 3)
    p = torch.rand(4, 3, generator=gen, dtype=torch.float64) * 0.9 + 0.05
    sign = torch.sign(r(4, 3)) + (torch.rand(4, 3, generator=gen) == 0).double()
    w = torch.rand(3, generator=gen, dtype=torch.float64) + 0.5
    ml_target = torch.tensor([[0, 2, -1], [1, -1, -1], [2, 1, 0], [-1, 0, 0]])
    x1, x2 = r(4), r(4)
    s4 = torch.sign(r(4)) + (torch.rand(4, generator=gen) == 0).double()
    a, pos, neg = r(4, 3), r(4, 3), r(4, 3)
    var = torch.rand(4, 3, generator=gen, dtype=torch.float64) + 0.1
    # (torchlet loss name, PyTorch call, inputs, camelCase options); the first input requires grad
    specs = []
    for red in ["mean", "sum", "none"]:
        specs += [
            ("crossEntropy", lambda i, o: F.cross_entropy(i[0], i[1], **o), [x, y], {"reduction": red}),
            ("crossEntropy", lambda i, o: F.cross_entropy(i[0], i[1], **o), [x, y], {"reduction": red, "label_smoothing": 0.1}),
            ("crossEntropy", lambda i, o: F.cross_entropy(i[0], i[1], **o), [x, y], {"reduction": red, "weight": w}),
            ("crossEntropy", lambda i, o: F.cross_entropy(i[0], i[1], **o), [x, p.softmax(1)], {"reduction": red}),
            ("nllLoss", lambda i, o: F.nll_loss(i[0], i[1], **o), [x.log_softmax(1), y], {"reduction": red}),
            ("mseLoss", lambda i, o: F.mse_loss(i[0], i[1], **o), [x, t], {"reduction": red}),
            ("l1Loss", lambda i, o: F.l1_loss(i[0], i[1], **o), [x, t], {"reduction": red}),
            ("smoothL1Loss", lambda i, o: F.smooth_l1_loss(i[0], i[1], **o), [x, t], {"reduction": red}),
            ("huberLoss", lambda i, o: F.huber_loss(i[0], i[1], **o), [x, t], {"reduction": red}),
            ("binaryCrossEntropy", lambda i, o: F.binary_cross_entropy(i[0], i[1], **o), [p, p.flip(0)], {"reduction": red}),
            ("binaryCrossEntropyWithLogits", lambda i, o: F.binary_cross_entropy_with_logits(i[0], i[1], **o), [x, p], {"reduction": red}),
            ("binaryCrossEntropyWithLogits", lambda i, o: F.binary_cross_entropy_with_logits(i[0], i[1], **o), [x, p], {"reduction": red, "pos_weight": w}),
            ("multiMarginLoss", lambda i, o: F.multi_margin_loss(i[0], i[1], **o), [x, y], {"reduction": red}),
            ("multiLabelMarginLoss", lambda i, o: F.multilabel_margin_loss(i[0], i[1], **o), [x, ml_target], {"reduction": red}),
            ("multiLabelSoftMarginLoss", lambda i, o: F.multilabel_soft_margin_loss(i[0], i[1], **o), [x, (p > 0.5).double()], {"reduction": red}),
            ("softMarginLoss", lambda i, o: F.soft_margin_loss(i[0], i[1], **o), [x, sign], {"reduction": red}),
            ("hingeEmbeddingLoss", lambda i, o: F.hinge_embedding_loss(i[0], i[1], **o), [x, sign], {"reduction": red}),
            ("poissonNllLoss", lambda i, o: F.poisson_nll_loss(i[0], i[1], **o), [x, p], {"reduction": red}),
            ("klDiv", lambda i, o: F.kl_div(i[0], i[1], **o), [x.log_softmax(1), p.softmax(1)], {"reduction": red}),
            ("marginRankingLoss", lambda i, o: F.margin_ranking_loss(i[0], i[1], i[2], **o), [x1, x2, s4], {"reduction": red}),
            ("cosineEmbeddingLoss", lambda i, o: F.cosine_embedding_loss(i[0], i[1], i[2], **o), [x, t, s4], {"reduction": red}),
            ("tripletMarginLoss", lambda i, o: F.triplet_margin_loss(i[0], i[1], i[2], **o), [a, pos, neg], {"reduction": red}),
            ("gaussianNllLoss", lambda i, o: F.gaussian_nll_loss(i[0], i[1], i[2], **o), [x, t, var], {"reduction": red}),
        ]
    specs.append(("klDiv", lambda i, o: F.kl_div(i[0], i[1], **o), [x.log_softmax(1), p.softmax(1)], {"reduction": "batchmean"}))
    out = []
    for n, (name, fn, inputs, opts) in enumerate(specs):
        inputs = [v.clone() for v in inputs]
        inputs[0].requires_grad_(True)
        torch_opts = dict(opts)
        loss = fn(inputs, torch_opts)
        camel = {("labelSmoothing" if k == "label_smoothing" else "posWeight" if k == "pos_weight" else k): (enc(v) if torch.is_tensor(v) else v) for k, v in opts.items()}
        out.append({"id": f"{name}/{n}", "loss": name, "inputs": [enc(v) for v in inputs], "options": camel, "grad_fn": loss.grad_fn.name()})
    return out


def generate():
    write_fixture("losses", "grad_fn_names", __file__, SEED, cases())
