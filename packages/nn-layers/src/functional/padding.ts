// pad (torch.nn.functional.pad): constant, reflect, replicate and circular padding, composed from
// differentiable tensor ops (narrow / cat / indexSelect), so it needs no backward of its own (and
// supports double backward). `pad` lists (before, after) pairs from the last dim backwards.
import { DTypeError, ShapeError, ValueError, cat, full, tensor, type DType, type Tensor } from '@torchlet/tensor-core';
import { checkOptions, shapeText } from './util.js';

/**
 * How `functional.pad` fills the new border: a constant, a reflection, the repeated edge, or wrapping around.
 *
 * @pytorch the mode argument of torch.nn.functional.pad
 * @example
 * ```ts
 * const mode: PadMode = 'reflect';
 * const y = functional.pad(randn([1, 2, 5]), [2, 2], { mode }); // [1, 2, 9]
 * ```
 */
export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/**
 * Options of `functional.pad`: the mode and, for 'constant', the value.
 *
 * @pytorch the mode and value arguments of torch.nn.functional.pad
 * @example
 * ```ts
 * const options: PadOptions = { mode: 'constant', value: -1 };
 * const y = functional.pad(randn([2, 3]), [1, 1, 0, 2], options); // [4, 5]
 * ```
 */
export interface PadOptions {
  /** 'constant' (default), 'reflect', 'replicate' or 'circular'. */
  mode?: PadMode;
  /** The fill value of 'constant' padding (default 0); the other modes take none. */
  value?: number | null;
}

const OP = 'pad';
const MODES: readonly string[] = ['constant', 'reflect', 'replicate', 'circular'];

/** One padded dim: its index in the input, its size and the (before, after) amounts. */
interface PadDim {
  dim: number;
  size: number;
  before: number;
  after: number;
}

function padText(p: PadDim): string {
  return `(${p.before}, ${p.after})`;
}

/** The pairs of `pad` as dims of `input`: pair i pads dim ndim - 1 - i. */
function padDims(input: Tensor, pad: readonly number[]): PadDim[] {
  const out: PadDim[] = [];
  for (let i = 0; i < pad.length / 2; i++) {
    const dim = input.ndim - 1 - i;
    out.push({ dim, size: input.shape[dim], before: pad[2 * i], after: pad[2 * i + 1] });
  }
  return out;
}

/** Pad `input`: `pad = [left, right, top, bottom, ...]` from the last dim backwards, as F.pad. */
export function pad(input: Tensor, pad: readonly number[], options: PadOptions = {}): Tensor {
  checkOptions(OP, options, ['mode', 'value']);
  const mode = options.mode ?? 'constant';
  if (!MODES.includes(mode)) {
    throw new ValueError(`${OP}(): argument 'mode' expected one of 'constant', 'reflect', 'replicate', 'circular' (Unrecognised padding mode), got '${String(mode)}'`);
  }
  if (!Array.isArray(pad) || !pad.every((p) => Number.isInteger(p))) {
    throw new ValueError(`${OP}(): argument 'pad' expected a list of integers, got ${JSON.stringify(pad)}`);
  }
  if (pad.length % 2 !== 0) {
    throw new ValueError(`${OP}(): argument 'pad' expected an even number of values (Padding length must be divisible by 2), got ${pad.length} values`);
  }
  if (pad.length > 2 * input.ndim) {
    throw new ValueError(
      `${OP}(): argument 'pad' expected at most ${2 * input.ndim} values for a ${input.ndim}D input of size ${shapeText(input.shape)} (Padding length too large), got ${pad.length}`,
    );
  }
  const dims = padDims(input, pad);
  if (mode === 'constant') return constantPad(input, dims, options.value ?? 0);
  const value = options.value ?? 0;
  if (value !== 0) {
    throw new ValueError(`${OP}(): argument 'value' expected none (Padding mode "${mode}" doesn't take in value argument), got ${value}`);
  }
  checkNonConstant(input, pad.length, mode, dims);
  let x = input;
  for (const p of dims) {
    const index = sourceIndex(mode, p);
    if (index.length === p.size && index.every((v, i) => v === i)) continue; // nothing to pad on this dim
    x = x.indexSelect(p.dim, tensor(index, { dtype: 'int64', device: x.device }));
  }
  return x === input ? input.clone() : x;
}

/** The fill value as `dtype` stores it (PyTorch casts the scalar: truncation for ints). */
function fillValue(value: number, dtype: DType): number {
  if (dtype === 'bool') return value !== 0 ? 1 : 0;
  if (dtype === 'int64' || dtype === 'int32') return Math.trunc(value);
  return value;
}

/** Constant padding as ATen's constant_pad_nd: negative amounts crop first, then blocks of `value` are joined on. */
function constantPad(input: Tensor, dims: readonly PadDim[], value: number): Tensor {
  let x = input;
  for (const p of dims) {
    if (p.size + Math.min(p.before, 0) + Math.min(p.after, 0) < 0) {
      throw new ShapeError(
        `${OP}(): argument 'pad' expected negative padding that removes at most the ${p.size} elements of dim ${p.dim}, got padding ${padText(p)} for input of size ${shapeText(input.shape)}`,
      );
    }
    if (p.before < 0) x = x.narrow(p.dim, -p.before, x.shape[p.dim] + p.before);
    if (p.after < 0) x = x.narrow(p.dim, 0, x.shape[p.dim] + p.after);
  }
  if (dims.every((p) => p.before <= 0 && p.after <= 0)) return x.clone();
  for (const p of dims) {
    if (p.size + p.before + p.after <= 0) {
      throw new ShapeError(
        `${OP}(): The input size ${p.size}, plus negative padding ${p.before} and ${p.after} resulted in a negative output size, which is invalid. Check dimension ${p.dim} of your input (size ${shapeText(input.shape)})`,
      );
    }
  }
  const fill = fillValue(value, input.dtype);
  for (const p of dims) {
    const parts: Tensor[] = [];
    const block = (n: number): Tensor => {
      const shape = [...x.shape];
      shape[p.dim] = n;
      return full(shape, fill, { dtype: input.dtype, device: input.device });
    };
    if (p.before > 0) parts.push(block(p.before));
    parts.push(x);
    if (p.after > 0) parts.push(block(p.after));
    if (parts.length > 1) x = cat(parts, p.dim);
  }
  return x;
}

/** PyTorch's checks for reflect / replicate / circular, in its order. */
function checkNonConstant(input: Tensor, padLength: number, mode: PadMode, dims: readonly PadDim[]): void {
  const padded = padLength / 2;
  if (padded < 1 || padded > 3 || (input.ndim !== padded + 1 && input.ndim !== padded + 2)) {
    throw new ShapeError(
      `${OP}(): Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now: ${mode} padding of ${padded} dim(s) expected a ` +
        `${padded < 1 || padded > 3 ? '2D to 5D input with 1 to 3 padded dims' : `${padded + 1}D or ${padded + 2}D input`}, got input of size ${shapeText(input.shape)} and ${padLength} pad values`,
    );
  }
  if (mode === 'circular') {
    if (input.ndim !== padded + 2) {
      throw new ShapeError(
        `${OP}(): argument 'pad' expected ${2 * (input.ndim - 2)} values for circular padding of a ${input.ndim}D input of size ${shapeText(input.shape)} (Invalid padding size: circular pads every dim after [N, C]), got ${padLength}`,
      );
    }
    for (const p of dims) {
      const kept = p.size + Math.min(p.before, 0) + Math.min(p.after, 0);
      if (p.before > p.size || p.after > p.size || p.before > kept || p.after > kept) {
        throw new ValueError(
          `${OP}(): argument 'pad' expected circular padding of at most the ${kept} elements left of dim ${p.dim} (Padding value causes wrapping around more than once), got padding ${padText(p)} for input of size ${shapeText(input.shape)}`,
        );
      }
      if (p.size + p.before + p.after < 0) {
        throw new ShapeError(`${OP}(): Negative padding value is resulting in an empty dimension: padding ${padText(p)} of dim ${p.dim} of size ${p.size}`);
      }
    }
    return;
  }
  const name = mode === 'reflect' ? 'reflection_pad' : 'replication_pad';
  if (input.dtype !== 'float32' && input.dtype !== 'float64') {
    throw new DTypeError(`${OP}(): argument 'input' expected a float32 or float64 tensor for ${mode} padding ("${name}${padded}d" not implemented for it), got ${input.dtype}`);
  }
  if (input.shape.slice(1).some((s) => s === 0)) {
    throw new ShapeError(
      `${OP}(): argument 'input' expected a ${padded + 1}D or ${padded + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for ${mode} padding, got input of size ${shapeText(input.shape)}`,
    );
  }
  for (const p of dims) {
    if (mode === 'reflect' && (p.before >= p.size || p.after >= p.size)) {
      throw new ValueError(
        `${OP}(): argument 'pad' expected reflect padding smaller than the corresponding input dimension (${p.size} at dim ${p.dim}), got padding ${padText(p)} for input of size ${shapeText(input.shape)}`,
      );
    }
    const out = p.size + p.before + p.after;
    if (out < (padded === 1 ? 1 : 0)) {
      throw new ShapeError(`${OP}(): input (size ${p.size} at dim ${p.dim}) is too small for padding ${padText(p)}. Calculated output size: ${out}`);
    }
  }
}

/** For each output position along a padded dim, the input position it copies. */
function sourceIndex(mode: PadMode, p: PadDim): number[] {
  const out = p.size + p.before + p.after;
  const index = new Array<number>(out);
  const last = p.size - 1;
  // circular wraps the input after negative padding has cropped it (ATen's _pad_circular)
  const start = Math.max(-p.before, 0);
  const kept = p.size - start - Math.max(-p.after, 0);
  for (let j = 0; j < out; j++) {
    const q = j - p.before; // position in the input's coordinates
    if (mode === 'reflect') index[j] = q < 0 ? -q : q > last ? 2 * last - q : q; // mirror about 0 and size - 1
    else if (mode === 'replicate') index[j] = Math.min(Math.max(q, 0), last);
    else index[j] = start + ((((j - Math.max(p.before, 0)) % kept) + kept) % kept);
  }
  return index;
}
