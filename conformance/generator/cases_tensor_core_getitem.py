"""Fixtures for PyTorch's indexing in @torchlet/tensor-core: fixtures/tensor-core/getitem.json (tc_getitem.py).

Its own module and seed, so regenerating it leaves the other tensor-core fixtures as they are.
"""
import torch

from common import write_fixture
import tc_getitem

SEED = 1013


def generate():
    torch.manual_seed(SEED)
    write_fixture("tensor-core", "getitem", tc_getitem.__file__, SEED, tc_getitem.cases())
