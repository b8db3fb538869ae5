// Normalising what an op returned to a list of outputs, in the fixture's order.
import { Tensor, type DType } from '@torchlet/tensor-core';
import { storageOf } from '../fixtures.js';
import type { OpResult } from './ops.js';

/** Tensor -> [t]; list -> list; { values, indices } -> [values, indices]; number/boolean -> a 0-d tensor. */
export function outputsOf(res: OpResult, scalarDType: DType): unknown[] {
  if (Array.isArray(res)) return res;
  if (typeof res === 'number') return [new Tensor(storageOf(scalarDType, [res]), [], scalarDType)];
  if (typeof res === 'boolean') return [new Tensor(storageOf('bool', [res ? 1 : 0]), [], 'bool')];
  if (typeof res === 'object' && res !== null && 'values' in res && 'indices' in res && !('shape' in res)) {
    return [res.values, res.indices];
  }
  return [res];
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
