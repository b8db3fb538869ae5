// torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (PyTorch 1.13's semantics): gradients are
// changed in place, without recording.
import { noGrad } from '@torchlet/autograd';
import { DTypeError, ValueError, promoteTypes, scalarTensor, stack, type Tensor } from '@torchlet/tensor-core';
import { syncReadOpError } from '@torchlet/tensor-core/internal';
import { checkNumber, checkOptions } from '../functional/util.js';
import { tensorList, type TensorOrTensors } from './parameters.js';

/**
 * Options of `utils.clipGradNorm_`: the norm's type (p, or 'inf'), whether a non-finite norm throws, and PyTorch's foreach flag.
 *
 * @pytorch the keyword arguments of torch.nn.utils.clip_grad_norm_
 * @example
 * ```ts
 * const model = new Linear(3, 2);
 * const options: ClipGradNormOptions = { normType: 'inf' };
 * const total = utils.clipGradNorm_(model.parameters(), 1.0, options);
 * ```
 */
export interface ClipGradNormOptions {
  /** The p of the p-norm (default 2): any number, `Infinity` / `'inf'` (max |g|) or `-Infinity` / `'-inf'` (min |g|). */
  normType?: number | 'inf' | '-inf';
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
  /** PyTorch 2.x's choice of kernels; accepted for ported code, no effect on the result. */
  foreach?: boolean | null;
}

function normTypeOf(value: unknown): number {
  if (value === 'inf') return Infinity;
  if (value === '-inf') return -Infinity;
  if (typeof value !== 'number') {
    throw new DTypeError(`clipGradNorm_(): option 'normType' expected a number, 'inf' or '-inf', got ${typeof value === 'string' ? `'${value}'` : typeof value}`);
  }
  return value;
}

/** torch.norm(g, p) of a gradient, as a 0-d tensor of its dtype. */
function vectorNorm(g: Tensor, p: number): Tensor {
  if (p === Infinity) return g.abs().max() as Tensor;
  if (p === -Infinity) return g.abs().min() as Tensor;
  if (p === 0) return g.ne(0).sum().to(g.dtype); // the number of non-zero elements
  if (p === 1) return g.abs().sum();
  if (p === 2) return g.mul(g).sum().sqrt();
  return g.abs().pow(p).sum().pow(1 / p); // (sum |g|^p)^(1/p)
}

interface ClipPlan {
  grads: Tensor[];
  total: Tensor;
  p: number;
  errorIfNonfinite: boolean;
}

/** Check the arguments and compute the total norm (null when no parameter has a gradient). */
function plan(op: string, parameters: TensorOrTensors, maxNorm: number, options: ClipGradNormOptions): ClipPlan | null {
  checkOptions(op, options, ['normType', 'errorIfNonfinite', 'foreach']);
  checkNumber(op, 'maxNorm', maxNorm);
  const p = normTypeOf(options.normType ?? 2);
  const errorIfNonfinite = options.errorIfNonfinite ?? false;
  if (typeof errorIfNonfinite !== 'boolean') throw new DTypeError(`${op}(): option 'errorIfNonfinite' expected a boolean, got ${typeof errorIfNonfinite}`);
  const foreach: unknown = options.foreach ?? null;
  if (foreach !== null && typeof foreach !== 'boolean') throw new DTypeError(`${op}(): option 'foreach' expected a boolean or null, got ${typeof foreach}`);
  const grads = tensorList(op, parameters)
    .map((t) => t.grad)
    .filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return null;
  const total = noGrad(() => {
    if (p === Infinity) {
      const norms = grads.map((g) => vectorNorm(g, p));
      return norms.length === 1 ? norms[0] : (stackPromoted(norms).max() as Tensor);
    }
    return vectorNorm(stackPromoted(grads.map((g) => vectorNorm(g, p))), p);
  });
  return { grads, total, p, errorIfNonfinite };
}

function checkFinite(op: string, p: number, value: number): void {
  if (!Number.isFinite(value)) {
    throw new ValueError(
      `${op}(): the total norm of order ${p} for gradients from 'parameters' is non-finite (${value}), so it cannot be clipped. ` +
        'To disable this error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite: false',
    );
  }
}

/** Scale the gradients by min(1, maxNorm / (total + 1e-6)); returns total. */
function clip(grads: Tensor[], total: Tensor, maxNorm: number): Tensor {
  return noGrad(() => {
    // max_norm / (total + 1e-6), as PyTorch's reciprocal(total + 1e-6) * max_norm, clamped to 1
    const coef = total.add(1e-6).pow(-1).mul(maxNorm).clamp(undefined, 1);
    for (const g of grads) g.mul_(coef);
    return total;
  });
}

/**
 * Scale every gradient by min(1, maxNorm / (total + 1e-6)), where total is the p-norm of all
 * gradients together (as if concatenated). Parameters without a gradient are skipped. Returns the
 * total norm as a 0-d tensor (float32 0 when there is no gradient at all). With errorIfNonfinite,
 * gradients on a device (a GPU) need `await utils.clipGradNormAsync_(...)`: testing the norm reads it.
 */
export function clipGradNorm_(parameters: TensorOrTensors, maxNorm: number, options: ClipGradNormOptions = {}): Tensor {
  const planned = plan('clipGradNorm_', parameters, maxNorm, options);
  if (planned === null) return scalarTensor(0);
  const { grads, total, p, errorIfNonfinite } = planned;
  if (errorIfNonfinite) {
    if (total.device !== 'cpu') {
      throw syncReadOpError('clipGradNorm_', total.device, 'the total norm to test it with errorIfNonfinite', 'await utils.clipGradNormAsync_(parameters, maxNorm, options)');
    }
    checkFinite('clipGradNorm_', p, total.item());
  }
  return clip(grads, total, maxNorm);
}

/**
 * `clipGradNorm_` for gradients on any device: with errorIfNonfinite the total norm is read back
 * asynchronously and a NaN or infinite one throws PyTorch's error (the gradients left as they
 * were); otherwise, and on the CPU, the gradients are clipped as `clipGradNorm_` does. Resolves to
 * the total norm, a 0-d tensor.
 *
 * @pytorch torch.nn.utils.clip_grad_norm_ (which synchronises with the device when error_if_nonfinite=True)
 * @example
 * ```ts
 * const model = new Linear(3, 2);
 * model.forward(randn([4, 3])).sum().backward();
 * const total = await utils.clipGradNormAsync_(model.parameters(), 1.0, { errorIfNonfinite: true });
 * ```
 */
export async function clipGradNormAsync_(parameters: TensorOrTensors, maxNorm: number, options: ClipGradNormOptions = {}): Promise<Tensor> {
  const planned = plan('clipGradNormAsync_', parameters, maxNorm, options);
  if (planned === null) return scalarTensor(0);
  const { grads, total, p, errorIfNonfinite } = planned;
  if (errorIfNonfinite) checkFinite('clipGradNormAsync_', p, await total.itemAsync());
  return clip(grads, total, maxNorm);
}

/** torch.stack with type promotion (PyTorch's stack promotes mixed float32 / float64 norms). */
function stackPromoted(ts: Tensor[]): Tensor {
  const dtype = ts.reduce((d, t) => promoteTypes(d, t.dtype), ts[0].dtype);
  return stack(ts.map((t) => (t.dtype === dtype ? t : t.to(dtype))));
}

/** Clamp every gradient into [-clipValue, clipValue] in place (parameters without a gradient are skipped). */
export function clipGradValue_(parameters: TensorOrTensors, clipValue: number): void {
  checkNumber('clipGradValue_', 'clipValue', clipValue);
  const grads = tensorList('clipGradValue_', parameters)
    .map((t) => t.grad)
    .filter((g): g is Tensor => g !== null);
  noGrad(() => {
    for (const g of grads) g.clamp_(-clipValue, clipValue);
  });
}
