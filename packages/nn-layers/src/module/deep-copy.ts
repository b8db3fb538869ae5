// deepCopyModule: Python's copy.deepcopy for a module tree (what AveragedModel copies its model with).
// Every module, parameter and buffer is copied once (shared ones stay shared in the copy); other
// fields are copied structurally (arrays, plain objects, Maps, Sets) or shared (functions, class
// instances that are not modules or tensors, primitives).
import { noGrad } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor-core';
import { isTensor } from '@torchlet/tensor-core/internal';
import { Module } from './module.js';
import { Parameter } from './parameter.js';

type Memo = Map<object, unknown>;

/** The internal maps every Module has (filled in order, so the copy registers what the original did). */
const INTERNAL = ['_parameters', '_buffers', '_nonPersistent', '_modules'];

function copyTensor(t: Tensor, memo: Memo): Tensor {
  const seen = memo.get(t);
  if (seen !== undefined) return seen as Tensor;
  const data = noGrad(() => t.detach().clone());
  const out = t instanceof Parameter ? new Parameter(data, t.requiresGrad) : t.requiresGrad ? data.requiresGrad_(true) : data;
  memo.set(t, out);
  return out;
}

function copyValue(v: unknown, memo: Memo): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (memo.has(v)) return memo.get(v);
  if (isTensor(v)) return copyTensor(v as Tensor, memo);
  if (v instanceof Module) return copyModule(v, memo);
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    memo.set(v, out);
    for (const x of v) out.push(copyValue(x, memo));
    return out;
  }
  if (v instanceof Map) {
    const out = new Map<unknown, unknown>();
    memo.set(v, out);
    for (const [k, x] of v) out.set(k, copyValue(x, memo));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set<unknown>();
    memo.set(v, out);
    for (const x of v) out.add(copyValue(x, memo));
    return out;
  }
  if (Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    memo.set(v, out);
    for (const [k, x] of Object.entries(v)) out[k] = copyValue(x, memo);
    return out;
  }
  return v; // other class instances (devices, options classes, ...) are shared
}

function copyModule(m: Module, memo: Memo): Module {
  // Module's own constructor with new.target the module's class: a bare module of that class,
  // wrapped in the registering proxy, without running the subclass constructor
  const copy = Reflect.construct(Module, [], m.constructor) as Module;
  memo.set(m, copy);
  const src = m as unknown as Record<string, unknown>;
  const dst = copy as unknown as Record<string, unknown>;
  for (const key of INTERNAL) {
    const from = src[key] as Map<string, unknown> | Set<string>;
    const to = dst[key] as Map<string, unknown> | Set<string>;
    if (from instanceof Map && to instanceof Map) for (const [k, x] of from) to.set(k, copyValue(x, memo));
    else if (from instanceof Set && to instanceof Set) for (const k of from) to.add(k);
  }
  for (const key of Object.getOwnPropertyNames(m)) {
    if (INTERNAL.includes(key)) continue;
    const d = Object.getOwnPropertyDescriptor(m, key) as PropertyDescriptor;
    if ('value' in d) Object.defineProperty(copy, key, { ...d, value: copyValue(d.value, memo) });
    else Object.defineProperty(copy, key, d);
  }
  return copy;
}

/**
 * A deep copy of `model`: same class, same fields, its own copies of every submodule, parameter and
 * buffer (parameters keep requiresGrad; gradients are not copied). Closures the model's constructor
 * made still refer to the original (as they would after Python's deepcopy of a lambda).
 */
export function deepCopyModule<M extends Module>(model: M): M {
  return copyModule(model, new Map()) as M;
}
