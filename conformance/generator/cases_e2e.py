"""End-to-end fixtures: whole training loops in PyTorch, replayed with the `torchlet` package.

Run: cd conformance && /usr/bin/python3.11 generator/generate.py cases_e2e

Files written (fixtures/e2e/):
  tutorial_loop.json  the tutorial's loop (seed/cross-entropy-with-pytorch.md): nn.Linear(3, 3),
                      nn.CrossEntropyLoss(), optim.SGD(lr=0.01), zero_grad/backward/step, for TUTORIAL_STEPS (25)
                      steps
                      (plus a heavier SGD variant with momentum, so the weights move visibly).
  mlp.json            Linear-ReLU-Linear with Adam and a scheduler: StepLR stepped per epoch over
                      mini-batches, and OneCycleLR stepped per batch (it also cycles Adam's beta1).
  snippets.json       the tutorial's three snippets, each one forward, backward and SGD step.

Every script starts from torch.manual_seed(seed) and draws its data and initial weights in a fixed
order (the tutorial's: inputs, then the model; the MLP: the model, then inputs and targets), so a
case records both what torchlet must reproduce from the same seed (the drawn tensors) and what it
must compute from them. Each training case holds:
    "seed", "inputs", "targets", "initial": {state-dict key: enc}     the drawn data and weights
    "losses": enc of shape [steps]         the loss computed at each step, before that step's update
    "params": [{key: enc}] per step        the state dict after each step's update
    "final": {key: enc}                    the state dict after the last step
    mlp only: "batches" [epoch][batch] = row indices (drawn with a separate torch.Generator and
    replayed as data), "lrs" / "beta1s" per step = the lr and Adam beta1 each step used
Hyper-parameters are recorded under torchlet's option names ("optimizer", "scheduler").

PyTorch 1.13 notes: zero_grad() leaves zero tensors (torchlet's optimizer defaults to setToNone);
for SGD and Adam without weight decay the two give identical updates.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc, tol, write_fixture

SEED = 20260404
DTYPES = {"float32": torch.float32, "float64": torch.float64}
TUTORIAL_TARGETS = [1, 0, 2, 1, 0, 2, 1, 0, 2, 1]
TUTORIAL_STEPS = 25

# Tolerances: common.py's defaults, float32 included. The float32 trajectories (up to 32 steps of
# SGD with momentum and of Adam) stay within 1e-5 relative of torch's at every step, so nothing is
# loosened; a longer or chaotic loop that drifts further would need tol(..., why=...) here.


def sd(model):
    return {k: enc(v) for k, v in model.state_dict().items()}


# ---- 1. the tutorial's loop ------------------------------------------------------------------------

TUTORIAL_VARIANTS = [
    # (id, SGD options in torchlet's names)
    ("sgd-lr0.01", {"lr": 0.01}),
    ("sgd-lr0.5-momentum0.9", {"lr": 0.5, "momentum": 0.9}),
]


def tutorial_loop(dn, dt, seed, options):
    torch.manual_seed(seed)
    # the tutorial's lines, in order
    inputs = torch.randn(10, 3, dtype=dt)
    targets = torch.tensor(TUTORIAL_TARGETS)
    model = nn.Linear(3, 3, dtype=dt)
    criterion = nn.CrossEntropyLoss()
    initial = sd(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=options["lr"], momentum=options.get("momentum", 0))
    losses, params = [], []
    for _ in range(TUTORIAL_STEPS):
        outputs = model(inputs)
        loss = criterion(outputs, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.detach())
        params.append(sd(model))
    return {
        "seed": seed, "steps": TUTORIAL_STEPS, "optimizer": {"name": "SGD", **options},
        "inputs": enc(inputs), "targets": enc(targets), "initial": initial,
        "losses": enc(torch.stack(losses)), "params": params, "final": sd(model),
    }


def gen_tutorial_loop():
    cases = []
    for k, (vid, options) in enumerate(TUTORIAL_VARIANTS):
        for dn, dt in DTYPES.items():
            for seed in (SEED + k, 0):
                case = tutorial_loop(dn, dt, seed, options)
                cases.append({"id": f"tutorial-loop/{vid}/{dn}/seed{seed}", "dtype": dn,
                              **tol(dn), **case})
    return cases


# ---- 2. a two-layer MLP with Adam and a scheduler ------------------------------------------------

MLP_IN, MLP_HIDDEN, MLP_CLASSES, MLP_N = 4, 16, 3, 32

MLP_VARIANTS = [
    # (id, Adam options, scheduler spec, epochs, batch size)
    ("adam-steplr", {"lr": 0.02, "betas": [0.9, 0.999]}, {"name": "StepLR", "stepSize": 3, "gamma": 0.5, "per": "epoch"}, 8, 8),
    ("adam-onecyclelr", {"lr": 0.01, "betas": [0.9, 0.999]},
     {"name": "OneCycleLR", "maxLr": 0.05, "totalSteps": 30, "per": "batch"}, 30, MLP_N),
]


def make_scheduler(opt, spec):
    if spec["name"] == "StepLR":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=spec["stepSize"], gamma=spec["gamma"])
    if spec["name"] == "OneCycleLR":
        return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=spec["maxLr"], total_steps=spec["totalSteps"])
    raise ValueError(spec["name"])


def mlp_run(dn, dt, seed, adam, spec, epochs, batch_size):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(MLP_IN, MLP_HIDDEN, dtype=dt), nn.ReLU(), nn.Linear(MLP_HIDDEN, MLP_CLASSES, dtype=dt))
    inputs = torch.randn(MLP_N, MLP_IN, dtype=dt)
    targets = torch.randint(0, MLP_CLASSES, (MLP_N,))
    initial = sd(model)
    # mini-batch order per epoch: drawn here, recorded, and replayed as data (not re-drawn)
    g = torch.Generator().manual_seed(seed + 1)
    batches = []
    for _ in range(epochs):
        perm = torch.randperm(MLP_N, generator=g)
        batches.append([perm[i:i + batch_size].tolist() for i in range(0, MLP_N, batch_size)])
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=adam["lr"], betas=tuple(adam.get("betas", (0.9, 0.999))))
    scheduler = make_scheduler(optimizer, spec)
    losses, params, lrs, beta1s = [], [], [], []
    for epoch in range(epochs):
        for idx in batches[epoch]:
            index = torch.tensor(idx)
            lrs.append(optimizer.param_groups[0]["lr"])
            beta1s.append(optimizer.param_groups[0]["betas"][0])
            optimizer.zero_grad()
            loss = criterion(model(inputs[index]), targets[index])
            loss.backward()
            optimizer.step()
            if spec["per"] == "batch":
                scheduler.step()
            losses.append(loss.detach())
            params.append(sd(model))
        if spec["per"] == "epoch":
            scheduler.step()
    return {
        "seed": seed, "steps": len(losses), "epochs": epochs, "batches": batches,
        "optimizer": {"name": "Adam", **adam}, "scheduler": spec,
        "inputs": enc(inputs), "targets": enc(targets), "initial": initial,
        "losses": enc(torch.stack(losses)), "lrs": lrs, "beta1s": beta1s, "params": params, "final": sd(model),
    }


def gen_mlp():
    cases = []
    for k, (vid, adam, spec, epochs, bs) in enumerate(MLP_VARIANTS):
        for dn, dt in DTYPES.items():
            seed = SEED + 10 + k
            case = mlp_run(dn, dt, seed, adam, spec, epochs, bs)
            cases.append({"id": f"mlp/{vid}/{dn}", "dtype": dn, **tol(dn), **case})
    return cases


# ---- 3. the tutorial's three snippets -------------------------------------------------------------

def custom_cross_entropy(outputs, targets):
    """The tutorial's custom_cross_entropy without its bug: nll_loss is already the negative
    log-likelihood, so the loss is not negated (the tutorial's version returns -cross_entropy)."""
    log_probs = torch.nn.functional.log_softmax(outputs, dim=1)
    return torch.nn.functional.nll_loss(log_probs, targets, reduction='mean')


def snippet_step(model, loss, lr):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    optimizer.zero_grad()
    loss.backward()
    grads = {"weight": enc(model.weight.grad), "bias": enc(model.bias.grad)}
    optimizer.step()
    return {"loss": enc(loss.detach()), "grads": grads, "after": sd(model)}


def gen_snippets():
    cases = []
    for dn, dt in DTYPES.items():
        for seed in (SEED + 20, 7):
            # snippet 1: nn.CrossEntropyLoss
            torch.manual_seed(seed)
            inputs = torch.randn(10, 3, dtype=dt)
            targets = torch.tensor(TUTORIAL_TARGETS)
            model = nn.Linear(3, 3, dtype=dt)
            initial = sd(model)
            criterion = nn.CrossEntropyLoss()
            outputs = model(inputs)
            loss = criterion(outputs, targets)
            s1 = {"inputs": enc(inputs), "outputs": enc(outputs), **snippet_step(model, loss, 0.01)}
            # snippet 3 follows snippet 1 in the tutorial: new inputs from the stream, the same model
            inputs3 = torch.randn(10, 3, dtype=dt)
            outputs3 = model(inputs3)
            loss3 = custom_cross_entropy(outputs3, targets)
            as_written = -F.nll_loss(F.log_softmax(outputs3.detach(), dim=1), targets, reduction='mean')
            s3 = {"inputs": enc(inputs3), "initial": s1["after"], "as_written": enc(as_written),
                  **snippet_step(model, loss3, 0.01)}
            # snippet 2: log_softmax + nn.NLLLoss, a fresh script from the same seed
            torch.manual_seed(seed)
            inputs2 = torch.randn(10, 3, dtype=dt)
            targets2 = torch.tensor(TUTORIAL_TARGETS)
            model2 = nn.Linear(3, 3, dtype=dt)
            log_probs = F.log_softmax(model2(inputs2), dim=1)
            criterion2 = nn.NLLLoss()
            loss2 = criterion2(log_probs, targets2)
            s2 = {"inputs": enc(inputs2), "initial": sd(model2), **snippet_step(model2, loss2, 0.01)}
            cases.append({
                "id": f"snippets/{dn}/seed{seed}", "dtype": dn, **tol(dn), "seed": seed, "lr": 0.01,
                "targets": enc(targets), "initial": initial,
                "module_ce": s1, "log_softmax_nll": s2, "custom": s3,
            })
    return cases


def generate():
    write_fixture("e2e", "tutorial_loop", __file__, SEED, gen_tutorial_loop())
    write_fixture("e2e", "mlp", __file__, SEED, gen_mlp())
    write_fixture("e2e", "snippets", __file__, SEED, gen_snippets())
