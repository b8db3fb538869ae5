// Elementwise ops: the core kernel, then the graph node when an input requires grad.
import type { AlphaOptions, Tensor, TensorOrScalar } from '@torchlet/tensor-core';
import { coreOps as raw } from '@torchlet/tensor-core/internal';
import { record, recording1, recording2 } from '../record.js';
import { shapeOf } from '../util.js';

export function add(a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions): Tensor {
  const out = raw.add(a, b, options);
  if (!recording2(a, b)) return out;
  return record('add', out, [a, b], { aShape: shapeOf(a), bShape: shapeOf(b), alpha: options?.alpha ?? 1 });
}

export function sub(a: TensorOrScalar, b: TensorOrScalar, options?: AlphaOptions): Tensor {
  const out = raw.sub(a, b, options);
  if (!recording2(a, b)) return out;
  return record('sub', out, [a, b], { aShape: shapeOf(a), bShape: shapeOf(b), alpha: options?.alpha ?? 1 });
}

export function mul(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = raw.mul(a, b);
  if (!recording2(a, b)) return out;
  return record('mul', out, [a, b], { a, b });
}

/** True division (integer inputs give float32). */
export function div(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = raw.div(a, b);
  if (!recording2(a, b)) return out;
  return record('div', out, [a, b], { a, b });
}

export function pow(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = raw.pow(a, b);
  if (!recording2(a, b)) return out;
  if (typeof b === 'number') return record('powScalar', out, [a], { x: a as Tensor, exponent: b });
  if (typeof a === 'number') {
    const saved = { base: a, b, out: PENDING };
    return (saved.out = record('powScalarBase', out, [null, b], saved));
  }
  const saved = { a, b, out: PENDING };
  return (saved.out = record('pow', out, [a, b], saved));
}

export function maximum(a: Tensor, b: Tensor): Tensor {
  const out = raw.maximum(a, b);
  if (!recording2(a, b)) return out;
  return record('maximum', out, [a, b], { a, b });
}

export function minimum(a: Tensor, b: Tensor): Tensor {
  const out = raw.minimum(a, b);
  if (!recording2(a, b)) return out;
  return record('minimum', out, [a, b], { a, b });
}

export function neg(x: Tensor): Tensor {
  const out = raw.neg(x);
  return recording1(x) ? record('neg', out, [x], null) : out;
}

export function abs(x: Tensor): Tensor {
  const out = raw.abs(x);
  return recording1(x) ? record('abs', out, [x], { x }) : out;
}

export function sign(x: Tensor): Tensor {
  const out = raw.sign(x);
  return recording1(x) ? record('sign', out, [x], null) : out;
}

export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  const out = raw.clamp(x, min, max);
  return recording1(x) ? record('clamp', out, [x], { x, min, max }) : out;
}

export function relu(x: Tensor): Tensor {
  const out = raw.relu(x);
  return recording1(x) ? withOut('relu', out, x) : out;
}

/** log(1 + exp(beta x)) / beta, linear above `threshold` (PyTorch's rule). */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const out = raw.softplus(x, beta, threshold);
  return recording1(x) ? record('softplus', out, [x], { x, beta, threshold }) : out;
}

/** torch.where(condition, a, b) with broadcasting; differentiable in a and b. */
export function where(condition: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const out = raw.where(condition, a, b);
  if (!recording2(a, b)) return out;
  return record('where', out, [a, b], { condition, aShape: shapeOf(a), bShape: shapeOf(b) });
}

type OutPrimitive = 'relu';

/** Placeholder for a saved output, replaced by the recorded result right after recording. */
const PENDING = null as unknown as Tensor;

/** Record a unary op whose rule uses its output: the saved output is the result tensor itself, so
 * double backward differentiates through it. */
function withOut(op: OutPrimitive, out: Tensor, x: Tensor): Tensor {
  const saved = { out: PENDING };
  return (saved.out = record(op, out, [x], saved));
}
