// Operands of a replayed op: tensors, JS numbers, tensor lists.
import type { Tensor } from '@torchlet/tensor-core';

export type Operand = Tensor | number | Tensor[];

/** Operand `i` as a tensor (the fixture says so; a wrong fixture fails loudly). */
export function t(args: Operand[], i: number): Tensor {
  const a = args[i];
  if (typeof a === 'number' || Array.isArray(a) || a === undefined) {
    throw new Error(`operand ${i}: expected a tensor in the fixture`);
  }
  return a;
}

export function tOrNum(args: Operand[], i: number): Tensor | number {
  const a = args[i];
  if (Array.isArray(a) || a === undefined) throw new Error(`operand ${i}: expected a tensor or a number`);
  return a;
}

export function list(args: Operand[], i: number): Tensor[] {
  const a = args[i];
  if (!Array.isArray(a)) throw new Error(`operand ${i}: expected a tensor list in the fixture`);
  return a;
}
