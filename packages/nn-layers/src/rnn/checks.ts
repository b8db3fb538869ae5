// Shared by the recurrent cells and layers: PyTorch's default init and argument checks.
import { DTypeError, ShapeError, type Tensor } from '@torchlet/tensor-core';
import { checkFloat } from '../functional/util.js';
import { uniform_ } from '../init.js';
import type { Module } from '../module/module.js';

/** PyTorch's reset_parameters: every parameter, in registration order, from U(-1/sqrt(hidden), 1/sqrt(hidden)). */
export function resetRecurrent(module: Module, hiddenSize: number): void {
  const stdv = hiddenSize > 0 ? 1 / Math.sqrt(hiddenSize) : 0;
  for (const p of module.parameters()) uniform_(p, -stdv, stdv);
}

/** The input is float, of the parameters' dtype. */
export function checkInputDType(layer: string, input: Tensor, weight: Tensor): void {
  checkFloat(layer, 'input', input);
  if (input.dtype !== weight.dtype) {
    throw new DTypeError(`${layer}: expected input of dtype ${weight.dtype} (the parameters'), got ${input.dtype}`);
  }
}

/** A state tensor (hx, cx) has the expected shape and the input's dtype. */
export function checkState(layer: string, name: string, state: Tensor, expected: readonly number[], input: Tensor): void {
  if (state.shape.length !== expected.length || state.shape.some((s, i) => s !== expected[i])) {
    throw new ShapeError(`${layer}: expected ${name} of size [${expected.join(', ')}], got [${state.shape.join(', ')}]`);
  }
  if (state.dtype !== input.dtype) throw new DTypeError(`${layer}: expected ${name} of dtype ${input.dtype} (the input's), got ${state.dtype}`);
}
