// The basic part of an index (integers, slices, new axes) as views of the input, PyTorch's
// applySlicing; tensor indices and masks are collected, with the dim of the view they index.
import { syncReadOpError } from '../backend/devices.js';
import { IndexError, ValueError, argError, formatShape, type TorchletError } from '../errors.js';
import { emptyTensor } from '../ops/helpers.js';
import type { Tensor } from '../tensor.js';
import type { IndexItem } from './parse.js';

/** An advanced index: an int64 tensor (on the input's device) indexing dim `dim` of the view. */
export interface Advanced {
  readonly dim: number;
  readonly index: Tensor;
}

export interface Sliced {
  /** The input with the basic indices applied: a view. */
  readonly view: Tensor;
  readonly advanced: Advanced[];
}

/** A CPU int64 tensor with these values, moved to `on`'s device. */
function int64On(values: readonly number[], on: Tensor): Tensor {
  const t = emptyTensor([values.length], 'int64', false);
  for (let i = 0; i < values.length; i++) t.data[i] = values[i];
  return t.to(on.device);
}

function checkInt(op: string, value: number, dim: number, size: number): void {
  if (value < -size || value >= size) {
    argError(op, 'indices', `an index in [${-size}, ${size}) for dimension ${dim}`, `index ${value} is out of bounds for dimension ${dim} with size ${size}`, IndexError);
  }
}

/** The sync-read error of an index that must be read on the host, naming the op's async variant. */
function hostReadError(op: string, t: Tensor, what: string): TorchletError {
  const variant = op === 'index' ? 'await x.indexAsync(...indices)' : 'await x.setAsync(indices, value) or await x.indexPutAsync_(indices, values, accumulate)';
  return syncReadOpError(op, t.device, what, variant);
}

/** PyTorch's check that a mask's shape is the shape of the dims it indexes, from `dim` on. */
export function checkMaskShape(op: string, mask: Tensor, view: Tensor, dim: number, position: number): void {
  for (let j = 0; j < mask.ndim; j++) {
    if (mask.shape[j] !== view.shape[dim + j]) {
      argError(op, 'indices', `a mask of the indexed shape ${formatShape(view.shape.slice(dim, dim + mask.ndim))}`,
        `The shape of the mask ${formatShape(mask.shape)} at index ${j} does not match the shape of the indexed tensor ${formatShape(view.shape)} at index ${dim + j} (index ${position})`, IndexError);
    }
  }
}

/** The positions of a mask's true elements, one int64 index tensor per mask dim (torch.nonzero's columns). */
function maskIndices(op: string, mask: Tensor, view: Tensor, dim: number, position: number): Tensor[] {
  const k = mask.ndim;
  checkMaskShape(op, mask, view, dim, position);
  // the count of true elements decides the result's shape: a device mask is read back, which must be
  // asynchronous (x.indexAsync / setAsync / indexPutAsync_ read it first and pass it on the CPU)
  if (mask.storage !== null) throw hostReadError(op, mask, 'the positions of a bool mask\'s true elements (their count decides the result\'s shape)');
  const m = mask.isContiguous() ? mask : mask.contiguous();
  const data = m.data;
  const cols: number[][] = Array.from({ length: k }, () => []);
  const n = m.numel();
  for (let i = 0; i < n; i++) {
    if (!data[m.offset + i]) continue;
    let rest = i;
    for (let j = k - 1; j >= 0; j--) {
      cols[j].push(rest % m.shape[j]);
      rest = Math.floor(rest / m.shape[j]);
    }
  }
  return cols.map((c) => int64On(c, view));
}

/** Apply the basic items of `items` to x (a view); collect the advanced ones. */
export function applyBasic(op: string, x: Tensor, items: readonly IndexItem[]): Sliced {
  let view = x;
  let dim = 0;
  const advanced: Advanced[] = [];
  items.forEach((item, position) => {
    switch (item.kind) {
      case 'int':
        checkInt(op, item.value, dim, view.shape[dim]);
        view = view.select(dim, item.value);
        return;
      case 'slice': {
        if (item.step !== null && item.step <= 0) argError(op, 'indices', 'a slice step greater than zero', `step ${item.step} (step must be greater than zero)`, ValueError);
        // a full slice leaves the view as it is (PyTorch skips it too)
        if (item.start === null && item.stop === null && (item.step ?? 1) === 1) {
          dim++;
          return;
        }
        view = view.slice(dim, item.start ?? undefined, item.stop ?? undefined, item.step ?? 1);
        dim++;
        return;
      }
      case 'none':
        view = view.unsqueeze(dim);
        dim++;
        return;
      case 'bool':
        view = view.unsqueeze(dim);
        advanced.push({ dim, index: int64On(item.value ? [0] : [], view) });
        dim++;
        return;
      case 'list':
        advanced.push({ dim, index: int64On(item.values, view) });
        dim++;
        return;
      case 'mask': {
        const mask = emptyTensor([item.values.length], 'bool', false);
        item.values.forEach((v, i) => (mask.data[i] = v ? 1 : 0));
        for (const index of maskIndices(op, mask, view, dim, position)) advanced.push({ dim: dim++, index });
        return;
      }
      case 'tensor': {
        const t = item.tensor;
        if (t.dtype === 'bool') {
          if (t.ndim === 0) {
            // x[torch.tensor(True)]: PyTorch reads the scalar (a device's must be read back asynchronously)
            if (t.storage !== null) throw hostReadError(op, t, 'the value of a 0-d bool index');
            view = view.unsqueeze(dim);
            advanced.push({ dim, index: int64On(t.item() ? [0] : [], view) });
            dim++;
            return;
          }
          for (const index of maskIndices(op, t, view, dim, position)) advanced.push({ dim: dim++, index });
          return;
        }
        if (t.dtype !== 'int64' && t.dtype !== 'int32') {
          argError(op, 'indices', 'tensors used as indices must be long, int or bool tensors', `dtype ${t.dtype}`, IndexError);
        }
        if (t.ndim === 0) {
          // a 0-d integer tensor selects, a view (as in PyTorch, which reads its value); a device's is
          // read by the async variants first (an advanced index instead would give a copy, not the view)
          if (t.storage !== null) throw hostReadError(op, t, 'the value of a 0-d integer index (it selects a view)');
          const v = t.item();
          checkInt(op, v, dim, view.shape[dim]);
          view = view.select(dim, v);
          return;
        }
        // a CPU index goes to the input's device (an upload); a device index off its device is read back
        const on = t.device === x.device ? t : t.to(x.device);
        advanced.push({ dim, index: on.dtype === 'int64' ? on : on.to('int64') });
        dim++;
        return;
      }
    }
  });
  return { view, advanced };
}
