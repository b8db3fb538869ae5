// Backward rules of gather / scatter / indexSelect / maskedFill.
import type { Tensor } from '@torchlet/tensor-core';
import { zeros } from '@torchlet/tensor-core';
import { ops } from '@torchlet/tensor-core/internal';
import type { RuleTable } from './types.js';

type Shape = readonly number[];

export interface IndexingSaved {
  /** `input` only for the in-place version check (PyTorch keeps it; the rule needs just its shape). */
  gather: { shape: Shape; dim: number; index: Tensor; input: Tensor };
  scatter: { dim: number; index: Tensor; srcShape: Shape | null };
  scatterAdd: { dim: number; index: Tensor; srcShape: Shape };
  indexSelect: { shape: Shape; dim: number; index: Tensor };
  maskedFill: { mask: Tensor };
}

/** g.gather(dim, index) zero-padded up to src's shape (src may be larger than index). */
function srcGrad(g: Tensor, dim: number, index: Tensor, srcShape: Shape): Tensor {
  let r = g.gather(dim, index);
  const shape = [...r.shape];
  for (let d = 0; d < srcShape.length; d++) {
    if (shape[d] === srcShape[d]) continue;
    const size = shape[d];
    shape[d] = srcShape[d];
    r = ops().sliceScatter(r, shape, d, 0, size, 1);
  }
  return r;
}

export const indexingRules = {
  // d gather = g added back at the gathered positions
  gather: {
    name: 'GatherBackward0',
    savesTensors: true,
    versioned: (s) => [s.index, s.input],
    backward: (g, s) => [zeros([...s.shape], { dtype: g.dtype, device: g.device }).scatterAdd(s.dim, s.index, g)],
  },
  // d scatter = (g with overwritten positions zeroed, g gathered at the index)
  scatter: {
    name: 'ScatterBackward0',
    savesTensors: true,
    versioned: (s) => [s.index],
    backward: (g, s, next) => [
      next[0] ? g.scatter(s.dim, s.index, 0) : null,
      next[1] && s.srcShape ? srcGrad(g, s.dim, s.index, s.srcShape) : null,
    ],
  },
  // d scatterAdd = (g, g gathered at the index)
  scatterAdd: {
    name: 'ScatterAddBackward0',
    savesTensors: true,
    versioned: (s, next) => [next[1] ? s.index : null],
    backward: (g, s, next) => [next[0] ? g : null, next[1] ? srcGrad(g, s.dim, s.index, s.srcShape) : null],
  },
  // d indexSelect = g added back at the selected rows (scatterAdd with the index expanded)
  indexSelect: {
    name: 'IndexSelectBackward0',
    savesTensors: true,
    versioned: (s) => [s.index],
    backward: (g, s) => {
      const gs = g.shape;
      if (gs.length === 0) return [zeros([...s.shape], { dtype: g.dtype, device: g.device }).scatterAdd(0, s.index.long().reshape([1]), g.reshape([1]))];
      const viewShape = gs.map((n, d) => (d === s.dim ? n : 1));
      const index = s.index.long().reshape(viewShape).expand([...gs]).contiguous();
      return [zeros([...s.shape], { dtype: g.dtype, device: g.device }).scatterAdd(s.dim, index, g)];
    },
  },
  // d maskedFill = g with the filled positions zeroed
  maskedFill: { name: 'MaskedFillBackward0', savesTensors: true, versioned: (s) => [s.mask], backward: (g, s) => [g.maskedFill(s.mask, 0)] },
} satisfies RuleTable<IndexingSaved>;
