"""Regenerate the conformance fixtures with PyTorch.

Usage: python3.11 generate.py [module ...]
Runs `generate()` of every `cases_*.py` module in this folder (or only the named ones).
"""
import importlib
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main(argv):
    torch.set_num_threads(1)  # deterministic reductions
    names = argv or sorted(f[:-3] for f in os.listdir(HERE) if f.startswith("cases_") and f.endswith(".py"))
    for name in names:
        module = importlib.import_module(name)
        module.generate()


if __name__ == "__main__":
    main(sys.argv[1:])
