import type { Shape } from '../shape.js';
import type { Tensor, ShapeArgs } from '../tensor.js';
import { notImplemented } from './not-implemented.js';

export function shapeFromArgs(args: ShapeArgs): number[] {
  const first = args[0];
  return Array.isArray(first) ? [...(first as Shape)] : (args as number[]);
}
export function sizeAt(x: Tensor, dim: number): number { return notImplemented('size'); }
export function isContiguous(x: Tensor): boolean { return notImplemented('isContiguous'); }
export function contiguous(x: Tensor): Tensor { return notImplemented('contiguous'); }
export function view(x: Tensor, shape: Shape): Tensor { return notImplemented('view'); }
export function reshape(x: Tensor, shape: Shape): Tensor { return notImplemented('reshape'); }
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor { return notImplemented('transpose'); }
export function t(x: Tensor): Tensor { return notImplemented('t'); }
export function permute(x: Tensor, dims: Shape): Tensor { return notImplemented('permute'); }
export function expand(x: Tensor, shape: Shape): Tensor { return notImplemented('expand'); }
export function squeeze(x: Tensor, dim?: number | Shape): Tensor { return notImplemented('squeeze'); }
export function unsqueeze(x: Tensor, dim: number): Tensor { return notImplemented('unsqueeze'); }
export function flatten(x: Tensor, startDim: number, endDim: number): Tensor { return notImplemented('flatten'); }
export function unflatten(x: Tensor, dim: number, sizes: Shape): Tensor { return notImplemented('unflatten'); }
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor { return notImplemented('narrow'); }
export function select(x: Tensor, dim: number, index: number): Tensor { return notImplemented('select'); }
export function slice(x: Tensor, dim: number, start: number | undefined, end: number | undefined, step: number): Tensor { return notImplemented('slice'); }
