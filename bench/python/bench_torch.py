"""PyTorch CPU peer for bench/: reads {"threads", "workloads", "timing"} as JSON on stdin, prints
{"torch": version, "blas": ..., "results": {name: median_ms}} as JSON on stdout.
Same workloads and timing rule as the TypeScript harness (bench/src/timing.ts)."""
import json
import statistics
import sys
import time

import torch


def timed(fn, o):
    cell_start = time.perf_counter()
    t0 = time.perf_counter()
    fn()
    first = (time.perf_counter() - t0) * 1e3
    i = 1
    while (i < o["warmup"] or (time.perf_counter() - cell_start) * 1e3 < o["warmupMs"]) and (time.perf_counter() - cell_start) * 1e3 < o["maxCellMs"] / 4:
        fn()
        i += 1
    t0 = time.perf_counter()
    fn()
    warm = (time.perf_counter() - t0) * 1e3
    iters = max(1, min(10000, int(-(-o["minSampleMs"] // max(min(first, warm), 1e-3)))))
    samples = []
    for s in range(o["samples"]):
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        samples.append((time.perf_counter() - t0) * 1e3 / iters)
        if s >= 2 and (time.perf_counter() - cell_start) * 1e3 > o["maxCellMs"]:
            break
    return statistics.median(samples)


class LstmClassifier(torch.nn.Module):
    """LSTM(batch_first) -> the final hidden state -> Linear (bench/src/sequence-torchlet.ts)."""

    def __init__(self, inp, hidden, classes):
        super().__init__()
        self.lstm = torch.nn.LSTM(inp, hidden, batch_first=True)
        self.head = torch.nn.Linear(hidden, classes)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.head(h[0])


class EncoderClassifier(torch.nn.Module):
    """TransformerEncoderLayer(batch_first, no dropout) -> mean over the steps -> Linear."""

    def __init__(self, d_model, heads, ff, classes):
        super().__init__()
        self.layer = torch.nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=ff, dropout=0.0, batch_first=True)
        self.head = torch.nn.Linear(d_model, classes)

    def forward(self, x):
        return self.head(self.layer(x).mean(1))


def prepare(w):
    d = w["dims"]
    g = torch.Generator().manual_seed(0)
    kind = w["kind"]
    if kind == "matmul":
        a = torch.rand(d[0], d[1], generator=g) * 2 - 1
        b = torch.rand(d[1], d[2], generator=g) * 2 - 1
        return lambda: torch.matmul(a, b)
    if kind == "ce":
        x = (torch.rand(d[0], d[1], generator=g) * 2 - 1).requires_grad_()
        y = torch.randint(0, d[1], (d[0],), generator=g)

        def step():
            x.grad = None
            torch.nn.functional.cross_entropy(x, y).backward()

        return step
    if kind in ("mlp", "tutorial"):
        torch.manual_seed(0)
        if kind == "mlp":
            model = torch.nn.Sequential(torch.nn.Linear(d[1], d[2]), torch.nn.ReLU(), torch.nn.Linear(d[2], d[3]))
            classes, lr = d[3], 0.01
        else:
            model = torch.nn.Linear(d[1], d[2])
            classes, lr = d[2], 0.1
        x = torch.rand(d[0], d[1], generator=g) * 2 - 1
        y = torch.randint(0, classes, (d[0],), generator=g)
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        loss_fn = torch.nn.CrossEntropyLoss()

        def step():
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()

        return step
    if kind in ("lstm", "transformer"):
        torch.manual_seed(0)
        model = LstmClassifier(d[2], d[3], d[4]) if kind == "lstm" else EncoderClassifier(d[2], d[3], d[4], d[5])
        x = torch.rand(d[0], d[1], d[2], generator=g) * 2 - 1
        y = torch.randint(0, d[-1], (d[0],), generator=g)
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        loss_fn = torch.nn.CrossEntropyLoss()

        def step():
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()

        return step
    if kind == "add":
        a = torch.rand(d[0], generator=g)
        b = torch.rand(d[0], generator=g)
        return lambda: torch.add(a, b)
    if kind == "exp":
        a = torch.rand(d[0], generator=g) * 2 - 1
        return lambda: torch.exp(a)
    raise ValueError(kind)


def main():
    req = json.load(sys.stdin)
    torch.set_num_threads(req["threads"])
    results = {}
    for w in req["workloads"]:
        results[w["name"]] = timed(prepare(w), req["timing"])
    blas = "OpenBLAS" if "openblas" in open("/proc/self/maps").read().lower() else "reference/other BLAS"
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas, "results": results}))


main()
