import { InvalidArgumentError } from 'commander';

function num(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) throw new InvalidArgumentError(`expected a number, got '${value}'.`);
  return x;
}

export function positiveNumber(value: string): number {
  const x = num(value);
  if (x <= 0) throw new InvalidArgumentError(`must be > 0, got ${value}.`);
  return x;
}

export function nonNegativeNumber(value: string): number {
  const x = num(value);
  if (x < 0) throw new InvalidArgumentError(`must be >= 0, got ${value}.`);
  return x;
}

export function positiveInt(value: string): number {
  const x = num(value);
  if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError(`must be an integer >= 1, got ${value}.`);
  return x;
}

export function nonNegativeInt(value: string): number {
  const x = num(value);
  if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) throw new InvalidArgumentError(`must be an integer in [0, 2^32), got ${value}.`);
  return x;
}

/** A number in [lo, hi] (or (lo, hi) / [lo, hi) / (lo, hi] per the flags). */
export function inRange(lo: number, hi: number, loOpen: boolean, hiOpen: boolean): (value: string) => number {
  const text = `${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}`;
  return (value: string) => {
    const x = num(value);
    if ((loOpen ? x <= lo : x < lo) || (hiOpen ? x >= hi : x > hi)) throw new InvalidArgumentError(`must be in ${text}, got ${value}.`);
    return x;
  };
}

/** Comma-separated positive integers, e.g. `64,32`. */
export function intList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => p === '')) throw new InvalidArgumentError(`expected comma-separated integers, got '${value}'.`);
  return parts.map((p) => {
    const x = Number(p);
    if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError(`sizes must be integers >= 1, got '${p}'.`);
    return x;
  });
}

/** Comma-separated non-negative numbers, e.g. `0.25` or `0.5,1,2`. */
export function numberList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) throw new InvalidArgumentError(`expected comma-separated numbers, got '${value}'.`);
  return parts.map((p) => {
    const x = Number(p);
    if (!Number.isFinite(x) || x < 0) throw new InvalidArgumentError(`values must be numbers >= 0, got '${p}'.`);
    return x;
  });
}
