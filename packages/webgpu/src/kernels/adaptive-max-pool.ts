// Adaptive max pooling over planes [P, H, W] (any strides): output o takes the max of the window
// [floor(o * in / out), ceil((o + 1) * in / out)) in both dims, one invocation per output (NaN wins,
// the first maximum wins ties, as the CPU). The backward gathers: one invocation per element of the
// input's gradient, adding in output order the gradients of the windows holding it whose index
// points at it (deterministic, no atomics; f32 additions in the CPU's order, so the same bits).
import type { StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { convert } from '../wgsl/prelude.js';
import { runMap } from '../wgsl/map.js';
import { coordinates, namedParams } from '../wgsl/named.js';
import { planeBase, windowMax } from './pool.js';

/** WGSL of the adaptive window [a0, a1) of output `o` along a dim of `n` inputs and `m` outputs. */
const start = (o: string, n: string, m: string): string => `(${o} * ${n}) / ${m}`;
const end = (o: string, n: string, m: string): string => `((${o} + 1) * ${n} + ${m} - 1) / ${m}`;

export function adaptiveMaxPool2d(ctx: GpuContext, x: StridedView, out: StridedView, indices: StridedView): void {
  wgslType(x.dtype);
  const [, inH, inW] = x.shape;
  const [, outH, outW] = out.shape;
  const { params, lets } = namedParams({ inH, inW, outH, outW, xsH: x.strides[1], xsW: x.strides[2] });
  const body = [
    lets,
    coordinates(['plane', 'oh', 'ow'], ['0', 'outH', 'outW']),
    `  let h0 = ${start('oh', 'inH', 'outH')}; let h1 = ${end('oh', 'inH', 'outH')};`,
    `  let w0 = ${start('ow', 'inW', 'outW')}; let w1 = ${end('ow', 'inW', 'outW')};`,
    windowMax('1', '1', indices),
  ].join('\n');
  runMap(ctx, { shape: out.shape, operands: [planeBase(x, out.shape), out, indices], written: [1, 2], params, body });
}

/** gradInput[p, h, w] = sum, in output order, of gradOutput[p, o] over the outputs o whose window holds (h, w) and whose index is h * W + w. */
export function adaptiveMaxPool2dBackward(ctx: GpuContext, gradOutput: StridedView, indices: StridedView, gradInput: StridedView): void {
  wgslType(gradInput.dtype);
  const [, outH, outW] = gradOutput.shape;
  const [, inH, inW] = gradInput.shape;
  const { params, lets } = namedParams({
    inH, inW, outH, outW,
    gsH: gradOutput.strides[1], gsW: gradOutput.strides[2], isH: indices.strides[1], isW: indices.strides[2],
  });
  const body = [
    lets,
    coordinates(['plane', 'h', 'w'], ['0', 'inH', 'inW']),
    '  let at = h * inW + w;',
    '  var s = 0.0;',
    // the outputs whose windows hold h (resp. w): the windows grow with o, so the range is contiguous
    '  for (var oh = 0; oh < outH; oh++) {',
    `    if (h < ${start('oh', 'inH', 'outH')}) { break; }`,
    `    if (h >= ${end('oh', 'inH', 'outH')}) { continue; }`,
    '    for (var ow = 0; ow < outW; ow++) {',
    `      if (w < ${start('ow', 'inW', 'outW')}) { break; }`,
    `      if (w >= ${end('ow', 'inW', 'outW')}) { continue; }`,
    `      if (${convert('$1[o1 + oh * isH + ow * isW]', wgslType(indices.dtype), 'i32')} == at) { s = s + $0[o0 + oh * gsH + ow * gsW]; }`,
    '    }',
    '  }',
    '  $2[o2] = s;',
  ].join('\n');
  runMap(ctx, {
    shape: gradInput.shape,
    operands: [planeBase(gradOutput, gradInput.shape), planeBase(indices, gradInput.shape), gradInput],
    written: [2],
    params,
    body,
  });
}
