"""F.ctc_loss / nn.CTCLoss (PyTorch 1.13): values and the gradient w.r.t. log_probs for every
reduction, padded (N, S) and concatenated 1-d targets, unbatched (T, C) input, blank not 0,
repeated labels, input lengths shorter than T, empty targets, zero_infinity with an impossible
alignment (an infinite loss), float32 and float64; each case records the result's grad_fn name.
Then PyTorch's errors. Kept apart so that the other loss fixtures' streams stay unchanged.
"""
import torch
import torch.nn.functional as F

from common import enc, tol, write_fixture

SEED = 20261210

# PyTorch's float32 kernel runs the alpha/beta recursions in float32, and the gradient
# exp(lp) - exp(log(alpha beta) + nll - lp) subtracts two nearly equal terms: on these cases PyTorch's
# own float32 gradients differ from its float64 gradients (same inputs) by up to 4.4e-6 absolute, past
# the default float32 tolerance. atol 1e-5 (about 2x that measured deviation) on the float32 cases.
def ctc_tol(dtype):
    if dtype == "float32":
        return tol(dtype, atol=1e-5, why="PyTorch's float32 CTC gradients differ from its float64 ones by up to 4.4e-6 (float32 recursions, cancelling terms)")
    return tol(dtype)

# (name, T, N, C, blank, padded targets as rows (label lists), input lengths, zero_infinity)
# A row shorter than the padded width is padded with labels that must not be read.
SPECS = [
    ("basic", 8, 3, 5, 0, [[1, 2, 3], [2, 2], [4, 1, 3, 2]], [8, 7, 8], False),
    ("repeats", 9, 2, 4, 0, [[1, 1, 2, 2], [3, 3, 3]], [9, 9], False),
    ("blank-last", 7, 3, 6, 5, [[0, 1, 2], [4, 4], [3]], [7, 6, 5], False),
    ("blank-mid", 6, 2, 5, 2, [[0, 1, 3], [4, 4, 0]], [6, 6], False),
    ("empty-target", 5, 3, 4, 0, [[1, 2], [], [3]], [5, 4, 2], False),
    ("short-inputs", 10, 4, 5, 0, [[1, 2], [3, 4, 1], [2], [1, 1]], [3, 10, 1, 4], False),
    # sample 1 needs 5 frames (a a b b: a, blank, a, b, blank, b... at least 6) but has 3: inf
    ("impossible", 6, 3, 4, 0, [[1, 2], [1, 1, 2, 2], [3]], [6, 3, 6], False),
    ("impossible-zero-inf", 6, 3, 4, 0, [[1, 2], [1, 1, 2, 2], [3]], [6, 3, 6], True),
    ("zero-inf-finite", 6, 2, 4, 1, [[2, 3], [0]], [6, 5], True),
    ("long", 12, 2, 7, 3, [[1, 2, 4, 5, 6, 0], [6, 6, 1]], [12, 11], False),
]


def padded(rows, fill):
    width = max(len(r) for r in rows) + 1  # one column wider than the longest target
    return torch.tensor([r + [fill] * (width - len(r)) for r in rows], dtype=torch.int64)


def cases():
    gen = torch.Generator().manual_seed(SEED)
    out = []
    for dtype in ["float32", "float64"]:
        dt = getattr(torch, dtype)
        for name, T, N, C, blank, rows, in_lens, zero_inf in SPECS:
            for layout in ["padded", "concat"]:
                for red in ["none", "mean", "sum"]:
                    logits = torch.randn(T, N, C, generator=gen, dtype=torch.float64) * 2
                    lp = logits.log_softmax(2).to(dt).requires_grad_(True)
                    fill = (blank + 1) % C
                    targets = padded(rows, fill) if layout == "padded" else torch.tensor([v for r in rows for v in r], dtype=torch.int64)
                    t_lens = [len(r) for r in rows]
                    loss = F.ctc_loss(lp, targets, torch.tensor(in_lens), torch.tensor(t_lens), blank=blank, reduction=red, zero_infinity=zero_inf)
                    g = torch.rand(loss.shape, generator=gen, dtype=torch.float64).to(dt) + 0.5
                    loss.backward(g)
                    out.append({
                        "id": f"{dtype}/{name}/{layout}/{red}",
                        "dtype": dtype, **ctc_tol(dtype),
                        "options": {"blank": blank, "reduction": red, "zero_infinity": zero_inf},
                        "log_probs": enc(lp.detach()), "targets": enc(targets),
                        "input_lengths": in_lens, "target_lengths": t_lens,
                        "output": enc(loss.detach()), "grad_output": enc(g), "grad": enc(lp.grad),
                        "grad_fn": type(loss.grad_fn).__name__,
                    })
        # unbatched (T, C): targets 1-d (concatenated, one sample) or 2-d (padded, one row)
        for name, T, C, blank, row, in_len, zero_inf in [
            ("unbatched", 7, 5, 0, [1, 3, 3], 7, False),
            ("unbatched-blank", 6, 4, 3, [0, 2], 5, False),
            ("unbatched-impossible", 3, 4, 0, [1, 1, 2], 3, True),
        ]:
            for layout in ["padded", "concat"]:
                for red in ["none", "mean", "sum"]:
                    lp = (torch.randn(T, C, generator=gen, dtype=torch.float64) * 2).log_softmax(1).to(dt).requires_grad_(True)
                    targets = padded([row], (blank + 1) % C) if layout == "padded" else torch.tensor(row)
                    loss = F.ctc_loss(lp, targets, torch.tensor([in_len]), torch.tensor([len(row)]), blank=blank, reduction=red, zero_infinity=zero_inf)
                    g = torch.rand(loss.shape, generator=gen, dtype=torch.float64).to(dt) + 0.5
                    loss.backward(g)
                    out.append({
                        "id": f"{dtype}/{name}/{layout}/{red}",
                        "dtype": dtype, **ctc_tol(dtype),
                        "options": {"blank": blank, "reduction": red, "zero_infinity": zero_inf},
                        "log_probs": enc(lp.detach()), "targets": enc(targets),
                        "input_lengths": [in_len], "target_lengths": [len(row)],
                        "output": enc(loss.detach()), "grad_output": enc(g), "grad": enc(lp.grad),
                        "grad_fn": type(loss.grad_fn).__name__,
                    })
    return out


def error_cases():
    gen = torch.Generator().manual_seed(SEED + 1)
    lp = torch.randn(5, 2, 4, generator=gen, dtype=torch.float64).log_softmax(2)
    tg = torch.tensor([[1, 2], [3, 3]])
    specs = [
        ("blank-too-large", lp, tg, [5, 4], [2, 2], {"blank": 4}),
        ("blank-negative", lp, tg, [5, 4], [2, 2], {"blank": -1}),
        ("input-length-above-T", lp, tg, [6, 4], [2, 2], {}),
        ("target-length-above-width", lp, tg, [5, 4], [3, 2], {}),
        ("input-lengths-size", lp, tg, [5, 4, 3], [2, 2], {}),
        ("target-lengths-size", lp, tg, [5, 4], [2], {}),
        ("padded-rows", lp, tg[:1], [5, 4], [2, 2], {}),
        ("concat-too-short", lp, torch.tensor([1, 2, 3]), [5, 4], [2, 2], {}),
        ("concat-too-long", lp, torch.tensor([1, 2, 3, 3, 1]), [5, 4], [2, 2], {}),
        ("log-probs-4d", lp[None], tg, [5, 4], [2, 2], {}),
        ("log-probs-1d", lp[:, 0, 0], tg, [5], [2], {}),
        ("targets-3d", lp, tg[None], [5, 4], [2, 2], {}),
        ("float-input-lengths", lp, tg, torch.tensor([5.0, 4.0]), torch.tensor([2, 2]), {}),
        ("integer-log-probs", lp.long(), tg, [5, 4], [2, 2], {}),
        ("bad-reduction", lp, tg, [5, 4], [2, 2], {"reduction": "batchmean"}),
    ]
    out = []
    for name, x, t, il, tl, opts in specs:
        il_enc = enc(il) if isinstance(il, torch.Tensor) else il
        tl_enc = enc(tl) if isinstance(tl, torch.Tensor) else tl
        try:
            F.ctc_loss(x, t, il if isinstance(il, torch.Tensor) else torch.tensor(il), tl if isinstance(tl, torch.Tensor) else torch.tensor(tl), **opts)
        except (RuntimeError, ValueError) as e:
            message = str(e).split("\n")[0]
        else:
            raise AssertionError(f"{name}: PyTorch did not raise")
        out.append({
            "id": f"error/{name}", "dtype": str(x.dtype).replace("torch.", ""), "rtol": 0, "atol": 0,
            "log_probs": enc(x), "targets": enc(t), "input_lengths": il_enc, "target_lengths": tl_enc,
            "options": opts, "torch_error": message,
        })
    return out


def generate():
    write_fixture("losses", "ctc", __file__, SEED, cases() + error_cases())
