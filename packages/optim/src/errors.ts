// Option checks with PyTorch's ValueError conditions; messages name the argument, expected and actual.
import { ValueError } from '@torchlet/tensor-core';

/** A short description of a value for an error message: numbers and strings as they are, arrays listed. */
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map(formatValue);
    return `[${shown.join(', ')}${value.length > 8 ? `, ... (${value.length} values)` : ''}]`;
  }
  if (typeof value === 'function') return 'a function';
  if (value !== null && typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return String(value);
}

/** "1 milestone", "2 milestones". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A list as the actual value of a length error: "a list of 2 ([1, 2])". */
export function listOf(value: readonly unknown[]): string {
  return `a list of ${value.length} (${formatValue(value)})`;
}

/** Throw `ValueError("<Opt>: invalid <arg>: expected <expected>, got <actual>")`. */
export function invalid(owner: string, argument: string, expected: string, actual: unknown): never {
  throw new ValueError(`${owner}: invalid ${argument}: expected ${expected}, got ${formatValue(actual)}`);
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

/** Bounds for `checkNumber`; `integer` asks for an integer, otherwise any finite number. */
export interface NumberRange {
  integer?: boolean;
  min?: number;
  max?: number;
  /** Exclude `min` (`> min` instead of `>= min`). */
  minExclusive?: boolean;
  /** Exclude `max` (`< max` instead of `<= max`). */
  maxExclusive?: boolean;
}

/** What `checkNumber` expects, in words: "a finite number >= 0", "a positive integer", "a number in (0, 1]". */
export function describeRange(range: NumberRange): string {
  const { integer = false, min, max, minExclusive = false, maxExclusive = false } = range;
  if (integer && min === 1 && !minExclusive && max === undefined) return 'a positive integer';
  const kind = integer ? 'an integer' : min !== undefined && max !== undefined ? 'a number' : 'a finite number';
  if (min !== undefined && max !== undefined) {
    return `${kind} in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return `${kind} ${minExclusive ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} ${maxExclusive ? '<' : '<='} ${max}`;
  return kind;
}

/** Whether `value` is a finite number (an integer if asked) within `range`. */
export function inRange(value: unknown, range: NumberRange): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (range.integer && !Number.isInteger(value)) return false;
  const { min, max } = range;
  if (min !== undefined && (range.minExclusive ? !(value > min) : !(value >= min))) return false;
  if (max !== undefined && (range.maxExclusive ? !(value < max) : !(value <= max))) return false;
  return true;
}

/** A finite number (NaN, Infinity, undefined and non-numbers rejected) within `range`. */
export function checkNumber(owner: string, argument: string, value: unknown, range: NumberRange = {}): number {
  if (!inRange(value, range)) invalid(owner, argument, describeRange(range), value);
  return value;
}

/** `true` or `false` (a string such as 'false' would otherwise count as true). */
export function checkBoolean(owner: string, argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') invalid(owner, argument, 'true or false', value);
  return value;
}

/** One of the allowed strings (PyTorch's "mode ... is unknown!"). */
export function checkOneOf<T extends string>(
  owner: string,
  argument: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) {
    const actual = typeof value === 'string' ? `'${value}'` : value;
    invalid(owner, argument, allowed.map((a) => `'${a}'`).join(' or '), actual);
  }
  return value as T;
}
