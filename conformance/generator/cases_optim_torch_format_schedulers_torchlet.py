"""The other direction of generator/cases_optim_torch_format_schedulers.py: PyTorch reads torchlet's files.
torchlet trains k steps and saves in the torch format (fixtures/optim/torchlet_torch_format_schedulers.json,
written by `TORCHLET_WRITE_TORCH_FORMAT=1 npx vitest run test/optim/torch-format-schedulers.test.ts`,
which generate() runs); PyTorch 1.13 loads each with the format's reader
(generator/torch_format_schedulers.py) into a fresh optimizer and scheduler at torchlet's step-k params,
takes k more steps, and must land on its own uninterrupted run (checked here within the case's
tolerance; the structure, key for key, must equal PyTorch's own file).

Writes fixtures/optim/torch_format_schedulers_from_torchlet.json:
  {"id", "final": [PyTorch's params after 2k steps], "lrs": [[lr per group] after each of the last k steps]}.
"""
import base64
import json
import os

import torch

from cases_nn import st_deserialize
from cases_optim_torch_format_schedulers import K, advance, build
from cases_optim_torch_format_torchlet import dec, keys, torchlet_saved
from common import FIXTURES_DIR, enc, write_fixture
from torch_format import optimizer_from_json
from torch_format_schedulers import scheduler_from_json

SEED = 20261207


def generate():
    written = torchlet_saved("test/optim/torch-format-schedulers.test.ts", "torchlet_torch_format_schedulers")
    cases = []
    for c in json.load(open(os.path.join(FIXTURES_DIR, "optim", "torch_format_schedulers.json")))["cases"]:
        opt_id, sched_id, _dt = c["id"].split("/")
        w = written[c["id"]]
        assert keys(w["optimizer"]) == keys(c["saved"]["optimizer"]), c["id"]
        assert keys(w["scheduler"]) == keys(c["saved"]["scheduler"]), c["id"]
        params, opt, sched = build(opt_id, sched_id, [dec(p) for p in c["params_k"]], len(c["group_sizes"]) == 2)
        tensors, _ = st_deserialize(base64.b64decode(w["safetensors_base64"]))
        optimizer_from_json(opt, w["optimizer"], tensors)
        scheduler_from_json(sched, w["scheduler"])
        grads = [[dec(g) for g in step] for step in c["grads"]]
        lrs = []
        for t in range(K, 2 * K):
            advance(params, opt, sched, grads[t])
            lrs.append([g["lr"] for g in opt.param_groups])
        for got, want in zip(lrs, c["lrs"]):
            assert all(abs(a - b) <= c["rtol"] * abs(b) for a, b in zip(got, want)), (c["id"], got, want)
        for p, f in zip(params, c["final"]):
            assert torch.allclose(p.detach(), dec(f), rtol=c["rtol"], atol=c["atol"]), c["id"]
        cases.append({"id": c["id"], "dtype": c["dtype"], "rtol": c["rtol"], "atol": c["atol"],
                      "final": [enc(p.detach()) for p in params], "lrs": lrs})
    write_fixture("optim", "torch_format_schedulers_from_torchlet", __file__, SEED, cases)
