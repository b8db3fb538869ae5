// Advanced (tensor) indexing, PyTorch's rules: the index tensors broadcast together to B; the
// indexed dims are replaced by B, in place when they are adjacent, else first. Composed from
// differentiable ops (permute, reshape, indexSelect, scatter), so autograd needs no rule of its own:
// x[i0, i1] reads flat[i0 * size1 + i1] of the indexed dims merged into one.
import { IndexError, argError, formatShape } from '../errors.js';
import type { Tensor } from '../tensor.js';
import type { Advanced } from './basic.js';

export interface Layout {
  /** The view's dims: the indexed ones first (in order), then the others. */
  readonly perm: number[];
  /** The view's shape permuted, the indexed dims merged into one. */
  readonly flatShape: number[];
  /** Merged positions, shape [numel(B)]. */
  readonly linear: Tensor;
  /** B followed by the other dims' sizes. */
  readonly frontShape: number[];
  /** Where B goes in the result (0 when the indexed dims are not adjacent). */
  readonly at: number;
  /** The indexed dims of the view, first and last, when they are adjacent; else null. */
  readonly span: readonly [number, number] | null;
  /** The result's shape. */
  readonly shape: number[];
}

function broadcastIndexShapes(op: string, advanced: readonly Advanced[]): number[] {
  const nd = Math.max(...advanced.map((a) => a.index.ndim));
  const out = new Array<number>(nd).fill(1);
  for (const { index } of advanced) {
    for (let i = 0; i < index.ndim; i++) {
      const o = nd - index.ndim + i;
      const s = index.shape[i];
      if (out[o] === 1) out[o] = s;
      else if (s !== 1 && s !== out[o]) {
        argError(op, 'indices', 'index tensors that broadcast together',
          `shape mismatch: indexing tensors could not be broadcast together with shapes ${advanced.map((a) => formatShape(a.index.shape)).join(', ')}`, IndexError);
      }
    }
  }
  return out;
}

/** PyTorch's bounds check, on the CPU (a device's index is checked by its kernel at the next read back). */
function checkBounds(op: string, index: Tensor, size: number, position: number): void {
  if (index.device !== 'cpu') return;
  const c = index.contiguous();
  const d = c.data;
  for (let i = c.offset; i < c.offset + c.numel(); i++) {
    const v = Number(d[i]);
    if (v < -size || v >= size) {
      argError(op, 'indices', `index values in [${-size}, ${size})`, `index ${v} is out of bounds for dimension ${position} with size ${size}`, IndexError);
    }
  }
}

export function layout(op: string, view: Tensor, advanced: readonly Advanced[]): Layout {
  const B = broadcastIndexShapes(op, advanced);
  const dims = advanced.map((a) => a.dim);
  const rest = view.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const restShape = rest.map((i) => view.shape[i]);
  let linear: Tensor | null = null;
  let stride = 1;
  for (let k = advanced.length - 1; k >= 0; k--) {
    const size = view.shape[dims[k]];
    const index = advanced[k].index;
    checkBounds(op, index, size, k);
    // negative positions count from the end: i + size * (i < 0)
    const wrapped = index.add(index.lt(0).to('int64').mul(size));
    const term = stride === 1 ? wrapped : wrapped.mul(stride);
    linear = linear === null ? term : term.add(linear);
    stride *= size;
  }
  const adjacent = dims.every((d, k) => k === 0 || d === dims[k - 1] + 1);
  const at = adjacent ? dims[0] : 0;
  const shape = [...restShape.slice(0, at), ...B, ...restShape.slice(at)];
  const n = B.reduce((a, b) => a * b, 1);
  return {
    perm: [...dims, ...rest],
    flatShape: [stride, ...restShape],
    linear: (linear as Tensor).expand(B).reshape([n]),
    frontShape: [...B, ...restShape],
    at,
    span: adjacent ? [dims[0], dims[dims.length - 1]] : null,
    shape,
  };
}

/** Dims of a [...B, ...rest] tensor reordered so that B sits at `at`; its inverse with `back`. */
export function movePerm(nb: number, nd: number, at: number, back = false): number[] {
  const order = [...Array.from({ length: at }, (_, i) => nb + i), ...Array.from({ length: nb }, (_, i) => i), ...Array.from({ length: nd - nb - at }, (_, i) => nb + at + i)];
  if (!back) return order;
  const inv = new Array<number>(nd);
  order.forEach((o, i) => (inv[o] = i));
  return inv;
}

/** view[advanced indices]: a copy of shape `layout.shape`. */
export function readAdvanced(op: string, view: Tensor, advanced: readonly Advanced[]): Tensor {
  const l = layout(op, view, advanced);
  if (l.span !== null) {
    // adjacent indexed dims: merge just them and select along the merged dim (no permuted copy)
    const [first, last] = l.span;
    const merged = first === last ? view : view.flatten(first, last);
    return merged.indexSelect(first, l.linear).reshape(l.shape);
  }
  const flat = view.permute(l.perm).reshape(l.flatShape);
  const front = flat.indexSelect(0, l.linear).reshape(l.frontShape);
  return front;
}

/** view[advanced indices] = value (or += with accumulate), written through the view. */
export function writeAdvanced(view: Tensor, l: Layout, value: Tensor, accumulate: boolean): void {
  const nb = l.frontShape.length - (l.flatShape.length - 1);
  // a CPU value goes to the view's device (an upload), as copy_ does
  const onDevice = value.device === view.device || value.device !== 'cpu' ? value : value.to(view.device);
  const v = onDevice.to(view.dtype).expand(l.shape);
  const front = l.at === 0 ? v : v.permute(movePerm(nb, l.shape.length, l.at, true));
  const src = front.reshape([l.linear.shape[0], ...l.flatShape.slice(1)]);
  const index = l.linear.reshape([l.linear.shape[0], ...l.flatShape.slice(1).map(() => 1)]).expand(src.shape);
  const permuted = view.permute(l.perm);
  const flat = permuted.reshape(l.flatShape);
  const updated = accumulate ? flat.scatterAdd(0, index, src) : flat.scatter(0, index, src);
  permuted.copy_(updated.reshape(permuted.shape));
}
