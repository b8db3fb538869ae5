"""Random streams: torch's CPU generator (mt19937) and its samplers, replayed by
conformance/test/tensor-core/random.test.ts.

Every case seeds a generator, runs a list of calls on it, and records each result. Calls:
  {"op": "rand" | "randn", "shape", "dtype"}
  {"op": "randint", "low", "high", "shape", "dtype"}
  {"op": "randperm", "n", "dtype"}
  {"op": "uniform_" | "normal_" | "bernoulli_", "shape", "dtype", "layout", ...params}
     layout "contiguous"; "transposed" (a 2-D tensor filled through its .t() view); "permuted"
     (a 3-D tensor filled through .permute(2, 0, 1)); "strided" (columns 1, 3, 5... of a
     [shape[0], 2 * shape[1] + 1] tensor). The recorded result is the filled view itself.
"generator": "default" uses torch.manual_seed(seed); "object" a torch.Generator().manual_seed(seed).

Tolerances: 0 where torchlet reproduces torch bit for bit. float64 normal draws use correctly rounded
log / sin / cos (tensor-core's crLog, crSin, crCos); glibc's, which torch uses, misround about 1
argument in 700 (fixtures/tensor-core/libm.json), so about 1 draw in 500 differs by 1 or 2 ulp: rtol 1e-15.
"""
import torch

from common import DTYPES, enc, tol, write_fixture

SEED = 20240601
EXACT = {"rtol": 0, "atol": 0}
LIBM = tol("float64", rtol=1e-15, atol=1e-15,
           why="float64 Box-Muller: glibc's log/sin/cos are not correctly rounded for about 1 argument in 700, "
               "torchlet's are; about 1 draw in 500 differs by 1 or 2 ulp")


def run_call(call, gen):
    op = call["op"]
    kw = {"generator": gen} if gen is not None else {}
    dtype = DTYPES[call.get("dtype", "float32")]
    if op == "rand":
        return torch.rand(call["shape"], dtype=dtype, **kw)
    if op == "randn":
        return torch.randn(call["shape"], dtype=dtype, **kw)
    if op == "randint":
        return torch.randint(call["low"], call["high"], call["shape"], dtype=dtype, **kw)
    if op == "randperm":
        return torch.randperm(call["n"], dtype=dtype, **kw)
    shape = call["shape"]
    layout = call.get("layout", "contiguous")
    if layout == "transposed":
        base = torch.zeros(shape[1], shape[0], dtype=dtype)
        target = base.t()
    elif layout == "permuted":
        base = torch.zeros(shape[1], shape[2], shape[0], dtype=dtype)
        target = base.permute(2, 0, 1)
    elif layout == "strided":
        base = torch.zeros(shape[0], 2 * shape[1] + 1, dtype=dtype)
        target = base[:, 1::2]
    else:
        base = torch.zeros(shape, dtype=dtype)
        target = base
    if op == "uniform_":
        target.uniform_(call["from"], call["to"], **kw)
    elif op == "normal_":
        target.normal_(call["mean"], call["std"], **kw)
    elif op == "bernoulli_":
        target.bernoulli_(call["p"], **kw)
    else:
        raise ValueError(op)
    return target


def case(cid, seed, calls, dtype="float32", tolerance=None, generator="default"):
    if generator == "default":
        torch.manual_seed(seed)
        gen = None
    else:
        gen = torch.Generator().manual_seed(seed)
    outs = [enc(run_call(c, gen)) for c in calls]
    t = dict(EXACT if tolerance is None else tolerance)
    return {"id": cid, "dtype": dtype, **t, "seed": seed, "generator": generator, "calls": calls, "out": outs}


def generate():
    cases = []
    for dt in ("float32", "float64"):
        for n in (1, 5, 16, 17, 100, 1000):
            cases.append(case(f"rand/{dt}/{n}", 0, [{"op": "rand", "shape": [n], "dtype": dt}], dt))
        cases.append(case(f"rand/{dt}/2d", 7, [{"op": "rand", "shape": [3, 7], "dtype": dt}], dt))
        normal_tol = None if dt == "float32" else LIBM
        for n in (1, 2, 5, 15, 16, 17, 31, 32, 33, 100, 1000):
            cases.append(case(f"randn/{dt}/{n}", 0, [{"op": "randn", "shape": [n], "dtype": dt}], dt, normal_tol))
        cases.append(case(f"randn/{dt}/2d", 42, [{"op": "randn", "shape": [6, 9], "dtype": dt}], dt, normal_tol))
        # the scalar sampler caches the second Box-Muller value across calls
        cases.append(case(f"randn/{dt}/cached-pair", 3, [
            {"op": "randn", "shape": [5], "dtype": dt},
            {"op": "randn", "shape": [3], "dtype": dt},
            {"op": "randn", "shape": [1], "dtype": dt},
            {"op": "randn", "shape": [20], "dtype": dt},
            {"op": "randn", "shape": [1], "dtype": dt},
        ], dt, normal_tol))
        for lo, hi in ((0.0, 1.0), (-3.7, 5.1), (10.0, 10.5), (-1e3, 1e3)):
            cases.append(case(f"uniform_/{dt}/{lo}_{hi}", 11, [
                {"op": "uniform_", "shape": [257], "dtype": dt, "from": lo, "to": hi}], dt))
        cases.append(case(f"uniform_/{dt}/transposed", 12, [
            {"op": "uniform_", "shape": [4, 6], "dtype": dt, "layout": "transposed", "from": -2.0, "to": 3.0}], dt))
        for mean, std in ((0.0, 1.0), (1.3, 2.7), (-5.0, 0.01)):
            for n in (7, 16, 50, 200):
                cases.append(case(f"normal_/{dt}/{mean}_{std}/{n}", 13, [
                    {"op": "normal_", "shape": [n], "dtype": dt, "mean": mean, "std": std}], dt, normal_tol))
        cases.append(case(f"uniform_/{dt}/permuted", 12, [
            {"op": "uniform_", "shape": [3, 4, 5], "dtype": dt, "layout": "permuted", "from": 0.0, "to": 1.0}], dt))
        cases.append(case(f"uniform_/{dt}/strided", 12, [
            {"op": "uniform_", "shape": [4, 5], "dtype": dt, "layout": "strided", "from": -1.0, "to": 1.0}], dt))
        cases.append(case(f"normal_/{dt}/strided-40", 14, [
            {"op": "normal_", "shape": [4, 10], "dtype": dt, "layout": "strided", "mean": 0.0, "std": 1.0}], dt, normal_tol))
        cases.append(case(f"normal_/{dt}/permuted-60", 14, [
            {"op": "normal_", "shape": [3, 4, 5], "dtype": dt, "layout": "permuted", "mean": 0.0, "std": 1.0}], dt, normal_tol))
        cases.append(case(f"normal_/{dt}/transposed", 14, [
            {"op": "normal_", "shape": [5, 8], "dtype": dt, "layout": "transposed", "mean": 0.5, "std": 2.0}], dt, normal_tol))
        for p in (0.0, 0.3, 0.5, 1.0):
            cases.append(case(f"bernoulli_/{dt}/{p}", 15, [
                {"op": "bernoulli_", "shape": [200], "dtype": dt, "p": p}], dt))
    cases.append(case("bernoulli_/bool/0.7", 16, [{"op": "bernoulli_", "shape": [10, 10], "dtype": "bool", "p": 0.7}], "bool"))
    cases.append(case("bernoulli_/int64/0.25", 16, [{"op": "bernoulli_", "shape": [64], "dtype": "int64", "p": 0.25}], "int64"))
    for lo, hi in ((0, 10), (-5, 5), (0, 2), (3, 4), (-1000, 123456), (0, 2 ** 31), (0, 2 ** 32 - 1), (0, 2 ** 32), (-(2 ** 40), 2 ** 40)):
        cases.append(case(f"randint/int64/{lo}_{hi}", 21, [
            {"op": "randint", "low": lo, "high": hi, "shape": [100], "dtype": "int64"}], "int64"))
    cases.append(case("randint/int32/0_100", 22, [{"op": "randint", "low": 0, "high": 100, "shape": [4, 5], "dtype": "int32"}], "int32"))
    cases.append(case("randint/float32/-3_9", 22, [{"op": "randint", "low": -3, "high": 9, "shape": [30], "dtype": "float32"}]))
    for n in (0, 1, 2, 10, 100, 1000):
        cases.append(case(f"randperm/int64/{n}", 23, [{"op": "randperm", "n": n, "dtype": "int64"}], "int64"))
    cases.append(case("randperm/int32/50", 23, [{"op": "randperm", "n": 50, "dtype": "int32"}], "int32"))
    # a mixed sequence on one stream, on the default generator and on a Generator object
    mixed = [
        {"op": "rand", "shape": [3], "dtype": "float32"},
        {"op": "randn", "shape": [3], "dtype": "float64"},
        {"op": "randint", "low": 0, "high": 7, "shape": [4], "dtype": "int64"},
        {"op": "randperm", "n": 6, "dtype": "int64"},
        {"op": "randn", "shape": [18], "dtype": "float32"},
        {"op": "rand", "shape": [2], "dtype": "float64"},
    ]
    cases.append(case("mixed/default", 99, mixed, "float64", LIBM))
    cases.append(case("mixed/generator-object", 99, mixed, "float64", LIBM, generator="object"))
    for seed in (0, 1, 2 ** 32 - 1, 2 ** 32 + 5, 67280421310721):
        cases.append(case(f"seed/{seed}", seed, [{"op": "rand", "shape": [8], "dtype": "float64"}], "float64"))
    write_fixture("tensor-core", "random", __file__, SEED, cases)
