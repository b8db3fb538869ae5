// The fused SGD step (tensor-core's sgdUpdate): each f32 line rounds as the composed op whose
// result it is in the reference (f32 arithmetic rounds every operation; the reference rounds the
// same intermediate values with fround).
import type { AdamKernelOptions, SgdKernelOptions, StridedView } from '@torchlet/tensor-core';
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
      elementwise: true,
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
    elementwise: true,
    shape: param.shape,
    operands: [param, grad, buffer],
    written: [0, 2],
    params: [f(sign), f(wd), f(momentum), f(gradScale), f(o.negLr), f(o.momentum)],
    body: `  let x = $0[o0];\n  let d = p0 * $1[o1]${decay};\n  let buf = $2[o2] * p2 + p3 * d;\n  $2[o2] = buf;\n  $0[o0] = x + p4 * (${step});`,
  });
}

/**
 * The fused Adam / AdamW step (tensor-core's adamUpdate): every line rounds in f32 as the composed
 * op whose result it is (neg, mul_ or add(alpha), mul_ + add_(alpha), mul_ + addcmul_, maximum_,
 * sqrt, div_, add_, addcdiv_).
 */
export function adamUpdate(
  ctx: GpuContext,
  param: StridedView,
  grad: StridedView,
  expAvg: StridedView,
  expAvgSq: StridedView,
  maxExpAvgSq: StridedView | null,
  o: AdamKernelOptions,
): void {
  wgslType(param.dtype);
  const f = (value: number) => ({ value, type: 'f32' as const });
  const operands: StridedView[] = [param, grad, expAvg, expAvgSq];
  if (maxExpAvgSq !== null) operands.push(maxExpAvgSq);
  const lines = [
    '  var x = $0[o0];',
    '  var g = p0 * $1[o1];',
    o.decay !== null ? '  x = x * p1;' : '',
    o.weightDecay !== null ? '  g = g + p2 * x;' : '',
    '  let m = $2[o2] * p3 + p4 * g;',
    '  $2[o2] = m;',
    '  let v = $3[o3] * p5 + p6 * (g * g);',
    '  $3[o3] = v;',
  ];
  if (maxExpAvgSq !== null) {
    // maximum_ propagates NaN
    lines.push('  let old = $4[o4];', '  let vm = select(max(old, v), nan_f(), isnan_f(old) || isnan_f(v));', '  $4[o4] = vm;');
  } else {
    lines.push('  let vm = v;');
  }
  lines.push('  let denom = sqrt_f(vm) / p7 + p8;', '  $0[o0] = x + p9 * (m / denom);');
  runMap(ctx, {
    elementwise: true,
    shape: param.shape,
    operands,
    written: maxExpAvgSq !== null ? [0, 2, 3, 4] : [0, 2, 3],
    params: [
      f(o.maximize ? -1 : 1),
      f(o.decay ?? 1),
      f(o.weightDecay ?? 0),
      f(o.beta1),
      f(o.oneMinusBeta1),
      f(o.beta2),
      f(o.oneMinusBeta2),
      f(o.biasCorrection2Sqrt),
      f(o.eps),
      f(o.stepSize),
    ],
    body: lines.filter((l) => l !== '').join('\n'),
  });
}
