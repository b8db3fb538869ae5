"""The other direction of generator/cases_optim_torch_format_lbfgs.py: PyTorch reads torchlet's LBFGS
files. torchlet runs k steps and saves in the torch format (fixtures/optim/torchlet_torch_format_lbfgs.json,
written by `TORCHLET_WRITE_TORCH_FORMAT=1 npx vitest run test/optim/torch-format-lbfgs.test.ts`, which
generate() runs); PyTorch 1.13 loads each into a fresh LBFGS at torchlet's step-k params, takes k more
steps, and must land on its own uninterrupted run (checked here within the case's tolerance; the
structure, key for key, must equal PyTorch's own file).

Writes fixtures/optim/torch_format_lbfgs_from_torchlet.json: {"id", "losses", "trajectory"} for those k steps.
"""
import base64
import json
import os

import torch

from cases_nn import st_deserialize
from cases_optim_torch_format_lbfgs import K, make
from cases_optim_torch_format_torchlet import dec, keys, torchlet_saved
from common import FIXTURES_DIR, enc, write_fixture
from torch_format import optimizer_from_json

SEED = 20261208


def generate():
    written = torchlet_saved("test/optim/torch-format-lbfgs.test.ts", "torchlet_torch_format_lbfgs")
    cases = []
    for c in json.load(open(os.path.join(FIXTURES_DIR, "optim", "torch_format_lbfgs.json")))["cases"]:
        w = written[c["id"]]
        assert keys(w["optimizer"]) == keys(c["saved"]["optimizer"]), c["id"]
        x, opt, closure = make(c["options"], dec(c["params_k"]))
        tensors, _ = st_deserialize(base64.b64decode(w["safetensors_base64"]))
        optimizer_from_json(opt, w["optimizer"], tensors)
        losses, traj = [], []
        for i in range(K):
            losses.append(opt.step(closure).item())
            traj.append(x.detach().clone())
            assert abs(losses[i] - c["losses"][i]) <= c["rtol"] * abs(c["losses"][i]) + c["atol"], c["id"]
            assert torch.allclose(traj[i], dec(c["trajectory"][i]), rtol=c["rtol"], atol=c["atol"]), c["id"]
        cases.append({"id": c["id"], "dtype": c["dtype"], "rtol": c["rtol"], "atol": c["atol"],
                      "losses": losses, "trajectory": [enc(t) for t in traj]})
    write_fixture("optim", "torch_format_lbfgs_from_torchlet", __file__, SEED, cases)
