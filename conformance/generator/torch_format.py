"""The torch format of optimizer and scheduler state (torchlet's `optimizerToTorch` / `schedulerToTorch`),
written and read from PyTorch: PyTorch 1.13's `state_dict()` with its tensors in a safetensors file and
everything else in JSON.

  optimizer JSON  {"state": {"<index>": {"<name>": value}}, "param_groups": [{..., "params": [indices]}]}
                  a tensor value is {"$tensor": "state.<index>.<name>"}, its key in the safetensors file
                  (the 0-d float32 `step` of Adam, AdamW, Adagrad, ... included); None is null.
  scheduler JSON  the scheduler's state_dict() (its __dict__ without the optimizer); OneCycleLR's
                  `anneal_func` (a method) is written as "cos" or "linear".
  numbers         inf, -inf and nan as {"$number": "Infinity" | "-Infinity" | "NaN"}; tuples as lists.
"""
import json
import math

import torch

TUPLE_KEYS = ("betas", "etas", "step_sizes")


def enc_value(v):
    if isinstance(v, float) and not math.isfinite(v):
        return {"$number": "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")}
    if isinstance(v, (list, tuple)):
        return [enc_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): enc_value(x) for k, x in v.items()}
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    raise TypeError(f"cannot write {type(v).__name__} in the torch format")


def dec_value(v, tensors):
    if isinstance(v, list):
        return [dec_value(x, tensors) for x in v]
    if isinstance(v, dict):
        if list(v) == ["$number"]:
            return float(v["$number"])
        if list(v) == ["$tensor"]:
            return tensors[v["$tensor"]].clone()
        return {k: dec_value(x, tensors) for k, x in v.items()}
    return v


def optimizer_to_json(opt):
    """(json, tensors) for a PyTorch optimizer."""
    sd = opt.state_dict()
    tensors, state = {}, {}
    for index, s in sd["state"].items():
        out = {}
        for name, v in s.items():
            if isinstance(v, torch.Tensor):
                key = f"state.{index}.{name}"
                tensors[key] = v.detach().clone().contiguous()
                out[name] = {"$tensor": key}
            else:
                out[name] = enc_value(v)
        state[str(index)] = out
    groups = [{k: enc_value(v) for k, v in g.items()} for g in sd["param_groups"]]
    return {"state": state, "param_groups": groups}, tensors


def optimizer_from_json(opt, doc, tensors):
    """Load (json, tensors) into a PyTorch optimizer with load_state_dict."""
    state = {int(i): {k: dec_value(v, tensors) for k, v in s.items()} for i, s in doc["state"].items()}
    groups = []
    for g in doc["param_groups"]:
        g = {k: dec_value(v, tensors) for k, v in g.items()}
        for k in TUPLE_KEYS:
            if k in g:
                g[k] = tuple(g[k])
        groups.append(g)
    opt.load_state_dict({"state": state, "param_groups": groups})


def scheduler_to_json(sched):
    sd = dict(sched.state_dict())
    if "anneal_func" in sd:
        sd["anneal_func"] = sd["anneal_func"].__name__.replace("_annealing_", "")
    return enc_value(sd)


def scheduler_from_json(sched, doc):
    sd = dec_value(doc, {})
    if "anneal_func" in sd:
        sd["anneal_func"] = getattr(sched, "_annealing_" + sd["anneal_func"])
    sched.load_state_dict(sd)


def dumps(doc):
    return json.dumps(doc, separators=(",", ":"), allow_nan=False)
