import { IndexError, ShapeError, ValueError, argError, formatShape } from './errors.js';

/**
 * A tensor's sizes, outermost first.
 *
 * @pytorch torch.Size
 * @example
 * ```ts
 * const shape: Shape = [2, 3];
 * const x = zeros(shape);
 * const same = x.shape.length === shape.length; // true
 * ```
 */
export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major (C-order) strides for `shape`, in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Wrap a possibly negative dim into [0, ndim); `ndim` 0 accepts dims -1 and 0 like PyTorch. */
export function normalizeDim(dim: number, ndim: number, op: string, argument = 'dim'): number {
  const rank = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -rank || dim >= rank) {
    argError(op, argument, `an integer in [${-rank}, ${rank - 1}]`, String(dim), IndexError);
  }
  return dim < 0 ? dim + rank : dim;
}

/** Normalize a dim list (or all dims when undefined), rejecting repeats. Sorted ascending. */
export function normalizeDims(
  dims: number | readonly number[] | undefined,
  ndim: number,
  op: string,
): number[] {
  if (dims === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === 'number' ? [dims] : dims;
  const out = list.map((d) => normalizeDim(d, ndim, op));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) argError(op, 'dim', 'distinct dims', `dim ${d} repeated`, ValueError);
    seen.add(d);
  }
  return out.sort((x, y) => x - y);
}

/**
 * Broadcast shapes with NumPy/PyTorch rules; throws naming both shapes when they do not fit.
 *
 * @pytorch torch.broadcast_shapes
 * @example
 * ```ts
 * const shape = broadcastShapes([2, 1, 3], [4, 3]); // [2, 4, 3]
 * ```
 */
export function broadcastShapes(a: Shape, b: Shape, op = 'broadcast'): number[] {
  const ndim = Math.max(a.length, b.length);
  const out = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const da = a[a.length - ndim + i] ?? 1;
    const db = b[b.length - ndim + i] ?? 1;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new ShapeError(
        `${op}(): shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast: ` +
          `size ${da} does not match size ${db} at dimension ${i} (counted from the left of the result)`,
      );
    }
  }
  return out;
}

/** Validate a user-given shape: non-negative integers. */
export function checkShape(shape: Shape, op: string, argument = 'size'): void {
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) {
      argError(op, argument, 'a list of non-negative integers', formatShape(shape), ShapeError);
    }
  }
}

/**
 * True when a view with these strides walks its storage in row-major order with no gaps (size-1
 * dims ignored, as their stride never moves): the contiguous layout kernels take as a flat array.
 */
export function isRowMajor(v: { readonly shape: readonly number[]; readonly strides: readonly number[] }): boolean {
  let expected = 1;
  for (let i = v.shape.length - 1; i >= 0; i--) {
    if (v.shape[i] === 1) continue;
    if (v.strides[i] !== expected) return false;
    expected *= v.shape[i];
  }
  return true;
}
