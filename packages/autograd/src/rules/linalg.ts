// Backward rules of matrix products.
import type { Tensor } from '../tensor.js';
import { sumToShape } from '../util.js';
import type { RuleTable } from './types.js';

export interface LinalgSaved {
  mm: { a: Tensor; b: Tensor };
  bmm: { a: Tensor; b: Tensor };
  matmul: { a: Tensor; b: Tensor };
}

/** d matmul(a, b) = (g b^T, a^T g), with 1-D operands promoted to matrices and batch dims summed. */
function matmulGrad(g: Tensor, a: Tensor, b: Tensor, needA: boolean, needB: boolean): (Tensor | null)[] {
  const an = a.value.shape.length;
  const bn = b.value.shape.length;
  if (an === 1 && bn === 1) return [needA ? g.mul(b) : null, needB ? g.mul(a) : null];
  const a2 = an === 1 ? a.unsqueeze(0) : a;
  const b2 = bn === 1 ? b.unsqueeze(-1) : b;
  let g2 = g;
  if (an === 1) g2 = g2.unsqueeze(-2);
  if (bn === 1) g2 = g2.unsqueeze(-1);
  const ga = needA ? sumToShape(g2.matmul(b2.transpose(-1, -2)), a2.value.shape).reshape([...a.value.shape]) : null;
  const gb = needB ? sumToShape(a2.transpose(-1, -2).matmul(g2), b2.value.shape).reshape([...b.value.shape]) : null;
  return [ga, gb];
}

export const linalgRules = {
  // d (a b) = (g b^T, a^T g)
  mm: {
    name: 'MmBackward0',
    savesTensors: true,
    backward: (g, s, next) => [next[0] ? g.mm(s.b.t()) : null, next[1] ? s.a.t().mm(g) : null],
  },
  bmm: {
    name: 'BmmBackward0',
    savesTensors: true,
    backward: (g, s, next) => [
      next[0] ? g.bmm(s.b.transpose(1, 2)) : null,
      next[1] ? s.a.transpose(1, 2).bmm(g) : null,
    ],
  },
  matmul: {
    name: 'MmBackward0',
    savesTensors: true,
    backward: (g, s, next) => matmulGrad(g, s.a, s.b, next[0] !== null, next[1] !== null),
  },
} satisfies RuleTable<LinalgSaved>;
