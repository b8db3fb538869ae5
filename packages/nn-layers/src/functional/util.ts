// Helpers shared by the functional ops: argument checks with PyTorch's wording.
import { checkOptionKeys } from '@torchlet/tensor-core/internal';
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

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string '${value.slice(0, 20)}'`;
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * An options object holds only the keys `op` takes (PyTorch: "got an unexpected keyword argument"),
 * so a misspelt option fails instead of being ignored. `undefined` and `{}` pass.
 */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${op}(): expected an options object, got ${describeValue(options)}`);
  }
  checkOptionKeys(op, options, allowed);
}

/** A number argument (any value, infinities included, as PyTorch's floats); JS callers can pass anything. */
export function checkNumber(op: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') {
    throw new DTypeError(`${op}(): argument '${name}' expected a number, got ${describeValue(value)}`);
  }
}
