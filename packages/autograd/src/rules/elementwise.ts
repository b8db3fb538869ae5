// Backward rules of the elementwise family (tfjs gradients/*_grad.ts, Burn ops/tensor.rs).
import type { DType } from '@torchlet/tensor-core';
import { thresholdBackward, type FloatUnaryOp } from '@torchlet/tensor-core/internal';
import { isGradEnabled } from '../grad-mode.js';
import type { Tensor, TensorOrScalar } from '@torchlet/tensor-core';
import { sub, where, zerosLike } from '@torchlet/tensor-core';
import { sumToShape } from '../util.js';
import { OUTPUT, type RuleTable } from './types.js';

type Shape = readonly number[];

/**
 * What each float-valued unary op (tensor-core's FLOAT_UNARY_OPS) saves for its backward: its input
 * or its output, as PyTorch's derivatives.yaml (a new name in that list fails to compile until it
 * has an entry here and a rule below). The recording versions are derived from this.
 */
export const FLOAT_UNARY_SAVES = {
  exp: 'output',
  log: 'input',
  log1p: 'input',
  expm1: 'output',
  sqrt: 'output',
  rsqrt: 'output',
  sigmoid: 'output',
  tanh: 'output',
  erf: 'input',
} as const satisfies { readonly [K in FloatUnaryOp]: 'input' | 'output' };

/** The saved state of a float-valued unary op: `{ x }` (its input) or `{ out }` (its output). */
type FloatUnarySaved = {
  [K in FloatUnaryOp]: (typeof FLOAT_UNARY_SAVES)[K] extends 'input' ? { x: Tensor } : { out: Tensor };
};

export interface ElementwiseSaved extends FloatUnarySaved {
  add: { aShape: Shape; bShape: Shape; alpha: number };
  sub: { aShape: Shape; bShape: Shape; alpha: number };
  mul: { a: TensorOrScalar; b: TensorOrScalar };
  div: { a: TensorOrScalar; b: TensorOrScalar };
  /** tensor ** number */
  powScalar: { x: Tensor; exponent: number };
  /** tensor ** tensor */
  pow: { a: Tensor; b: Tensor; out: Tensor };
  /** number ** tensor */
  powScalarBase: { base: number; b: Tensor; out: Tensor };
  maximum: { a: Tensor; b: Tensor };
  minimum: { a: Tensor; b: Tensor };
  neg: null;
  abs: { x: Tensor };
  sign: null;
  clamp: { x: Tensor; min: number | undefined; max: number | undefined };
  relu: { out: Tensor };
  softplus: { x: Tensor; beta: number; threshold: number };
  where: { condition: Tensor; aShape: Shape; bShape: Shape };
  /** fill_ / zero_ / random fills on a recorded tensor: the old values do not matter. */
  fill: null;
  /** copy_(src) on a recorded tensor: src broadcast and converted. */
  copy: { srcShape: Shape; srcDtype: DType };
}

const shape = (x: TensorOrScalar): Shape => (typeof x === 'number' ? [] : x.shape);

/** d max(a,b): g where a > b, g/2 where a == b (PyTorch splits ties), 0 where a < b. */
function selectGrad(g: Tensor, self: Tensor, other: Tensor, greater: boolean): Tensor {
  const half = where(self.eq(other), g.div(2), g);
  const lose = greater ? self.lt(other) : self.gt(other);
  return sumToShape(half.maskedFill(lose, 0), self.shape);
}

export const elementwiseRules = {
  // d(a + alpha b) = (g, alpha g), summed back over broadcast dims
  add: {
    name: 'AddBackward0',
    savesTensors: false,
    backward: (g, s, next) => [
      next[0] ? sumToShape(g, s.aShape) : null,
      next[1] ? sumToShape(s.alpha === 1 ? g : g.mul(s.alpha), s.bShape) : null,
    ],
  },
  // d(a - alpha b) = (g, -alpha g)
  sub: {
    name: 'SubBackward0',
    savesTensors: false,
    backward: (g, s, next) => [
      next[0] ? sumToShape(g, s.aShape) : null,
      next[1] ? sumToShape(g.mul(-s.alpha), s.bShape) : null,
    ],
  },
  // d(a b) = (g b, g a)
  mul: {
    name: 'MulBackward0',
    savesTensors: true,
    versioned: (s, next) => [next[0] ? s.b : null, next[1] ? s.a : null],
    backward: (g, s, next) => [
      next[0] ? sumToShape(g.mul(s.b), shape(s.a)) : null,
      next[1] ? sumToShape(g.mul(s.a), shape(s.b)) : null,
    ],
  },
  // d(a / b) = (g / b, -g a / b^2)
  div: {
    name: 'DivBackward0',
    savesTensors: true,
    versioned: (s, next) => [next[0] || next[1] ? s.b : null, next[1] ? s.a : null],
    backward: (g, s, next) => [
      next[0] ? sumToShape(g.div(s.b), shape(s.a)) : null,
      next[1] && typeof s.b !== 'number'
        ? sumToShape(g.neg().mul(s.a).div(s.b.mul(s.b)), s.b.shape)
        : null,
    ],
  },
  // d x^p = g p x^(p-1) (zero for p == 0, as PyTorch)
  powScalar: {
    name: 'PowBackward0',
    savesTensors: true,
    versioned: (s) => [s.x],
    backward: (g, s) => [s.exponent === 0 ? zerosLike(g) : g.mul(s.x.pow(s.exponent - 1).mul(s.exponent))],
  },
  // d a^b = (g b a^(b-1) [0 where b == 0], g a^b log a [0 where a == 0 and b >= 0])
  pow: {
    name: 'PowBackward1',
    savesTensors: true,
    versioned: (s) => [s.a, s.b, OUTPUT],
    backward: (g, s, next) => {
      const { a, b } = s;
      const ga = next[0] ? where(b.eq(0), 0, g.mul(b.mul(a.pow(b.sub(1))))) : null;
      const gb = next[1]
        ? g.mul(where(a.eq(0).logicalAnd(b.ge(0)), 0, s.out.mul(a.log())))
        : null;
      return [ga && sumToShape(ga, a.shape), gb && sumToShape(gb, b.shape)];
    },
  },
  // d c^b = g c^b log c (0 where c == 0 and b >= 0)
  powScalarBase: {
    name: 'PowBackward2',
    savesTensors: true,
    versioned: (s) => [s.b, OUTPUT],
    backward: (g, s) => [
      null,
      s.base === 0 ? where(s.b.ge(0), 0, g.mul(s.out).mul(-Infinity)) : g.mul(s.out).mul(Math.log(s.base)),
    ],
  },
  maximum: {
    name: 'MaximumBackward0',
    savesTensors: true,
    versioned: (s) => [s.a, s.b],
    backward: (g, s, next) => [
      next[0] ? selectGrad(g, s.a, s.b, true) : null,
      next[1] ? selectGrad(g, s.b, s.a, true) : null,
    ],
  },
  minimum: {
    name: 'MinimumBackward0',
    savesTensors: true,
    versioned: (s) => [s.a, s.b],
    backward: (g, s, next) => [
      next[0] ? selectGrad(g, s.a, s.b, false) : null,
      next[1] ? selectGrad(g, s.b, s.a, false) : null,
    ],
  },
  // d(-x) = -g
  neg: { name: 'NegBackward0', savesTensors: false, backward: (g) => [g.neg()] },
  // d e^x = g e^x
  exp: { name: 'ExpBackward0', savesTensors: true, versioned: () => [OUTPUT], backward: (g, s) => [g.mul(s.out)] },
  // d log x = g / x
  log: { name: 'LogBackward0', savesTensors: true, versioned: (s) => [s.x], backward: (g, s) => [g.div(s.x)] },
  // d log(1 + x) = g / (1 + x)
  log1p: { name: 'Log1PBackward0', savesTensors: true, backward: (g, s) => [g.div(s.x.add(1))] },
  // d (e^x - 1) = g (out + 1)
  expm1: { name: 'Expm1Backward0', savesTensors: true, backward: (g, s) => [g.mul(s.out.add(1))] },
  // d sqrt x = g / (2 sqrt x)
  sqrt: { name: 'SqrtBackward0', savesTensors: true, versioned: () => [OUTPUT], backward: (g, s) => [g.div(s.out.mul(2))] },
  // d x^(-1/2) = -g out^3 / 2
  rsqrt: { name: 'RsqrtBackward0', savesTensors: true, versioned: () => [OUTPUT], backward: (g, s) => [g.mul(s.out.pow(3)).mul(-0.5)] },
  // d |x| = g sign(x)
  abs: { name: 'AbsBackward0', savesTensors: true, versioned: (s) => [s.x], backward: (g, s) => [g.mul(s.x.sign())] },
  // d sign(x) = 0
  sign: { name: 'SignBackward0', savesTensors: false, backward: (g) => [zerosLike(g)] },
  // d clamp(x, lo, hi) = g where lo <= x <= hi (bounds inclusive, as PyTorch), else 0
  clamp: {
    name: 'ClampBackward1',
    savesTensors: true,
    versioned: (s) => [s.x],
    backward: (g, s) => {
      const x = s.x;
      const lo = s.min === undefined ? null : x.ge(s.min);
      const hi = s.max === undefined ? null : x.le(s.max);
      const keep = lo && hi ? lo.logicalAnd(hi) : (lo ?? hi);
      return [keep ? where(keep, g, 0) : g];
    },
  },
  // d sigmoid = g out (1 - out)
  sigmoid: { name: 'SigmoidBackward0', savesTensors: true, versioned: () => [OUTPUT], backward: (g, s) => [g.mul(s.out.mul(sub(1, s.out)))] },
  // d tanh = g (1 - out^2)
  tanh: { name: 'TanhBackward0', savesTensors: true, versioned: () => [OUTPUT], backward: (g, s) => [g.mul(sub(1, s.out.mul(s.out)))] },
  // d erf(x) = 2/sqrt(pi) exp(-x^2) g
  erf: { name: 'ErfBackward0', savesTensors: true, versioned: (s) => [s.x], backward: (g, s) => [g.mul(s.x.mul(s.x).neg().exp().mul(2 / Math.sqrt(Math.PI)))] },
  // d relu = 0 where out <= 0, else g (NaN passes g, as PyTorch's threshold_backward): one fused
  // kernel in a plain backward, differentiable ops when building a graph (createGraph)
  relu: {
    name: 'ReluBackward0',
    savesTensors: true,
    versioned: () => [OUTPUT],
    backward: (g, s) => [isGradEnabled() ? where(s.out.le(0), 0, g) : thresholdBackward(g, s.out, 0)],
  },
  // d softplus = g sigmoid(beta x), or g above the threshold where softplus is linear
  softplus: {
    name: 'SoftplusBackward0',
    savesTensors: true,
    versioned: (s) => [s.x],
    backward: (g, s) => {
      const z = s.x.mul(s.beta);
      return [where(z.gt(s.threshold), g, g.mul(z.sigmoid()))];
    },
  },
  // d where(c, a, b) = (g where c, g where !c)
  where: {
    name: 'WhereBackward0',
    savesTensors: true,
    versioned: (s) => [s.condition],
    backward: (g, s, next) => [
      next[0] ? sumToShape(where(s.condition, g, 0), s.aShape) : null,
      next[1] ? sumToShape(where(s.condition, 0, g), s.bShape) : null,
    ],
  },
  // d fill = 0
  fill: { name: 'FillBackward0', savesTensors: false, backward: (g) => [zerosLike(g)] },
  // d copy_(x, src) = (0, g summed to src's shape in src's dtype)
  copy: {
    name: 'CopyBackwards',
    savesTensors: false,
    backward: (g, s, next) => [
      next[0] ? zerosLike(g) : null,
      next[1] ? sumToShape(g, s.srcShape).to(s.srcDtype) : null,
    ],
  },
} satisfies RuleTable<ElementwiseSaved>;
