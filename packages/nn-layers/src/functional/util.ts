// Helpers shared by the functional ops: argument checks with PyTorch's wording and array <-> tensor.
import { DTypeError, Tensor, ValueError, type DType } from '@torchlet/tensor-core';
import { allocFloat, readContiguous, type FloatArray } from '../kernels/strided.js';

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** A tensor of `dtype` over a double (or float) array, rounding once (no copy when the array already is `dtype`'s). */
export function tensorFrom(values: FloatArray, shape: readonly number[], dtype: DType): Tensor {
  if ((dtype === 'float32' && values instanceof Float32Array) || (dtype === 'float64' && values instanceof Float64Array)) {
    return new Tensor(values, shape, dtype);
  }
  const out = allocFloat(dtype, values.length);
  out.set(values);
  return new Tensor(out, shape, dtype);
}

/** The elements of a tensor as a fresh contiguous float array. */
export function arrayOf(x: Tensor): FloatArray {
  return readContiguous(x);
}

export function checkFloat(op: string, argument: string, x: Tensor): void {
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(`${op}(): argument '${argument}' expected a float32 or float64 tensor, got ${x.dtype}`);
  }
}

export function checkSameDType(op: string, argument: string, x: Tensor, other: Tensor | null | undefined): void {
  if (other && other.dtype !== x.dtype) {
    throw new DTypeError(`${op}(): expected ${argument} to have dtype ${x.dtype} (the input's), got ${other.dtype}`);
  }
}

/** A positive integer (or pair of them) option. */
export function positivePair(op: string, name: string, value: number | readonly number[], min = 1): [number, number] {
  const pair: [number, number] = typeof value === 'number' ? [value, value] : value.length === 1 ? [value[0], value[0]] : [value[0], value[1]];
  if ((typeof value !== 'number' && value.length > 2) || !pair.every((v) => Number.isInteger(v) && v >= min)) {
    throw new ValueError(`${op}(): argument '${name}' expected ${min === 0 ? 'non-negative' : 'positive'} integers (one or two), got ${JSON.stringify(value)}`);
  }
  return pair;
}
