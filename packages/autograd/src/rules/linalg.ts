// Backward rules of matrix products.
import { donateGradient } from '../donation.js';
import type { Tensor } from '@torchlet/tensor-core';
import { sumToShape } from '../util.js';
import type { RuleTable } from './types.js';

export interface LinalgSaved {
  /** bias + mat1 @ mat2 for 2-D mat1, mat2 and a 1-D bias (a linear layer): beta = alpha = 1 */
  addmm: { mat1: Tensor; mat2: Tensor; biasShape: readonly number[] };
  mm: { a: Tensor; b: Tensor };
  bmm: { a: Tensor; b: Tensor };
  matmul: { a: Tensor; b: Tensor };
}

/** d matmul(a, b) = (g b^T, a^T g), with 1-D operands promoted to matrices and batch dims summed. */
function matmulGrad(g: Tensor, a: Tensor, b: Tensor, needA: boolean, needB: boolean): (Tensor | null)[] {
  const an = a.shape.length;
  const bn = b.shape.length;
  if (an === 1 && bn === 1) return [needA ? fresh(g.mul(b)) : null, needB ? fresh(g.mul(a)) : null];
  const a2 = an === 1 ? a.unsqueeze(0) : a;
  const b2 = bn === 1 ? b.unsqueeze(-1) : b;
  let g2 = g;
  if (an === 1) g2 = g2.unsqueeze(-2);
  if (bn === 1) g2 = g2.unsqueeze(-1);
  const ga = needA ? sumToShape(g2.matmul(b2.transpose(-1, -2)), a2.shape).reshape([...a.shape]) : null;
  const gb = needB ? sumToShape(gradB(a2, g2, b2), b2.shape).reshape([...b.shape]) : null;
  return [ga && fresh(ga), gb && fresh(gb)];
}

/** A gradient in storage a product just allocated (views of it included): donated to the leaf it reaches. */
function fresh(t: Tensor): Tensor {
  donateGradient(t);
  return t;
}

/**
 * a^T g. When b is a transposed matrix view (`x.matmul(w.t())`, a linear layer) the product is
 * computed as (g^T a)^T: the same sums in the same order, but the result is laid out like w, so the
 * transpose's backward hands w's leaf a contiguous gradient (no strided copy when it is stored).
 */
function gradB(a2: Tensor, g2: Tensor, b2: Tensor): Tensor {
  const { shape, strides } = b2;
  if (shape.length === 2 && a2.shape.length === 2 && g2.shape.length === 2 && shape[0] > 1 && shape[1] > 1 && strides[0] === 1 && strides[1] === shape[0]) {
    return g2.transpose(0, 1).matmul(a2).transpose(0, 1);
  }
  return a2.transpose(-1, -2).matmul(g2);
}

export const linalgRules = {
  // d (bias + m1 m2) = (g summed to bias's shape, g m2^T, m1^T g); PyTorch saves m1 when m2 needs a
  // gradient and m2 when m1 does (a linear layer's m2 is w.t(), a view of w: its version is w's)
  addmm: {
    name: 'AddmmBackward0',
    savesTensors: true,
    versioned: (s, next) => [next[2] ? s.mat1 : null, next[1] ? s.mat2 : null],
    backward: (g, s, next) => [
      next[0] ? sumToShape(g, s.biasShape) : null,
      next[1] ? fresh(g.mm(s.mat2.t())) : null,
      next[2] ? fresh(gradB(s.mat1, g, s.mat2)) : null,
    ],
  },
  // d (a b) = (g b^T, a^T g)
  mm: {
    name: 'MmBackward0',
    savesTensors: true,
    versioned: (s, next) => [next[0] ? s.b : null, next[1] ? s.a : null],
    backward: (g, s, next) => [next[0] ? fresh(g.mm(s.b.t())) : null, next[1] ? fresh(s.a.t().mm(g)) : null],
  },
  bmm: {
    name: 'BmmBackward0',
    savesTensors: true,
    versioned: (s, next) => [next[0] ? s.b : null, next[1] ? s.a : null],
    backward: (g, s, next) => [
      next[0] ? fresh(g.bmm(s.b.transpose(1, 2))) : null,
      next[1] ? fresh(s.a.transpose(1, 2).bmm(g)) : null,
    ],
  },
  matmul: {
    name: 'MmBackward0',
    savesTensors: true,
    versioned: (s, next) => [next[0] ? s.b : null, next[1] ? s.a : null],
    backward: (g, s, next) => matmulGrad(g, s.a, s.b, next[0] !== null, next[1] !== null),
  },
} satisfies RuleTable<LinalgSaved>;
