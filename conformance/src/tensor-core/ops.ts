// The replay registry: each fixture op name -> how to run it on torchlet. The same table drives
// the forward check (tensor-core tensors, core functions) and the gradient check (autograd
// tensors, autograd functions): autograd's Tensor has the same method names as the core Tensor,
// so the functions below are written once against the core types. The PyTorch side of each op is
// generator/tc_ops.py; a new op needs an entry in both.
import type * as Core from '@torchlet/tensor-core';
import type { Tensor } from '@torchlet/tensor-core';
import type { Kwargs } from './case.js';
import { CREATION_OPS } from './ops-creation.js';
import { SHAPE_OPS } from './ops-shape.js';
import { MATH_OPS } from './ops-math.js';
import { CLONE_INPLACE_OPS, INPLACE_OPS } from './ops-inplace.js';

export type { Operand } from './operands.js';
import type { Operand } from './operands.js';

/** The free functions the ops call (tensor-core's, or autograd's with the same names). */
export type Fns = Pick<
  typeof Core,
  | 'tensor' | 'scalarTensor' | 'zeros' | 'ones' | 'full' | 'arange' | 'linspace' | 'eye'
  | 'zerosLike' | 'onesLike' | 'fullLike' | 'cat' | 'stack' | 'add' | 'sub' | 'mul' | 'div' | 'pow'
  | 'where' | 'oneHot' | 'allclose'
>;

/** What an op returns: a tensor, several, values+indices, or a plain value (item, allclose). */
export type OpResult = Tensor | Tensor[] | Core.MaxMinResult | number | boolean;

export type OpFn = (args: Operand[], kw: Kwargs, fns: Fns) => OpResult;

export const OPS: Record<string, OpFn> = {
  ...CREATION_OPS,
  ...SHAPE_OPS,
  ...MATH_OPS,
  ...INPLACE_OPS,
  ...CLONE_INPLACE_OPS,
};
