// Typed access to a case's keyword arguments (PyTorch's names, as the generator wrote them).
import type { DType } from '@torchlet/tensor-core';
import type { Kwargs, KwValue } from './case.js';

function fail(name: string, expected: string, v: KwValue | undefined): never {
  throw new Error(`fixture kwarg '${name}': expected ${expected}, got ${JSON.stringify(v)}`);
}

/** Non-finite numbers arrive as "nan" / "inf" / "-inf". */
function asNumber(v: KwValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'nan') return Number.NaN;
  if (v === 'inf') return Number.POSITIVE_INFINITY;
  if (v === '-inf') return Number.NEGATIVE_INFINITY;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

export function num(kw: Kwargs, name: string): number {
  const n = asNumber(kw[name]);
  return n === undefined ? fail(name, 'a number', kw[name]) : n;
}

export function optNum(kw: Kwargs, name: string): number | undefined {
  return kw[name] === undefined || kw[name] === null ? undefined : num(kw, name);
}

export function ints(kw: Kwargs, name: string): number[] {
  const v = kw[name];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) return fail(name, 'a list of numbers', v);
  return v as number[];
}

/** A dim argument: one dim, a list of dims, or absent (all dims). */
export function dims(kw: Kwargs, name = 'dim'): number | number[] | undefined {
  const v = kw[name];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' ? v : ints(kw, name);
}

export function bool(kw: Kwargs, name: string, dflt = false): boolean {
  const v = kw[name];
  return v === undefined ? dflt : v === true;
}

/** `{ dtype }` when the case names one, else undefined (the op's default). */
export function dtypeOpt(kw: Kwargs): { dtype: DType } | undefined {
  return typeof kw.dtype === 'string' ? { dtype: kw.dtype as DType } : undefined;
}

export function dtype(kw: Kwargs): DType {
  return typeof kw.dtype === 'string' ? (kw.dtype as DType) : fail('dtype', 'a dtype name', kw.dtype);
}
