"""The other direction of generator/cases_optim_torch_format.py: PyTorch reads torchlet's files. torchlet
trains k steps and saves in the torch format (fixtures/optim/torchlet_torch_format.json, written by
`TORCHLET_WRITE_TORCH_FORMAT=1 npx vitest run test/optim/torch-format.test.ts`, which generate() runs);
PyTorch 1.13 loads each with the format's reader (generator/torch_format.py) into a fresh optimizer and
scheduler at torchlet's step-k params, takes k more steps, and must land on its own uninterrupted run
(checked here within the case's tolerance; the structure, key for key, must equal PyTorch's own file).

Writes fixtures/optim/torch_format_from_torchlet.json: {"id", "final": [PyTorch's params after 2k steps]}.
"""
import base64
import json
import os
import subprocess

import torch

from cases_nn import st_deserialize
from cases_optim_torch_format import K, advance, build
from common import FIXTURES_DIR, DTYPES, enc, write_fixture
from torch_format import optimizer_from_json, scheduler_from_json

SEED = 20261206
CONFORMANCE = os.path.normpath(os.path.join(FIXTURES_DIR, ".."))


def dec(e):
    return torch.tensor(e["data"], dtype=DTYPES[e["dtype"]]).reshape(e["shape"])


def keys(v):
    """The structure of a JSON value: its keys at every level (numbers and strings elided)."""
    if isinstance(v, dict):
        return {k: keys(x) for k, x in v.items()}
    if isinstance(v, list):
        return [keys(x) for x in v]
    return type(v).__name__ if v is None or isinstance(v, (bool, str)) else "number"


def torchlet_saved(test_file, written_fixture):
    """Run torchlet's replay `test_file` with TORCHLET_WRITE_TORCH_FORMAT=1, which writes the files it saved
    to fixtures/optim/<written_fixture>.json; returns them by case id."""
    env = dict(os.environ, TORCHLET_WRITE_TORCH_FORMAT="1", TORCHLET_BACKEND="cpu")
    r = subprocess.run(["npx", "vitest", "run", test_file], cwd=CONFORMANCE, env=env,
                       capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError("torchlet could not write its files:\n" + r.stdout[-3000:] + r.stderr[-2000:])
    path = os.path.join(FIXTURES_DIR, "optim", f"{written_fixture}.json")
    return {c["id"]: c for c in json.load(open(path))["cases"]}


def generate():
    written = torchlet_saved("test/optim/torch-format.test.ts", "torchlet_torch_format")
    cases = []
    for c in json.load(open(os.path.join(FIXTURES_DIR, "optim", "torch_format.json")))["cases"]:
        opt_id, sched_id, _dt = c["id"].split("/")
        sched_id = None if sched_id == "none" else sched_id
        w = written[c["id"]]
        assert keys(w["optimizer"]) == keys(c["saved"]["optimizer"]), c["id"]
        assert keys(w["scheduler"]) == keys(c["saved"]["scheduler"]), c["id"]
        params, opt, sched = build(opt_id, sched_id, [dec(p) for p in c["params_k"]], len(c["group_sizes"]) == 2)
        tensors, _ = st_deserialize(base64.b64decode(w["safetensors_base64"]))
        optimizer_from_json(opt, w["optimizer"], tensors)
        if sched is not None:
            scheduler_from_json(sched, w["scheduler"])
        grads = [[dec(g) for g in step] for step in c["grads"]]
        for t in range(K, 2 * K):
            advance(params, opt, sched, grads[t], c["metrics"][t] if c["metrics"] else None)
        for p, f in zip(params, c["final"]):
            assert torch.allclose(p.detach(), dec(f), rtol=c["rtol"], atol=c["atol"]), c["id"]
        cases.append({"id": c["id"], "dtype": c["dtype"], "rtol": c["rtol"], "atol": c["atol"],
                      "final": [enc(p.detach()) for p in params]})
    write_fixture("optim", "torch_format_from_torchlet", __file__, SEED, cases)
