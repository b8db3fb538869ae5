"""Fixtures for @torchlet/tensor-core: every op, forward and (via @torchlet/autograd) gradients.

Writes fixtures/tensor-core/<family>.json, one file per tc_<family>.py module; each module's
`cases()` builds its cases with tc_util.make_case (the case format is described there).
"""
import importlib

import torch

from common import write_fixture

# family -> seed: each family draws from its own seeded stream, so editing one leaves the others as they were
FAMILIES = {
    "creation": 1001,
    "views": 1002,
    "join": 1003,
    "elementwise": 1004,
    "compare": 1005,
    "reduce": 1006,
    "linalg": 1007,
    "indexing": 1008,
    "softmax": 1009,
    "inplace": 1010,
    "errors": 1011,
    "inplace_autograd": 1012,
}


def generate(only=None):
    for family, seed in FAMILIES.items():
        if only and family not in only:
            continue
        torch.manual_seed(seed)
        module = importlib.import_module(f"tc_{family}")
        write_fixture("tensor-core", family, module.__file__, seed, module.cases())
