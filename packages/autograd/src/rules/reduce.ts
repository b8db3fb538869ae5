// Backward rules of the reduction family: the gradient is broadcast back over the reduced dims.
import type { Tensor } from '@torchlet/tensor-core';
import { where, zeros } from '@torchlet/tensor-core';
import { unsqueezeDims } from '../util.js';
import { OUTPUT, type RuleTable } from './types.js';

type Shape = readonly number[];

export interface ReduceSaved {
  sum: { shape: Shape };
  sumDim: { shape: Shape; dims: readonly number[]; keepdim: boolean };
  mean: { shape: Shape; count: number };
  meanDim: { shape: Shape; dims: readonly number[]; keepdim: boolean; count: number };
  prod: { x: Tensor; out: Tensor };
  prodDim: { x: Tensor; out: Tensor; dim: number; keepdim: boolean };
  max: { x: Tensor; out: Tensor };
  min: { x: Tensor; out: Tensor };
  maxDim: { shape: Shape; dim: number; keepdim: boolean; indices: Tensor };
  minDim: { shape: Shape; dim: number; keepdim: boolean; indices: Tensor };
  var: { x: Tensor; dims: readonly number[]; keepdim: boolean; correction: number };
  std: { x: Tensor; dims: readonly number[]; keepdim: boolean; correction: number; out: Tensor };
  logsumexp: { x: Tensor; dims: readonly number[]; keepdim: boolean; out: Tensor };
}

/** g of a reduction over `dims`, reshaped so that it broadcasts against the input. */
function back(g: Tensor, shape: Shape, dims: readonly number[], keepdim: boolean): Tensor {
  return shape.length === 0 ? g : unsqueezeDims(g, dims, keepdim);
}

/** d prod = g prod_{j != i} x_j: out / x without zeros; with one zero in a slice, that entry gets
 * the product of the others; with two or more zeros, every entry gets 0. */
function prodGrad(g: Tensor, x: Tensor, out: Tensor, dim: number | null): Tensor {
  const isZero = x.eq(0);
  // the shortcut reads a flag; on a device (no synchronous reads) the general formula serves
  if (x.device === 'cpu' && !isZero.any().item()) return g.mul(out.div(x));
  const nonzero = where(isZero, 1, x);
  const zeroCount = dim === null ? isZero.sum() : isZero.sum(dim, true);
  const others = dim === null ? nonzero.prod() : nonzero.prod(dim, true);
  return g.mul(where(isZero, where(zeroCount.eq(1), others, 0), out.div(nonzero)));
}

/** d max() = g split evenly among the elements equal to the max (PyTorch's evenly_distribute). */
function evenGrad(g: Tensor, x: Tensor, out: Tensor): Tensor {
  const mask = where(out.isnan(), x.isnan(), x.eq(out)); // out is 0-d: NaN max marks the NaNs
  return where(mask, g.div(mask.sum()), 0);
}

/** d max(dim).values = g scattered to the selected index. */
function selectedGrad(g: Tensor, s: ReduceSaved['maxDim']): Tensor {
  const index = s.keepdim || s.shape.length === 0 ? s.indices : s.indices.unsqueeze(s.dim);
  const gk = back(g, s.shape, [s.dim], s.keepdim);
  return zeros([...s.shape], { dtype: g.dtype, device: g.device }).scatter(s.dim, index, gk);
}

/** d var = g 2 (x - mean) / (N - correction) */
function varGrad(g: Tensor, x: Tensor, dims: readonly number[], correction: number): Tensor {
  let n = 1;
  if (x.shape.length > 0) for (const d of dims) n *= x.shape[d];
  return g.mul(x.sub(x.mean(dims as number[], true))).mul(2 / (n - correction));
}

export const reduceRules = {
  // d sum = g broadcast back
  sum: { name: 'SumBackward0', savesTensors: false, backward: (g, s) => [g.expand([...s.shape])] },
  sumDim: {
    name: 'SumBackward1',
    savesTensors: false,
    backward: (g, s) => [back(g, s.shape, s.dims, s.keepdim).expand([...s.shape])],
  },
  // d mean = g / N broadcast back
  mean: { name: 'MeanBackward0', savesTensors: false, backward: (g, s) => [g.div(s.count).expand([...s.shape])] },
  meanDim: {
    name: 'MeanBackward1',
    savesTensors: false,
    backward: (g, s) => [back(g, s.shape, s.dims, s.keepdim).div(s.count).expand([...s.shape])],
  },
  prod: { name: 'ProdBackward0', savesTensors: true, versioned: (s) => [s.x, OUTPUT], backward: (g, s) => [prodGrad(g, s.x, s.out, null)] },
  prodDim: {
    name: 'ProdBackward1',
    savesTensors: true,
    versioned: (s) => [s.x, OUTPUT],
    backward: (g, s) => {
      const keep = s.x.shape.length === 0 || s.keepdim;
      const gk = keep ? g : g.unsqueeze(s.dim);
      const ok = keep ? s.out : s.out.unsqueeze(s.dim);
      return [prodGrad(gk, s.x, ok, s.x.shape.length === 0 ? null : s.dim)];
    },
  },
  max: { name: 'MaxBackward1', savesTensors: true, versioned: (s) => [s.x, OUTPUT], backward: (g, s) => [evenGrad(g, s.x, s.out)] },
  min: { name: 'MinBackward1', savesTensors: true, versioned: (s) => [s.x, OUTPUT], backward: (g, s) => [evenGrad(g, s.x, s.out)] },
  maxDim: { name: 'MaxBackward0', savesTensors: true, versioned: (s) => [s.indices], backward: (g, s) => [selectedGrad(g, s)] },
  minDim: { name: 'MinBackward0', savesTensors: true, versioned: (s) => [s.indices], backward: (g, s) => [selectedGrad(g, s)] },
  var: {
    name: 'VarBackward0',
    savesTensors: true,
    versioned: (s) => [s.x],
    backward: (g, s) => [varGrad(back(g, s.x.shape, s.dims, s.keepdim), s.x, s.dims, s.correction)],
  },
  // d std = d var / (2 std), 0 where std == 0 (as PyTorch)
  std: {
    name: 'StdBackward0',
    savesTensors: true,
    versioned: (s) => [s.x, OUTPUT],
    backward: (g, s) => {
      const shape = s.x.shape;
      const out = back(s.out, shape, s.dims, s.keepdim);
      const gv = where(out.eq(0), 0, back(g, shape, s.dims, s.keepdim).div(out.mul(2)));
      return [varGrad(gv, s.x, s.dims, s.correction)];
    },
  },
  // d logsumexp = g exp(x - out)
  logsumexp: {
    name: 'LogsumexpBackward0',
    savesTensors: true,
    versioned: (s) => [s.x, OUTPUT],
    backward: (g, s) => {
      const shape = s.x.shape;
      return [back(g, shape, s.dims, s.keepdim).mul(s.x.sub(back(s.out, shape, s.dims, s.keepdim)).exp())];
    },
  },
} satisfies RuleTable<ReduceSaved>;
