// GELU (both approximations) with its backward, and embedding with its backward, as strided maps.
// embeddingBackward runs one invocation per element of the weight's gradient, walking the indices
// in order, so the sums are in the reference's order (in f32, not doubles). An index outside
// [0, rows) is skipped and reported (index-errors.ts): the read after rejects.
import type { GeluKernelApproximate, StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { convert } from '../wgsl/prelude.js';
import { runMap } from '../wgsl/map.js';
import { reportIndex } from '../index-errors.js';

const SQRT1_2 = Math.SQRT1_2;
const K_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5; // sqrt(2 / pi)
const K_KAPPA = 0.044715;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const f = (value: number) => ({ value, type: 'f32' as const });

export function gelu(ctx: GpuContext, x: StridedView, approximate: GeluKernelApproximate, out: StridedView): void {
  wgslType(x.dtype);
  const body =
    approximate === 'tanh'
      ? '  let v = $0[o0];\n  let inner = p0 * (v + p1 * v * v * v);\n  $1[o1] = 0.5 * v * (1.0 + tanh_f(inner));'
      : '  let v = $0[o0];\n  $1[o1] = v * 0.5 * (1.0 + erf_f(v * p2));';
  runMap(ctx, { shape: x.shape, operands: [x, out], written: [1], params: [f(K_BETA), f(K_KAPPA), f(SQRT1_2)], body, elementwise: true });
}

export function geluBackward(ctx: GpuContext, x: StridedView, gradOutput: StridedView, approximate: GeluKernelApproximate, out: StridedView): void {
  wgslType(x.dtype);
  const body =
    approximate === 'tanh'
      ? [
          '  let v = $0[o0];',
          '  let xSq = v * v;',
          '  let t = tanh_f(p0 * (v + p1 * xSq * v));',
          '  let dLeft = 0.5 * (1.0 + t);',
          '  let dRight = 0.5 * v * (1.0 - t * t) * p0 * (1.0 + 3.0 * p1 * xSq);',
          '  $2[o2] = $1[o1] * (dLeft + dRight);',
        ].join('\n')
      : [
          '  let v = $0[o0];',
          '  let cdf = 0.5 * (1.0 + erf_f(v * p2));',
          '  let pdf = p3 * exp_f(-0.5 * v * v);',
          '  $2[o2] = $1[o1] * (cdf + v * pdf);',
        ].join('\n');
  runMap(ctx, { shape: x.shape, operands: [x, gradOutput, out], written: [2], params: [f(K_BETA), f(K_KAPPA), f(SQRT1_2), f(INV_SQRT_2PI)], body, elementwise: true });
}

/** out[i, :] = weight[indices[i], :] (weight [rows, dim], indices [n], out [n, dim]). */
export function embedding(ctx: GpuContext, weight: StridedView, indices: StridedView, out: StridedView): void {
  const [n, dim] = out.shape;
  const idx: StridedView = { ...indices, shape: [n, dim], strides: [indices.strides[0] ?? 0, 0] };
  const w: StridedView = { ...weight, shape: [n, dim], strides: [0, weight.strides[1] ?? 0] };
  runMap(ctx, {
    shape: [n, dim],
    operands: [idx, w, out],
    written: [2],
    params: [
      { value: weight.strides[0] ?? 0, type: 'i32' },
      { value: weight.shape[0] ?? 0, type: 'i32' },
    ],
    body: [
      '  let j = i32($0[o0]);',
      `  if (j < 0 || j >= p1) { ${reportIndex('embedding', 'j', 'p1')} return; }`,
      `  $2[o2] = ${convert('$1[o1 + j * p0]', wgslType(weight.dtype), wgslType(out.dtype))};`,
    ].join('\n'),
    indexErrors: true,
  });
}

/** out[r, :] = sum over i with indices[i] = r (r not paddingIdx) of gradOutput[i, :], in index order. */
export function embeddingBackward(ctx: GpuContext, gradOutput: StridedView, indices: StridedView, paddingIdx: number | null, out: StridedView): void {
  const [rows, dim] = out.shape;
  const n = indices.shape[0] ?? 0;
  const idx: StridedView = { ...indices, shape: [rows, dim], strides: [0, 0] };
  const g: StridedView = { ...gradOutput, shape: [rows, dim], strides: [0, gradOutput.strides[1] ?? 0] };
  wgslType(out.dtype);
  runMap(ctx, {
    shape: [rows, dim],
    operands: [idx, g, out],
    written: [2],
    params: [
      { value: n, type: 'i32' },
      { value: indices.strides[0] ?? 0, type: 'i32' },
      { value: gradOutput.strides[0] ?? 0, type: 'i32' },
      { value: paddingIdx ?? -1, type: 'i32' },
      { value: paddingIdx === null ? 0 : 1, type: 'i32' },
      { value: rows, type: 'i32' },
    ],
    body: [
      '  let r = i32(i) / i32(prm[2u]);',
      '  var s = 0.0;',
      '  if (p4 == 0 || r != p3) {',
      '    for (var k: i32 = 0; k < p0; k++) {',
      '      let j = i32($0[o0 + k * p1]);',
      `      if (j < 0 || j >= p5) { ${reportIndex('embeddingBackward', 'j', 'p5')} } else if (j == r) { s = s + $1[o1 + k * p2]; }`,
      '    }',
      '  }',
      '  $2[o2] = s;',
    ].join('\n'),
    indexErrors: true,
  });
}
