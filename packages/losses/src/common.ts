// Shared helpers for the losses: argument checks, reductions, constants and strided reads.
// Internal to @torchlet/losses (re-exported from ./internal for other torchlet packages).
import { isGradEnabled } from '@torchlet/autograd';
import { DTypeError, ShapeError, Tensor, TorchletError, ValueError, isFloatingDType, type DType } from '@torchlet/tensor-core';
import { checkOptionKeys, contiguousStrides, copyInto, numel, shapesEqual } from '@torchlet/tensor-core/internal';

/**
 * How a loss reduces its per-element values: PyTorch's `reduction` argument.
 *
 * @pytorch the `reduction` argument of torch.nn.functional's losses ('none' | 'mean' | 'sum')
 * @example
 * ```ts
 * const perSample = mseLoss(randn([4]), randn([4]), { reduction: 'none' }); // shape [4]
 * const total = mseLoss(randn([4]), randn([4]), { reduction: 'sum' }); // a scalar
 * ```
 */
export type Reduction = 'none' | 'mean' | 'sum';

/**
 * A loss's options with its defaults filled in where an option is missing (undefined). The one
 * place each default lives is the loss's `DEFAULTS` object, used by the function and its module;
 * a key it does not have is refused (PyTorch's TypeError on an unexpected keyword argument:
 * `label_smoothing` is told to be `labelSmoothing`).
 */
export function withDefaults<D extends object>(op: string, defaults: Readonly<D>, options: { readonly [K in keyof D]?: D[K] }): D {
  checkOptionKeys(op, options, Object.keys(defaults));
  const out: D = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof D)[]) {
    const value = options[key];
    if (value !== undefined) out[key] = value as D[keyof D];
  }
  return out;
}

const REDUCTIONS: readonly string[] = ['none', 'mean', 'sum'];

/** Throw `TorchletError` subclass `E` with torchlet's message layout: op, argument, expected, actual. */
export function fail(
  op: string,
  argument: string,
  expected: string,
  actual: string,
  E: new (message: string) => TorchletError = TorchletError,
): never {
  throw new E(`${op}(): argument '${argument}' expected ${expected}, got ${actual}`);
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Whether a gradient would be asked of `weight`: a tensor that requires grad, with grad mode on. */
export function weightNeedsGrad(weight: Tensor | null | undefined): weight is Tensor {
  return weight !== null && weight !== undefined && weight.requiresGrad && isGradEnabled();
}

/**
 * PyTorch's kernels for these losses have no derivative for their weights: with grad mode on, a
 * weight that requires grad is refused (RuntimeError there) rather than silently given none.
 */
export function refuseWeightGrad(op: string, kernel: string, argument: string, weight: Tensor | null | undefined): void {
  if (weightNeedsGrad(weight)) {
    throw new TorchletError(
      `${op}(): argument '${argument}' expected a tensor that does not require grad (PyTorch's ${kernel} is not ` +
        `differentiable with respect to it), got one with requiresGrad true; pass ${argument}.detach()`,
    );
  }
}

/** Check `reduction` is one of `allowed` (PyTorch raises ValueError "x is not a valid value for reduction"). */
export function checkReduction<R extends string = Reduction>(
  op: string,
  reduction: string,
  allowed: readonly string[] = REDUCTIONS,
): R {
  if (!allowed.includes(reduction)) {
    fail(op, 'reduction', `one of ${allowed.map((r) => `'${r}'`).join(', ')}`, `'${reduction}'`, ValueError);
  }
  return reduction as R;
}

/** `'none'` keeps the per-element losses; `'mean'` averages all of them; `'sum'` adds them. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  return loss;
}

/** What a value is, for an error message: 'null', 'an array', 'a number'... */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Require a Tensor (an array or a number is a mistake a message should name, not a TypeError). */
export function checkTensor(op: string, argument: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    const hint = Array.isArray(x) || typeof x === 'number' ? ' (make one with tensor(...))' : '';
    fail(op, argument, 'a Tensor', `${describeValue(x)}${hint}`);
  }
}

/** Require `x` to have the dtype of `like` (PyTorch's kernels: "expected scalar type Double but found Float"). */
export function checkSameDType(op: string, argument: string, x: Tensor, like: Tensor, what = 'input'): void {
  if (x.dtype !== like.dtype) fail(op, argument, `dtype ${like.dtype} (the ${what}'s dtype)`, `dtype ${x.dtype}`, DTypeError);
}

/** Require a floating dtype (float32 / float64). */
export function checkFloating(op: string, argument: string, x: Tensor): void {
  checkTensor(op, argument, x);
  const dtype = x.dtype;
  if (dtype !== 'float32' && dtype !== 'float64') {
    fail(op, argument, 'a floating tensor (float32 or float64)', `dtype ${dtype}`, DTypeError);
  }
}

/** Require two tensors of exactly the same shape (PyTorch's "target size must be the same as input size"). */
export function checkSameShape(op: string, argument: string, x: Tensor, expected: Tensor, what = 'input'): void {
  checkTensor(op, argument, x);
  const a = x.shape;
  const b = expected.shape;
  if (!sameShape(a, b)) {
    fail(op, argument, `the same shape as ${what} ${formatShape(b)}`, `shape ${formatShape(a)}`, ShapeError);
  }
}

/** Require `x` to broadcast with `shape` (PyTorch's elementwise size check). */
export function checkBroadcast(op: string, argument: string, x: Tensor, shape: readonly number[], what: string): void {
  checkTensor(op, argument, x);
  const a = x.shape;
  const n = Math.max(a.length, shape.length);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = shape[shape.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      fail(op, argument, `a shape that broadcasts with ${what} ${formatShape(shape)}`, `shape ${formatShape(a)}`, ShapeError);
    }
  }
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return shapesEqual(a, b);
}

export const numelOf = numel;

/**
 * The elements of a tensor in row-major order as doubles, whatever its strides.
 * Reads storage directly so the losses' index bookkeeping does not allocate tensors (nor record).
 */
export function readValues(t: Tensor): Float64Array {
  const out = new Float64Array(numel(t.shape));
  copyInto(t, { dtype: 'float64', data: out, shape: t.shape, strides: contiguousStrides(t.shape), offset: 0 });
  return out;
}

/** A contiguous constant tensor (no gradient) of `dtype` holding `values` (rounded once for float32). */
export function constant(values: ArrayLike<number>, shape: readonly number[], dtype: DType): Tensor {
  let data: Float32Array | Float64Array | Int32Array | Uint8Array;
  switch (dtype) {
    case 'float32':
      data = Float32Array.from(values);
      break;
    case 'int32':
      data = Int32Array.from(values);
      break;
    case 'bool':
      data = Uint8Array.from(values, (v) => (v !== 0 ? 1 : 0));
      break;
    default:
      data = Float64Array.from(values);
  }
  return new Tensor(data, shape, dtype);
}

/** A 0-d constant. */
export function scalar(value: number, dtype: DType): Tensor {
  return constant([value], [], dtype);
}

/**
 * log(1 + exp(v)) without overflow: max(v, 0) + log1p(exp(-|v|)) (factor exp(max(v, 0)) out of
 * the sum). Written so the gradient is sigmoid(v) everywhere, including v = 0: there max(v, 0)
 * takes the v <= 0 branch (slope 0) and |v| the -v branch (slope -1), giving 0 + 1/2.
 */
export function softplusExact(v: Tensor): Tensor {
  const positive = v.gt(0);
  const relu = v.where(positive, 0);
  const abs = v.where(positive, v.neg());
  return relu.add(abs.neg().exp().log1p());
}


/**
 * A regression loss's target: an integer or bool one is promoted to the input's floating dtype, as
 * PyTorch's result-type rule does (`mse_loss(float_input, long_target)` computes in float).
 */
export function promotedTarget(target: Tensor, input: Tensor): Tensor {
  return target instanceof Tensor && !isFloatingDType(target.dtype) && isFloatingDType(input.dtype) ? target.to(input.dtype) : target;
}
