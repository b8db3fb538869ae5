// Backward rules of views, joins and copies: the gradient is reshaped, permuted or embedded back.
import type { Tensor } from '@torchlet/tensor-core';
import { zeros } from '@torchlet/tensor-core';
import { ops } from '@torchlet/tensor-core/internal';
import { sumToShape } from '../util.js';
import type { RuleTable } from './types.js';

type Shape = readonly number[];

export interface ViewsSaved {
  view: { shape: Shape };
  reshape: { shape: Shape };
  squeeze: { shape: Shape };
  unsqueeze: { shape: Shape };
  transpose: { dim0: number; dim1: number };
  t: null;
  permute: { dims: readonly number[] };
  expand: { shape: Shape };
  slice: { shape: Shape; dim: number; start: number; end: number; step: number };
  select: { shape: Shape; dim: number; index: number };
  /** one piece of split / chunk (a slice named like PyTorch's node) */
  splitPiece: { shape: Shape; dim: number; start: number; end: number; step: number };
  /** one piece of unbind (a select named like PyTorch's node) */
  unbindPiece: { shape: Shape; dim: number; index: number };
  /** PyTorch's slice_backward: g embedded into zeros at a slice (the backward of slice). */
  sliceScatter: { dim: number; start: number; end: number; step: number };
  /** PyTorch's select_backward: g embedded into zeros at an index (the backward of select). */
  selectScatter: { dim: number; index: number };
  cat: { dim: number; shapes: readonly Shape[] };
  stack: { dim: number };
  clone: null;
  to: { dtype: import('@torchlet/tensor-core').DType };
  /** A view's gradFn regenerated after an in-place write (view-tracking.ts): its elements' row-major indices in the base. */
  asStrided: { index: Tensor; baseShape: Shape };
  /** A base after an in-place op on its view: inputs (old history, op result); the view's indices and a mask of them. */
  copySlices: { index: Tensor; mask: Tensor; viewShape: Shape };
}

/** d reshape = g reshaped back */
const reshapeBack = (g: Tensor, s: { shape: Shape }): Tensor[] => [g.reshape([...s.shape])];

export const viewsRules = {
  view: { name: 'ViewBackward0', savesTensors: false, backward: reshapeBack },
  reshape: { name: 'ReshapeAliasBackward0', savesTensors: false, backward: reshapeBack },
  squeeze: { name: 'SqueezeBackward0', savesTensors: false, backward: reshapeBack },
  unsqueeze: { name: 'UnsqueezeBackward0', savesTensors: false, backward: reshapeBack },
  // d transpose = g transposed back
  transpose: { name: 'TransposeBackward0', savesTensors: false, backward: (g, s) => [g.transpose(s.dim0, s.dim1)] },
  t: { name: 'TBackward0', savesTensors: false, backward: (g) => [g.t()] },
  // d permute = g permuted by the inverse permutation
  permute: {
    name: 'PermuteBackward0',
    savesTensors: false,
    backward: (g, s) => {
      const inverse = new Array<number>(s.dims.length);
      for (let i = 0; i < s.dims.length; i++) inverse[s.dims[i]] = i;
      return [g.permute(inverse)];
    },
  },
  // d expand = g summed over the expanded dims
  expand: { name: 'ExpandBackward0', savesTensors: false, backward: (g, s) => [sumToShape(g, s.shape)] },
  // d x[slice] = g embedded into zeros
  slice: {
    name: 'SliceBackward0',
    savesTensors: false,
    backward: (g, s) => [ops().sliceScatter(g, s.shape, s.dim, s.start, s.end, s.step)],
  },
  select: {
    name: 'SelectBackward0',
    savesTensors: false,
    backward: (g, s) => [ops().selectScatter(g, s.shape, s.dim, s.index)],
  },
  splitPiece: {
    name: 'SplitBackward0',
    savesTensors: false,
    backward: (g, s) => [ops().sliceScatter(g, s.shape, s.dim, s.start, s.end, s.step)],
  },
  unbindPiece: {
    name: 'UnbindBackward0',
    savesTensors: false,
    backward: (g, s) => [ops().selectScatter(g, s.shape, s.dim, s.index)],
  },
  // d embed = g at the slice
  sliceScatter: {
    name: 'SliceBackwardBackward0',
    savesTensors: false,
    backward: (g, s) => [g.slice(s.dim, s.start, s.end, s.step)],
  },
  selectScatter: {
    name: 'SelectBackwardBackward0',
    savesTensors: false,
    backward: (g, s) => [g.select(s.dim, s.index)],
  },
  // d cat = the matching pieces of g
  cat: {
    name: 'CatBackward0',
    savesTensors: false,
    backward: (g, s, next) => {
      let offset = 0;
      const ndim = g.shape.length;
      return s.shapes.map((shape, i) => {
        // A 1-D empty input is skipped by cat (PyTorch's legacy rule): its gradient is empty too.
        if (shape.length !== ndim) return next[i] ? zeros([...shape], { dtype: g.dtype, device: g.device }) : null;
        const size = shape[s.dim];
        const piece = next[i] ? g.narrow(s.dim, offset, size) : null;
        offset += size;
        return piece;
      });
    },
  },
  // d stack = g selected at each input's index
  stack: {
    name: 'StackBackward0',
    savesTensors: false,
    backward: (g, s, next) => next.map((n, i) => (n ? g.select(s.dim, i) : null)),
  },
  // d clone = g
  clone: { name: 'CloneBackward0', savesTensors: false, backward: (g) => [g] },
  // d to(dtype) = g converted back to the input dtype
  to: { name: 'ToCopyBackward0', savesTensors: false, backward: (g, s) => [g.to(s.dtype)] },
  // d view = g added into zeros of the base's shape at the view's elements (overlapping ones sum)
  asStrided: {
    name: 'AsStridedBackward0',
    savesTensors: false,
    backward: (g, s) => {
      const flat = zeros([s.baseShape.reduce((a, b) => a * b, 1)], { dtype: g.dtype, device: g.device });
      return [flat.scatterAdd(0, s.index, g.reshape([-1])).reshape([...s.baseShape])];
    },
  },
  // the written region's gradient goes to the op's result, the rest to the base's old values
  copySlices: {
    name: 'CopySlices',
    savesTensors: false,
    backward: (g, s, next) => [
      next[0] ? g.maskedFill(s.mask, 0) : null,
      next[1] ? g.reshape([-1]).indexSelect(0, s.index).reshape([...s.viewShape]) : null,
    ],
  },
} satisfies RuleTable<ViewsSaved>;
