"""The C library's (glibc's) double log, sin and cos, which PyTorch's float64 Box-Muller draws use
(std::log(1 - u), std::sin / std::cos(2 pi u)): tensor-core's crLog, crSin, crCos must give the same
doubles bit for bit. Inputs: the arguments the draws pass (1 - u and 2 pi u for u a 53-bit uniform),
plus edge values. CPython's math.log / math.sin / math.cos call the C library's functions.

Writes fixtures/tensor-core/libm.json: {"fn": "log" | "sin" | "cos", "x": [double], "y": [double] (the C
library's), "y_cr": [double] (the correctly rounded value: 60-digit decimal arithmetic, rounded once)}
(JSON numbers round-trip doubles exactly). The C library is not correctly rounded everywhere (glibc's
log, sin and cos err by up to about 0.52 ulp), so y and y_cr differ in a few places.
"""
import math
import random
from decimal import Decimal, getcontext

from common import write_fixture

SEED = 20261208
TWO_PI = 2 * math.pi


def arctan_inv(n):
    """atan(1 / n) by its series, in the decimal context's precision."""
    x = Decimal(1) / n
    x2, term, total, k = x * x, x, Decimal(0), 0
    while term != 0:
        total += term / (2 * k + 1) * (1 if k % 2 == 0 else -1)
        term *= x2
        k += 1
    return total


def taylor(r, odd):
    """sin r (odd) or cos r by the Taylor series, |r| <= pi/4."""
    total, term, k = Decimal(0), (r if odd else Decimal(1)), (1 if odd else 0)
    while term != 0 and (total == 0 or abs(term) > abs(total) * Decimal(10) ** -75):
        total += term
        term = -term * r * r / ((k + 1) * (k + 2))
        k += 2
    return total


HALF_PI = []


def exact(fn, x):
    """fn(x) correctly rounded to a double: 80-digit decimals, one rounding (Python's float(Decimal))."""
    getcontext().prec = 80
    d = Decimal(x)  # exact
    if fn == "log":
        return float(d.ln())
    half_pi = HALF_PI[0]
    k = int((d / half_pi).to_integral_value())
    r = d - k * half_pi
    q = (k + (1 if fn == "cos" else 0)) % 4
    v = taylor(r, q % 2 == 0)
    return float(-v if q >= 2 else v)


def generate():
    getcontext().prec = 80
    HALF_PI.append(2 * (4 * arctan_inv(5) - arctan_inv(239)))
    rng = random.Random(SEED)
    us = [rng.getrandbits(53) * 2.0 ** -53 for _ in range(20000)]
    edge_log = [1.0, 0.5, 2.0, 2.0 ** -53, 1 - 2.0 ** -53, 1 - 2.0 ** -52, 0.7071067811865476, 0.7071067811865475,
                1.4142135623730951, 1e-300, 1e300, 3.0, 10.0, math.e, 0.1]
    edge_trig = [0.0, 1e-300, 2.0 ** -53, math.pi, math.pi / 2, 3 * math.pi / 2, TWO_PI * (1 - 2.0 ** -53),
                 math.pi / 4, 0.7853981633974484, 1.0, 3.0, 6.0, 100.0, -1.0, -math.pi]
    logs = [1 - u for u in us[:10000]] + edge_log
    thetas = [TWO_PI * u for u in us[10000:]] + edge_trig
    cases = [
        {"id": "log", "dtype": "float64", "rtol": 0, "atol": 0, "fn": "log", "x": logs, "y": [math.log(x) for x in logs],
         "y_cr": [exact("log", x) for x in logs]},
        {"id": "sin", "dtype": "float64", "rtol": 0, "atol": 0, "fn": "sin", "x": thetas, "y": [math.sin(x) for x in thetas],
         "y_cr": [exact("sin", x) for x in thetas]},
        {"id": "cos", "dtype": "float64", "rtol": 0, "atol": 0, "fn": "cos", "x": thetas, "y": [math.cos(x) for x in thetas],
         "y_cr": [exact("cos", x) for x in thetas]},
    ]
    write_fixture("tensor-core", "libm", __file__, SEED, cases)
