// Option checks with PyTorch's ValueError conditions; messages name the argument, expected and actual.
import { ValueError } from '@torchlet/tensor-core';

/** Throw `ValueError("<Opt>: invalid <arg>: expected <expected>, got <actual>")`. */
export function invalid(owner: string, argument: string, expected: string, actual: unknown): never {
  throw new ValueError(`${owner}: invalid ${argument}: expected ${expected}, got ${String(actual)}`);
}

/** A finite number >= 0 (PyTorch: `if not 0.0 <= x: raise ValueError`). */
export function checkNonNegative(owner: string, argument: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0)) invalid(owner, argument, 'a number >= 0', value);
}

/** A number in [0, 1) (PyTorch's check of each beta). */
export function checkUnitInterval(owner: string, argument: string, value: number, closed = false): void {
  const ok = typeof value === 'number' && value >= 0 && (closed ? value <= 1 : value < 1);
  if (!ok) invalid(owner, argument, closed ? 'a number in [0, 1]' : 'a number in [0, 1)', value);
}

/** `betas` as a pair with both entries in [0, 1). */
export function checkBetas(owner: string, betas: readonly number[]): void {
  if (!Array.isArray(betas) || betas.length !== 2) invalid(owner, 'betas', 'a pair [beta1, beta2]', betas);
  checkUnitInterval(owner, 'betas[0]', betas[0]);
  checkUnitInterval(owner, 'betas[1]', betas[1]);
}

/** A positive integer (counts such as maxIter or historySize). */
export function checkPositiveInt(owner: string, argument: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) invalid(owner, argument, 'a positive integer', value);
}
