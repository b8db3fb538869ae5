// Numerical gradient checks (torch.autograd.gradcheck / gradgradcheck): analytical Jacobians from
// grad() compared with central finite differences in float64.
import * as core from '@torchlet/tensor-core';
import { TorchletError, ValueError, type Tensor } from '@torchlet/tensor-core';
import { checkOptionKeys, coreOps as raw, isTensor } from '@torchlet/tensor-core/internal';
import { grad } from './engine.js';
import { enableGrad, noGrad } from './grad-mode.js';

/**
 * Options of `gradcheck` and `gradgradcheck`: the finite-difference step and the tolerances.
 *
 * @pytorch the eps, atol and rtol arguments of torch.autograd.gradcheck
 * @example
 * ```ts
 * const options: GradcheckOptions = { eps: 1e-6, atol: 1e-5, rtol: 1e-3 };
 * gradcheck((t) => t.mul(t).exp(), [randn([3], { dtype: 'float64', requiresGrad: true })], options);
 * ```
 */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
}

const GRADCHECK_OPTIONS = ['eps', 'atol', 'rtol'] as const;

/**
 * A function `gradcheck` and `gradgradcheck` differentiate: tensors in, one tensor or a list out.
 *
 * @pytorch the func argument of torch.autograd.gradcheck
 * @example
 * ```ts
 * const fn: CheckedFunction = (a, b) => a.mul(b).sum();
 * const inputs = [randn([2], { dtype: 'float64', requiresGrad: true }), randn([2], { dtype: 'float64', requiresGrad: true })];
 * gradcheck(fn, inputs);
 * ```
 */
export type CheckedFunction = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

const asList = (r: Tensor | readonly Tensor[]): readonly Tensor[] => (isTensor(r) ? [r] : r);

/** Storage position of each logical (row-major) element of `x`. */
function storageIndices(x: Tensor): number[] {
  const n = x.numel();
  const out = new Array<number>(n);
  const { shape, strides, offset } = x;
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let p = offset;
    for (let d = 0; d < shape.length; d++) p += idx[d] * strides[d];
    out[k] = p;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** float64 copies of float32 inputs (same requiresGrad); float64 inputs are used as they are. */
function toDouble(inputs: readonly Tensor[]): Tensor[] {
  return inputs.map((x) =>
    x.dtype === 'float32' ? raw.to(x, 'float64').requiresGrad_(x.requiresGrad) : x,
  );
}

function flatOutputs(fn: CheckedFunction, inputs: readonly Tensor[]): number[][] {
  return noGrad(() => asList(fn(...inputs)).map((o) => Array.from(o.toTypedArray(), Number)));
}

/**
 * Check the gradients of `fn` at `inputs` against central finite differences. float32 inputs are
 * converted to float64 first. Returns true, or throws naming the first mismatching output,
 * input, element, analytical and numerical values.
 *
 * @pytorch torch.autograd.gradcheck
 * @example
 * ```ts
 * const x = randn([3], { dtype: 'float64', requiresGrad: true });
 * gradcheck((t) => t.exp().sum(), [x]); // true, or throws naming the mismatch
 * ```
 */
export function gradcheck(fn: CheckedFunction, inputs: readonly Tensor[], options?: GradcheckOptions): true {
  checkOptionKeys('gradcheck', options, GRADCHECK_OPTIONS);
  const eps = options?.eps ?? 1e-6;
  const atol = options?.atol ?? 1e-5;
  const rtol = options?.rtol ?? 1e-3;
  const xs = toDouble(inputs);
  const diff = xs.map((_, i) => i).filter((i) => xs[i].requiresGrad);
  if (diff.length === 0) throw new ValueError("gradcheck(): argument 'inputs' expected at least one tensor that requires grad, got none");
  const outputs = asList(fn(...xs));

  // Analytical: row j of each Jacobian from grad() with a one-hot gradOutput.
  const analytical: number[][][][] = outputs.map((o) => diff.map((i) => jacobianRows(o, xs[i])));
  outputs.forEach((o, oi) => {
    if (!o.requiresGrad || !o.isFloatingPoint()) return;
    const n = o.numel();
    for (let j = 0; j < n; j++) {
      const onehot = core.zeros(o.shape, { dtype: o.dtype });
      (onehot.data as Float64Array | Float32Array)[j] = 1;
      const grads = grad([o], diff.map((i) => xs[i]), {
        gradOutputs: [onehot],
        retainGraph: true,
        allowUnused: true,
      });
      grads.forEach((g, di) => {
        if (g === null) return;
        const values = g.toTypedArray();
        for (let k = 0; k < values.length; k++) analytical[oi][di][k][j] = Number(values[k]);
      });
    }
  });

  // Numerical: central differences, perturbing each input element in its storage.
  diff.forEach((i, di) => {
    const x = xs[i];
    for (let d = 0; d < x.shape.length; d++) {
      if (x.strides[d] === 0 && x.shape[d] > 1) {
        throw new ValueError(`gradcheck(): input ${i} has overlapping memory (a stride-0 dim); pass a contiguous copy`);
      }
    }
    const data = x.data as Float64Array;
    storageIndices(x).forEach((p, k) => {
      const orig = data[p];
      data[p] = orig + eps;
      const plus = flatOutputs(fn, xs);
      data[p] = orig - eps;
      const minus = flatOutputs(fn, xs);
      data[p] = orig;
      outputs.forEach((o, oi) => {
        if (!o.isFloatingPoint()) return;
        for (let j = 0; j < plus[oi].length; j++) {
          const numerical = (plus[oi][j] - minus[oi][j]) / (2 * eps);
          const a = analytical[oi][di][k][j];
          if (!(Math.abs(a - numerical) <= atol + rtol * Math.abs(numerical))) {
            throw new TorchletError(
              `gradcheck(): Jacobian mismatch for output ${oi} with respect to input ${i}, element ${k} ` +
                `(output element ${j}): analytical ${a}, numerical ${numerical}`,
            );
          }
        }
      });
    });
  });
  return true;
}

/** A zero Jacobian block: [input element][output element]. */
function jacobianRows(o: Tensor, x: Tensor): number[][] {
  const n = o.numel();
  return Array.from({ length: x.numel() }, () => new Array<number>(n).fill(0));
}

/** Deterministic values in [-1, 1) for the random gradOutputs of gradgradcheck. */
function pseudoRandom(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/**
 * Check second derivatives: gradcheck of (inputs, gradOutputs) -> grad(fn(inputs), inputs,
 * { gradOutputs, createGraph: true }). gradOutputs default to fixed pseudo-random values.
 *
 * @pytorch torch.autograd.gradgradcheck
 * @example
 * ```ts
 * const x = randn([3], { dtype: 'float64', requiresGrad: true });
 * gradgradcheck((t) => t.mul(t).mul(t), [x]); // true, or throws
 * ```
 */
export function gradgradcheck(
  fn: CheckedFunction,
  inputs: readonly Tensor[],
  gradOutputs?: readonly Tensor[],
  options?: GradcheckOptions,
): true {
  checkOptionKeys('gradgradcheck', options, GRADCHECK_OPTIONS);
  const xs = toDouble(inputs);
  const diff = xs.filter((x) => x.requiresGrad);
  const outs = asList(fn(...xs));
  const gos =
    gradOutputs !== undefined
      ? toDouble(gradOutputs).map((g) => g.detach().requiresGrad_(true))
      : outs.map((o, i) => core.tensor(pseudoRandom(o.numel(), 12345 + i), { shape: o.shape, requiresGrad: true }));
  const nx = xs.length;
  // Recording stays on even where gradcheck evaluates under noGrad: the values need grad() inside.
  const firstGrad = (...all: Tensor[]): Tensor[] => enableGrad(() => firstGradRecorded(all));
  const firstGradRecorded = (all: Tensor[]): Tensor[] => {
    const ins = all.slice(0, nx);
    const outputs = asList(fn(...ins));
    const wrt = ins.filter((x) => x.requiresGrad);
    const grads = grad(outputs, wrt, { gradOutputs: all.slice(nx), createGraph: true, allowUnused: true });
    return grads.map((g, i) => g ?? core.zerosLike(wrt[i]));
  };
  if (diff.length === 0) throw new ValueError("gradgradcheck(): argument 'inputs' expected at least one tensor that requires grad, got none");
  return gradcheck(firstGrad, [...xs, ...gos], options);
}
