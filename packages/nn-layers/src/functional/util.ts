// Helpers shared by the functional ops: argument checks with PyTorch's wording.
import { DTypeError, ValueError, type Tensor } from '@torchlet/tensor-core';

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
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
