// Adaptive average pooling over planes [P, H, W] (any strides): output o averages the window
// [floor(o * in / out), ceil((o + 1) * in / out)) in both dims. The backward gathers: one invocation
// per element of the input's gradient, adding the shares of the windows holding it in output order.
import type { StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { runMap } from '../wgsl/map.js';
import { coordinates, namedParams } from '../wgsl/named.js';
import { SUM_ADD, SUM_ADD_QUOTIENT, SUM_INIT, SUM_QUOTIENTS_RESULT, SUM_RESULT, QUOTIENT_ERR_INIT } from '../wgsl/compensated.js';
import { planeBase } from './pool.js';

/** WGSL of output (oh, ow)'s window [h0, h1) x [w0, w1). */
const WINDOW = [
  '    let h0 = (oh * inH) / outH; let h1 = ((oh + 1) * inH + outH - 1) / outH;',
  '    let w0 = (ow * inW) / outW; let w1 = ((ow + 1) * inW + outW - 1) / outW;',
].join('\n');

export function adaptiveAvgPool2d(ctx: GpuContext, x: StridedView, out: StridedView): void {
  wgslType(x.dtype);
  const [, inH, inW] = x.shape;
  const [, outH, outW] = out.shape;
  const { params, lets } = namedParams({ inH, inW, outH, outW, xsH: x.strides[1], xsW: x.strides[2] });
  const body = [
    lets,
    coordinates(['plane', 'oh', 'ow'], ['0', 'outH', 'outW']),
    WINDOW,
    SUM_INIT,
    '  for (var h = h0; h < h1; h++) {',
    '    for (var w = w0; w < w1; w++) {',
    '      let v = $0[o0 + h * xsH + w * xsW];',
    SUM_ADD('v'),
    '    }',
    '  }',
    `  $1[o1] = ${SUM_RESULT} / f32((h1 - h0) * (w1 - w0));`,
  ].join('\n');
  runMap(ctx, { shape: out.shape, operands: [planeBase(x, out.shape), out], written: [1], params, body });
}

/** out[p, h, w] = sum over the windows holding (h, w), in output order, of gradOutput / (window size). */
export function adaptiveAvgPool2dBackward(ctx: GpuContext, gradOutput: StridedView, out: StridedView): void {
  wgslType(out.dtype);
  const [, outH, outW] = gradOutput.shape;
  const [, inH, inW] = out.shape;
  const { params, lets } = namedParams({ inH, inW, outH, outW, gsH: gradOutput.strides[1], gsW: gradOutput.strides[2] });
  const body = [
    lets,
    coordinates(['plane', 'h', 'w'], ['0', 'inH', 'inW']),
    SUM_INIT,
    QUOTIENT_ERR_INIT,
    '  for (var oh = 0; oh < outH; oh++) {',
    '    let h0 = (oh * inH) / outH; let h1 = ((oh + 1) * inH + outH - 1) / outH;',
    '    if (h < h0 || h >= h1) { continue; }',
    '    for (var ow = 0; ow < outW; ow++) {',
    '      let w0 = (ow * inW) / outW; let w1 = ((ow + 1) * inW + outW - 1) / outW;',
    '      if (w < w0 || w >= w1) { continue; }',
    SUM_ADD_QUOTIENT('$0[o0 + oh * gsH + ow * gsW]', 'f32((h1 - h0) * (w1 - w0))'),
    '    }',
    '  }',
    `  $1[o1] = ${SUM_QUOTIENTS_RESULT};`,
  ].join('\n');
  runMap(ctx, { shape: out.shape, operands: [planeBase(gradOutput, out.shape), out], written: [1], params, body });
}
