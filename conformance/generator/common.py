"""Shared helpers for the fixture generators: tensor encoding and the fixture file layout.

Every fixture file is JSON:
    {
      "generator": "conformance/generator/<module>.py",
      "torch_version": "...", "seed": <int>,
      "cases": [ { "id": "...", "dtype": "float32", "rtol": ..., "atol": ..., ... }, ... ]
    }
Tensors are encoded by `enc(t)` as {"dtype", "shape", "data"} with data flat in row-major order;
non-finite floats are the strings "nan", "inf", "-inf" (JSON has no such numbers).
"""
import json
import math
import os

import torch

FIXTURES_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "fixtures"))

# float64 proves the formula (about 1e-10 relative), float32 proves float32 behaviour.
TOLERANCES = {
    "float32": {"rtol": 1e-5, "atol": 1e-6},
    "float64": {"rtol": 1e-10, "atol": 1e-12},
}

DTYPES = {
    "float32": torch.float32,
    "float64": torch.float64,
    "int64": torch.int64,
    "int32": torch.int32,
    "bool": torch.bool,
}
DTYPE_NAMES = {v: k for k, v in DTYPES.items()}


def enc_number(x):
    """A float or int as JSON: non-finite floats become strings."""
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
    return x


def enc(t):
    """Encode a tensor (or None) as {"dtype", "shape", "data"}."""
    if t is None:
        return None
    t = t.detach().contiguous()
    name = DTYPE_NAMES[t.dtype]
    flat = t.reshape(-1).tolist()
    if name == "bool":
        data = [1 if v else 0 for v in flat]
    else:
        data = [enc_number(v) for v in flat]
    return {"dtype": name, "shape": list(t.shape), "data": data}


def tol(dtype_name, rtol=None, atol=None, why=None):
    """Tolerance fields for a case; loosening needs a reason, recorded in the fixture."""
    base = dict(TOLERANCES.get(dtype_name, {"rtol": 0, "atol": 0}))
    if rtol is not None or atol is not None:
        if not why:
            raise ValueError("loosening a tolerance needs a reason (why=...)")
        if rtol is not None:
            base["rtol"] = rtol
        if atol is not None:
            base["atol"] = atol
        base["tolerance_reason"] = why
    return base


def write_fixture(package, name, generator_file, seed, cases):
    """Write fixtures/<package>/<name>.json and return its path."""
    ids = [c["id"] for c in cases]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ValueError(f"duplicate case ids in {package}/{name}: {sorted(dup)[:5]}")
    folder = os.path.join(FIXTURES_DIR, package)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{name}.json")
    doc = {
        "generator": "conformance/generator/" + os.path.basename(generator_file),
        "torch_version": torch.__version__,
        "seed": seed,
        "cases": cases,
    }
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(path, FIXTURES_DIR)}: {len(cases)} cases")
    return path
