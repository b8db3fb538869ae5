// Shape helpers used by backward rules, written with autograd ops so they stay differentiable.
import { donateGradient } from './donation.js';
import type { Tensor } from '@torchlet/tensor-core';

const EMPTY: readonly number[] = Object.freeze([]);

/** The shape of an operand (a JS number is a 0-d scalar). */
export function shapeOf(x: Tensor | number): readonly number[] {
  return typeof x === 'number' ? EMPTY : x.shape;
}

/**
 * Reverse broadcasting: sum `g` over the dims that broadcasting added or expanded so that it has
 * `shape` (PyTorch's sum_to). `shape` must broadcast to g's shape. A sum's result is new storage
 * nobody else holds, so in a backward pass it is donated to the leaf it reaches (no copy there).
 */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  const gs = g.shape;
  if (sameShape(gs, shape)) return g;
  const lead = gs.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < gs.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && gs[i] !== 1)) dims.push(i);
  }
  const r = dims.length > 0 ? g.sum(dims, true) : g;
  if (r !== g) donateGradient(r);
  return lead > 0 || !sameShape(r.shape, shape) ? r.reshape([...shape]) : r;
}

/** Whether `shape` can be reached from `from` by summing broadcast dims (sumToShape applies). */
export function isSummableTo(from: readonly number[], shape: readonly number[]): boolean {
  if (shape.length > from.length) return false;
  const lead = from.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== 1 && shape[i] !== from[i + lead]) return false;
  }
  return true;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Undo a reduction's dropped dims: unsqueeze `g` at each (sorted) reduced dim unless keepdim. */
export function unsqueezeDims(g: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  if (keepdim) return g;
  let r = g;
  for (const d of dims) r = r.unsqueeze(d);
  return r;
}
