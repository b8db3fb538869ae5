// torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (PyTorch 1.13's semantics): gradients are
// changed in place, without recording.
import { noGrad } from '@torchlet/autograd';
import { DTypeError, ValueError, promoteTypes, scalarTensor, stack, type Tensor } from '@torchlet/tensor-core';
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

/**
 * Scale every gradient by min(1, maxNorm / (total + 1e-6)), where total is the p-norm of all
 * gradients together (as if concatenated). Parameters without a gradient are skipped. Returns the
 * total norm as a 0-d tensor (float32 0 when there is no gradient at all).
 */
export function clipGradNorm_(parameters: TensorOrTensors, maxNorm: number, options: ClipGradNormOptions = {}): Tensor {
  checkOptions('clipGradNorm_', options, ['normType', 'errorIfNonfinite', 'foreach']);
  checkNumber('clipGradNorm_', 'maxNorm', maxNorm);
  const p = normTypeOf(options.normType ?? 2);
  const errorIfNonfinite = options.errorIfNonfinite ?? false;
  if (typeof errorIfNonfinite !== 'boolean') throw new DTypeError(`clipGradNorm_(): option 'errorIfNonfinite' expected a boolean, got ${typeof errorIfNonfinite}`);
  const foreach: unknown = options.foreach ?? null;
  if (foreach !== null && typeof foreach !== 'boolean') throw new DTypeError(`clipGradNorm_(): option 'foreach' expected a boolean or null, got ${typeof foreach}`);
  const grads = tensorList('clipGradNorm_', parameters)
    .map((t) => t.grad)
    .filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return scalarTensor(0);
  return noGrad(() => {
    let total: Tensor;
    if (p === Infinity) {
      const norms = grads.map((g) => vectorNorm(g, p));
      total = norms.length === 1 ? norms[0] : (stackPromoted(norms).max() as Tensor);
    } else {
      total = vectorNorm(stackPromoted(grads.map((g) => vectorNorm(g, p))), p);
    }
    if (errorIfNonfinite && !Number.isFinite(total.item())) {
      throw new ValueError(
        `clipGradNorm_(): the total norm of order ${p} for gradients from 'parameters' is non-finite (${total.item()}), so it cannot be clipped. ` +
          'To disable this error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite: false',
      );
    }
    // max_norm / (total + 1e-6), as PyTorch's reciprocal(total + 1e-6) * max_norm, clamped to 1
    const coef = total.add(1e-6).pow(-1).mul(maxNorm).clamp(undefined, 1);
    for (const g of grads) g.mul_(coef);
    return total;
  });
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
