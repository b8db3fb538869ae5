// The recording versions of tensor-core's float-valued unary ops (exp, log, sigmoid, ...), one per
// name in its FLOAT_UNARY_OPS: run the kernel, then save the input or the output as the op's rule
// says (FLOAT_UNARY_SAVES).
import type { Tensor } from '@torchlet/tensor-core';
import { FLOAT_UNARY_OPS, coreOps as raw, type FloatUnaryOp } from '@torchlet/tensor-core/internal';
import { record, recording1 } from '../record.js';
import type { SavedState } from '../rules/index.js';
import { FLOAT_UNARY_SAVES } from '../rules/elementwise.js';

/** Placeholder for a saved output, replaced by the recorded result right after recording. */
const PENDING = null as unknown as Tensor;

function recorded<P extends FloatUnaryOp>(op: P): (x: Tensor) => Tensor {
  return (x) => {
    const out = raw[op](x);
    if (!recording1(x)) return out;
    if (FLOAT_UNARY_SAVES[op] === 'input') return record(op, out, [x], { x } as SavedState[P]);
    // the saved output is the result tensor itself, so double backward differentiates through it
    const saved = { out: PENDING };
    return (saved.out = record(op, out, [x], saved as SavedState[P]));
  };
}

export const floatUnaryOps = Object.fromEntries(FLOAT_UNARY_OPS.map((op) => [op, recorded(op)])) as {
  readonly [K in FloatUnaryOp]: (x: Tensor) => Tensor;
};
