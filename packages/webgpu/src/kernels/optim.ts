// The fused SGD step (tensor-core's sgdUpdate): each f32 line rounds as the composed op whose
// result it is in the reference (f32 arithmetic rounds every operation; the reference rounds the
// same intermediate values with fround).
import type { SgdKernelOptions, StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { runMap } from '../wgsl/map.js';
import { binary, fill } from './elementwise.js';

export function sgdUpdate(ctx: GpuContext, param: StridedView, grad: StridedView, buffer: StridedView | null, o: SgdKernelOptions): void {
  const sign = o.maximize ? -1 : 1;
  wgslType(param.dtype);
  if (buffer === null && o.weightDecay === null) {
    // p = p - lr * (sign * g) = p + (sign * -lr) * g: the add kernel
    binary(ctx, 'add', param, grad, param, sign * o.negLr);
    return;
  }
  const f = (value: number) => ({ value, type: 'f32' as const });
  // without weight decay the term is left out (0 * p would turn an inf param into NaN)
  const decay = o.weightDecay === null ? '' : ' + p1 * x';
  const wd = o.weightDecay ?? 0;
  if (buffer === null) {
    // d = sign * g + wd * p;  p = p - lr * d
    runMap(ctx, {
      shape: param.shape,
      operands: [param, grad],
      written: [0],
      params: [f(sign), f(wd), f(o.negLr)],
      body: `  let x = $0[o0];\n  let d = p0 * $1[o1]${decay};\n  $0[o0] = x + p2 * d;`,
    });
    return;
  }
  // the first step's buf = g is the steady update over a buffer of -0 with momentum and 1 - dampening both 1
  let momentum = o.momentum;
  let gradScale = o.oneMinusDampening;
  if (o.firstStep) {
    fill(ctx, buffer, -0);
    momentum = 1;
    gradScale = 1;
  }
  // d = sign * g + wd * p;  buf = momentum * buf + (1 - dampening) * d;  p = p - lr * buf (nesterov: d + momentum * buf)
  const step = o.nesterov ? 'd + p5 * buf' : 'buf';
  runMap(ctx, {
    shape: param.shape,
    operands: [param, grad, buffer],
    written: [0, 2],
    params: [f(sign), f(wd), f(momentum), f(gradScale), f(o.negLr), f(o.momentum)],
    body: `  let x = $0[o0];\n  let d = p0 * $1[o1]${decay};\n  let buf = $2[o2] * p2 + p3 * d;\n  $2[o2] = buf;\n  $0[o0] = x + p4 * (${step});`,
  });
}
