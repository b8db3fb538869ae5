/**
 * Shape and stride views. Every function here except `contiguous` and a `reshape` that cannot be a
 * view returns a tensor sharing `data` with its input (makeTensor(x.data, shape, dtype, strides, offset)).
 */
import { emptyTensor } from './helpers.js';
import { IndexError, ShapeError, ValueError, argError, formatShape } from '../errors.js';
import { getBackend } from '../backend/registry.js';
import { contiguousStrides, isRowMajor, normalizeDim, numel, type Shape } from '../shape.js';
import type { Tensor, ShapeArgs } from '../tensor.js';
import { makeTensor } from '../construct.js';

export function shapeFromArgs(args: ShapeArgs): number[] {
  const first = args[0];
  return Array.isArray(first) ? [...(first as Shape)] : (args as number[]);
}

function viewOf(x: Tensor, shape: readonly number[], strides: readonly number[], offset = x.offset): Tensor {
  return makeTensor(x.storage ?? x.data, shape, x.dtype, strides, offset);
}

export function sizeAt(x: Tensor, dim: number): number {
  if (x.ndim === 0) {
    throw new IndexError(`size(): dimension specified as ${dim} but tensor has no dimensions`);
  }
  return x.shape[normalizeDim(dim, x.ndim, 'size')];
}

/** torch's is_contiguous: row-major strides, ignoring size-1 dims; empty tensors are contiguous. */
export function isContiguous(x: Tensor): boolean {
  return x.numel() === 0 || isRowMajor(x);
}

/** `x` itself when already contiguous, else a row-major copy. */
export function contiguous(x: Tensor): Tensor {
  if (isContiguous(x)) return x;
  const out = emptyTensor(x.shape, x.dtype, false, x);
  getBackend().unary('copy', x, out);
  return out;
}

/** Resolve one -1 in `shape` against `total` elements (torch's infer_size). */
export function inferSize(shape: Shape, total: number, op: string): number[] {
  let inferAt = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i];
    if (s === -1) {
      if (inferAt >= 0) argError(op, 'shape', 'at most one -1', formatShape(shape), ShapeError);
      inferAt = i;
    } else if (!Number.isInteger(s) || s < 0) {
      argError(op, 'shape', 'non-negative integers or a single -1', formatShape(shape), ShapeError);
    } else known *= s;
  }
  const out = [...shape];
  if (inferAt >= 0) {
    if (known === 0 || total % known !== 0) {
      throw new ShapeError(`${op}(): shape '${formatShape(shape)}' is invalid for input of size ${total}`);
    }
    out[inferAt] = total / known;
  } else if (known !== total) {
    throw new ShapeError(`${op}(): shape '${formatShape(shape)}' is invalid for input of size ${total}`);
  }
  return out;
}

/**
 * Strides for viewing (oldShape, oldStrides) as newShape without a copy, or undefined when the
 * memory layout does not allow it (torch's computeStride: match chunks of contiguous dims).
 */
function computeViewStrides(oldShape: Shape, oldStrides: Shape, newShape: Shape): number[] | undefined {
  if (oldShape.length === 0) return contiguousStrides(newShape);
  if (numel(oldShape) === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    // a chunk ends where the next-outer dim is not laid out right after this one
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return undefined;
      if (d > 0) {
        chunkBaseStride = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : undefined;
}

export function view(x: Tensor, shape: Shape): Tensor {
  const target = inferSize(shape, x.numel(), 'view');
  const strides = computeViewStrides(x.shape, x.strides, target);
  if (!strides) {
    throw new ShapeError(
      `view(): view size is not compatible with input tensor's size and stride (at least one dimension spans ` +
        `across two contiguous subspaces): input shape ${formatShape(x.shape)} with strides ${formatShape(x.strides)}, ` +
        `requested shape ${formatShape(target)}. Use .reshape(...) instead.`,
    );
  }
  return viewOf(x, target, strides);
}

/** A view when the strides allow it, else a contiguous copy reshaped. */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const target = inferSize(shape, x.numel(), 'reshape');
  const strides = computeViewStrides(x.shape, x.strides, target);
  if (strides) return viewOf(x, target, strides);
  const copy = contiguous(x);
  return viewOf(copy, target, contiguousStrides(target), copy.offset);
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim(dim0, x.ndim, 'transpose', 'dim0');
  const b = normalizeDim(dim1, x.ndim, 'transpose', 'dim1');
  if (x.ndim === 0) return viewOf(x, x.shape, x.strides);
  const shape = [...x.shape];
  const strides = [...x.strides];
  [shape[a], shape[b]] = [shape[b], shape[a]];
  [strides[a], strides[b]] = [strides[b], strides[a]];
  return viewOf(x, shape, strides);
}

export function t(x: Tensor): Tensor {
  if (x.ndim > 2) argError('t', 'self', 'a tensor with <= 2 dimensions', `${x.ndim}D`, ShapeError);
  return x.ndim < 2 ? viewOf(x, x.shape, x.strides) : transpose(x, 0, 1);
}

export function permute(x: Tensor, dims: Shape): Tensor {
  if (dims.length !== x.ndim) {
    argError('permute', 'dims', `${x.ndim} dims (input.dim() = ${x.ndim})`, `${dims.length} dims ${formatShape(dims)}`, ShapeError);
  }
  const seen = new Array<boolean>(x.ndim).fill(false);
  const shape: number[] = [];
  const strides: number[] = [];
  for (const d of dims) {
    const k = normalizeDim(d, x.ndim, 'permute', 'dims');
    if (seen[k]) argError('permute', 'dims', 'distinct dims', `dim ${k} repeated in ${formatShape(dims)}`, ValueError);
    seen[k] = true;
    shape.push(x.shape[k]);
    strides.push(x.strides[k]);
  }
  return viewOf(x, shape, strides);
}

/** Broadcast to `shape` without copying (stride 0 on expanded dims); -1 keeps a dim's size. */
export function expand(x: Tensor, shape: Shape): Tensor {
  const lead = shape.length - x.ndim;
  const mismatch = (detail: string): never => {
    throw new ShapeError(
      `expand(): ${detail}. Target sizes: ${formatShape(shape)}. Tensor sizes: ${formatShape(x.shape)}`,
    );
  };
  if (lead < 0) {
    mismatch(`the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  }
  const outShape = new Array<number>(shape.length);
  const outStrides = new Array<number>(shape.length);
  for (let i = 0; i < shape.length; i++) {
    const want = shape[i];
    if (i < lead) {
      if (want === -1) mismatch(`the expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
      if (!Number.isInteger(want) || want < 0) mismatch(`invalid size ${want} at dimension ${i}`);
      outShape[i] = want;
      outStrides[i] = 0;
      continue;
    }
    const have = x.shape[i - lead];
    if (want === -1 || want === have) {
      outShape[i] = have;
      outStrides[i] = x.strides[i - lead];
    } else if (have === 1) {
      if (!Number.isInteger(want) || want < 0) mismatch(`invalid size ${want} at dimension ${i}`);
      outShape[i] = want;
      outStrides[i] = 0;
    } else {
      mismatch(`the expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}`);
    }
  }
  return viewOf(x, outShape, outStrides);
}

/** Remove size-1 dims: all of them, one `dim`, or each dim of a list (others are left alone). */
export function squeeze(x: Tensor, dim?: number | Shape): Tensor {
  let drop: boolean[];
  if (dim === undefined) drop = x.shape.map((s) => s === 1);
  else {
    drop = new Array<boolean>(x.ndim).fill(false);
    const list = typeof dim === 'number' ? [dim] : dim;
    for (const d of list) {
      const k = normalizeDim(d, x.ndim, 'squeeze');
      if (x.ndim > 0 && x.shape[k] === 1) drop[k] = true;
    }
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < x.ndim; i++) {
    if (drop[i]) continue;
    shape.push(x.shape[i]);
    strides.push(x.strides[i]);
  }
  return viewOf(x, shape, strides);
}

/** Insert a size-1 dim at `dim` in [-ndim-1, ndim]. */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim + 1, 'unsqueeze');
  const shape = [...x.shape];
  const strides = [...x.strides];
  const stride = d >= x.ndim ? 1 : x.shape[d] * x.strides[d];
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return viewOf(x, shape, strides);
}

/** Merge dims startDim..endDim into one (a view when the strides allow it, else a copy). */
export function flatten(x: Tensor, startDim: number, endDim: number): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeDim(startDim, x.ndim, 'flatten', 'start_dim');
  const e = normalizeDim(endDim, x.ndim, 'flatten', 'end_dim');
  if (s > e) argError('flatten', 'start_dim', `start_dim <= end_dim (${e})`, String(s), ValueError);
  if (s === e) return x;
  let merged = 1;
  for (let i = s; i <= e; i++) merged *= x.shape[i];
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/** Split dim `dim` into `sizes` (one -1 allowed); always a view. */
export function unflatten(x: Tensor, dim: number, sizes: Shape): Tensor {
  const d = normalizeDim(dim, x.ndim, 'unflatten');
  if (sizes.length === 0) argError('unflatten', 'sizes', 'a non-empty list of sizes', '[]', ValueError);
  let inner: number[];
  try {
    inner = inferSize(sizes, x.shape[d], 'unflatten');
  } catch {
    throw new ShapeError(
      `unflatten(): provided sizes ${formatShape(sizes)} don't multiply up to the size of dim ${d} (${x.shape[d]}) in the input tensor of shape ${formatShape(x.shape)}`,
    );
  }
  return view(x, [...x.shape.slice(0, d), ...inner, ...x.shape.slice(d + 1)]);
}

/** Elements start..start+length-1 along `dim` (negative start counts from the end). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (x.ndim === 0) argError('narrow', 'self', 'a tensor with at least 1 dimension', '0-d tensor', ShapeError);
  const d = normalizeDim(dim, x.ndim, 'narrow');
  const size = x.shape[d];
  if (!Number.isInteger(start) || start < -size || start > size) {
    argError('narrow', 'start', `an integer in [${-size}, ${size}]`, String(start), IndexError);
  }
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(length) || length < 0 || s + length > size) {
    throw new IndexError(
      `narrow(): start (${s}) + length (${length}) exceeds dimension size (${size}) of dim ${d} (shape ${formatShape(x.shape)})`,
    );
  }
  const shape = [...x.shape];
  shape[d] = length;
  return viewOf(x, shape, x.strides, x.offset + s * x.strides[d]);
}

/** Index one position along `dim`, removing that dim. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) argError('select', 'self', 'a tensor with at least 1 dimension', '0-d tensor', IndexError);
  const d = normalizeDim(dim, x.ndim, 'select');
  const size = x.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError(
      `select(): index ${index} out of range for tensor of size ${formatShape(x.shape)} at dimension ${d}`,
    );
  }
  const i = index < 0 ? index + size : index;
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape.splice(d, 1);
  strides.splice(d, 1);
  return viewOf(x, shape, strides, x.offset + i * x.strides[d]);
}

/** Python's x[start:end:step] along `dim`: negative bounds count from the end, out-of-range bounds clamp. */
export function slice(x: Tensor, dim: number, start: number | undefined, end: number | undefined, step: number): Tensor {
  if (x.ndim === 0) argError('slice', 'self', 'a tensor with at least 1 dimension', '0-d tensor', IndexError);
  const d = normalizeDim(dim, x.ndim, 'slice');
  if (!Number.isInteger(step) || step <= 0) argError('slice', 'step', 'a positive integer', String(step), ValueError);
  const size = x.shape[d];
  const clamp = (v: number | undefined, fallback: number, name: string): number => {
    if (v === undefined) return fallback;
    if (!Number.isInteger(v)) argError('slice', name, 'an integer', String(v), ValueError);
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const s = clamp(start, 0, 'start');
  const e = Math.max(clamp(end, size, 'end'), s);
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape[d] = Math.ceil((e - s) / step);
  strides[d] = x.strides[d] * step;
  return viewOf(x, shape, strides, x.offset + s * x.strides[d]);
}

