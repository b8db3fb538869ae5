// Elementwise ops: the core kernel, then the graph node when an input requires grad.
import * as core from '@torchlet/tensor-core';
import type { AlphaOptions } from '@torchlet/tensor-core';
import { record, recording1, recording2, unwrap, wrap } from '../record.js';
import type { Tensor, TensorOrScalar } from '../tensor.js';
import { shapeOf } from '../util.js';

export function add(a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions): Tensor {
  const out = core.add(unwrap(a), unwrap(b), options);
  if (!recording2(a, b)) return wrap(out);
  return record('add', out, [a, b], { aShape: shapeOf(a), bShape: shapeOf(b), alpha: options?.alpha ?? 1 });
}

export function sub(a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions): Tensor {
  const out = core.sub(unwrap(a), unwrap(b), options);
  if (!recording2(a, b)) return wrap(out);
  return record('sub', out, [a, b], { aShape: shapeOf(a), bShape: shapeOf(b), alpha: options?.alpha ?? 1 });
}

export function mul(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = core.mul(unwrap(a), unwrap(b));
  if (!recording2(a, b)) return wrap(out);
  return record('mul', out, [a, b], { a, b });
}

/** True division (integer inputs give float32). */
export function div(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = core.div(unwrap(a), unwrap(b));
  if (!recording2(a, b)) return wrap(out);
  return record('div', out, [a, b], { a, b });
}

export function pow(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = core.pow(unwrap(a), unwrap(b));
  if (!recording2(a, b)) return wrap(out);
  if (typeof b === 'number') return record('powScalar', out, [a], { x: a as Tensor, exponent: b });
  if (typeof a === 'number') {
    const saved = { base: a, b, out: PENDING };
    return (saved.out = record('powScalarBase', out, [null, b], saved));
  }
  const saved = { a, b, out: PENDING };
  return (saved.out = record('pow', out, [a, b], saved));
}

export function maximum(a: Tensor, b: Tensor): Tensor {
  const out = core.maximum(a.value, b.value);
  if (!recording2(a, b)) return wrap(out);
  return record('maximum', out, [a, b], { a, b });
}

export function minimum(a: Tensor, b: Tensor): Tensor {
  const out = core.minimum(a.value, b.value);
  if (!recording2(a, b)) return wrap(out);
  return record('minimum', out, [a, b], { a, b });
}

export function neg(x: Tensor): Tensor {
  const out = core.neg(x.value);
  return recording1(x) ? record('neg', out, [x], null) : wrap(out);
}

export function exp(x: Tensor): Tensor {
  const out = core.exp(x.value);
  return recording1(x) ? withOut('exp', out, x) : wrap(out);
}

export function log(x: Tensor): Tensor {
  const out = core.log(x.value);
  return recording1(x) ? record('log', out, [x], { x }) : wrap(out);
}

export function log1p(x: Tensor): Tensor {
  const out = core.log1p(x.value);
  return recording1(x) ? record('log1p', out, [x], { x }) : wrap(out);
}

export function expm1(x: Tensor): Tensor {
  const out = core.expm1(x.value);
  return recording1(x) ? withOut('expm1', out, x) : wrap(out);
}

export function sqrt(x: Tensor): Tensor {
  const out = core.sqrt(x.value);
  return recording1(x) ? withOut('sqrt', out, x) : wrap(out);
}

export function rsqrt(x: Tensor): Tensor {
  const out = core.rsqrt(x.value);
  return recording1(x) ? withOut('rsqrt', out, x) : wrap(out);
}

export function abs(x: Tensor): Tensor {
  const out = core.abs(x.value);
  return recording1(x) ? record('abs', out, [x], { x }) : wrap(out);
}

export function sign(x: Tensor): Tensor {
  const out = core.sign(x.value);
  return recording1(x) ? record('sign', out, [x], null) : wrap(out);
}

export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  const out = core.clamp(x.value, min, max);
  return recording1(x) ? record('clamp', out, [x], { x, min, max }) : wrap(out);
}

export function sigmoid(x: Tensor): Tensor {
  const out = core.sigmoid(x.value);
  return recording1(x) ? withOut('sigmoid', out, x) : wrap(out);
}

export function tanh(x: Tensor): Tensor {
  const out = core.tanh(x.value);
  return recording1(x) ? withOut('tanh', out, x) : wrap(out);
}

export function relu(x: Tensor): Tensor {
  const out = core.relu(x.value);
  return recording1(x) ? withOut('relu', out, x) : wrap(out);
}

/** log(1 + exp(beta x)) / beta, linear above `threshold` (PyTorch's rule). */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const out = core.softplus(x.value, beta, threshold);
  return recording1(x) ? record('softplus', out, [x], { x, beta, threshold }) : wrap(out);
}

/** torch.where(condition, a, b) with broadcasting; differentiable in a and b. */
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = core.where(condition.value, unwrap(a), unwrap(b));
  if (!recording2(a, b)) return wrap(out);
  return record('where', out, [a, b], { condition, aShape: shapeOf(a), bShape: shapeOf(b) });
}

type OutPrimitive = 'exp' | 'expm1' | 'sqrt' | 'rsqrt' | 'sigmoid' | 'tanh' | 'relu';

/** Placeholder for a saved output, replaced by the recorded result right after recording. */
const PENDING = null as unknown as Tensor;

/** Record a unary op whose rule uses its output: the saved output is the result tensor itself, so
 * double backward differentiates through it. */
function withOut(op: OutPrimitive, out: core.Tensor, x: Tensor): Tensor {
  const saved = { out: PENDING };
  return (saved.out = record(op, out, [x], saved));
}
