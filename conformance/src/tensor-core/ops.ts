// The replay registry: each fixture op name -> how to run it on torchlet. The same table drives
// the forward check (constant inputs) and the gradient check (inputs that require grad, so the
// installed autograd layer records the graph): there is one Tensor class and one set of functions,
// tensor-core's. The PyTorch side of each op is generator/tc_ops.py; a new op needs an entry in both.
import type { MaxMinResult, Tensor } from '@torchlet/tensor-core';
import type { Kwargs } from './case.js';
import { CREATION_OPS } from './ops-creation.js';
import { SHAPE_OPS } from './ops-shape.js';
import { MATH_OPS } from './ops-math.js';
import { CLONE_INPLACE_OPS, INPLACE_OPS } from './ops-inplace.js';
import { GETITEM_ASYNC_OPS, GETITEM_OPS } from './ops-getitem.js';
import { CREATION_ASYNC_OPS } from './ops-creation.js';
import { MATH_ASYNC_OPS } from './ops-math.js';

export type { Operand } from './operands.js';
import type { Operand } from './operands.js';

/** What an op returns: a tensor, several, values+indices, or a plain value (item, allclose). */
export type OpResult = Tensor | Tensor[] | MaxMinResult | number | boolean;

export type OpFn = (args: Operand[], kw: Kwargs) => OpResult;

/** An async variant of an op (itemAsync, allcloseAsync...): what a device runs, as it reads values back. */
export type AsyncOpFn = (args: Operand[], kw: Kwargs) => Promise<OpResult>;

export const OPS: Record<string, OpFn> = {
  ...CREATION_OPS,
  ...SHAPE_OPS,
  ...MATH_OPS,
  ...INPLACE_OPS,
  ...CLONE_INPLACE_OPS,
  ...GETITEM_OPS,
};

/**
 * The async variants of the ops whose result is a JS value or whose shape depends on values (a
 * device cannot be read synchronously): a device replays these ops through them; the CPU projects
 * replay both forms against the same fixture values.
 */
export const ASYNC_OPS: Record<string, AsyncOpFn> = {
  ...CREATION_ASYNC_OPS,
  ...MATH_ASYNC_OPS,
  ...GETITEM_ASYNC_OPS,
};
