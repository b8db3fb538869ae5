// im2col and col2im (convolution as a matrix product) as strided maps. im2col runs one invocation
// per column entry; col2im gathers: one invocation per element of x's gradient, adding the column
// entries that read it in the reference's order (kernel row, kernel column), compensated (wgsl/compensated.ts), so
// no atomics and the same sums on every run.
import type { Im2colGeometry, StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { runMap } from '../wgsl/map.js';
import { coordinates, namedParams } from '../wgsl/named.js';
import { SUM_ADD, SUM_INIT, SUM_RESULT } from '../wgsl/compensated.js';

function geometryInts(g: Im2colGeometry, inH: number, inW: number): Record<string, number> {
  return {
    kH: g.kH,
    kW: g.kW,
    sH: g.strideH,
    sW: g.strideW,
    pT: g.padTop,
    pL: g.padLeft,
    dH: g.dilationH,
    dW: g.dilationW,
    outH: g.outH,
    outW: g.outW,
    inH,
    inW,
  };
}

/** out[n, (c*kH + ki)*kW + kj, oh*outW + ow] = x[n, c, oh*sH - pT + ki*dH, ow*sW - pL + kj*dW], 0 in the padding. */
export function im2col(ctx: GpuContext, x: StridedView, g: Im2colGeometry, out: StridedView): void {
  wgslType(x.dtype);
  const [batch, channels, inH, inW] = x.shape;
  const { kH, kW, outH, outW } = g;
  const [oN, oR, oS] = out.strides;
  // iteration shape [N, C, kH, kW, outH, outW]: x's plane and out's entry from strides
  const shape = [batch, channels, kH, kW, outH, outW];
  const xPlane: StridedView = { ...x, shape, strides: [x.strides[0], x.strides[1], 0, 0, 0, 0] };
  const out6: StridedView = { ...out, shape, strides: [oN, kH * kW * oR, kW * oR, oR, outW * oS, oS] };
  const { params, lets } = namedParams({ ...geometryInts(g, inH, inW), xsH: x.strides[2], xsW: x.strides[3] });
  const body = [
    lets,
    coordinates(['plane', 'ki', 'kj', 'oh', 'ow'], ['0', 'kH', 'kW', 'outH', 'outW']),
    '  let h = oh * sH - pT + ki * dH;',
    '  let w = ow * sW - pL + kj * dW;',
    `  var v = ${wgslType(x.dtype)}(0);`,
    '  if (h >= 0 && h < inH && w >= 0 && w < inW) { v = $0[o0 + h * xsH + w * xsW]; }',
    '  $1[o1] = v;',
  ].join('\n');
  runMap(ctx, { shape, operands: [xPlane, out6], written: [1], params, body });
}

/** out[n, c, h, w] = the sum of the column entries im2col reads from x[n, c, h, w] (its adjoint). */
export function col2im(ctx: GpuContext, cols: StridedView, g: Im2colGeometry, out: StridedView): void {
  wgslType(out.dtype);
  const [batch, channels, inH, inW] = out.shape;
  const { kH, kW } = g;
  const [cN, cR, cS] = cols.strides;
  // cols seen over out's shape: the first row of channel c's block of kH * kW rows
  const colsBlock: StridedView = { ...cols, shape: out.shape, strides: [cN, kH * kW * cR, 0, 0] };
  const { params, lets } = namedParams({ ...geometryInts(g, inH, inW), cR, cS });
  const body = [
    lets,
    coordinates(['plane', 'h', 'w'], ['0', 'inH', 'inW']),
    SUM_INIT,
    '  for (var ki = 0; ki < kH; ki++) {',
    '    let th = h + pT - ki * dH;',
    '    if (th < 0 || th % sH != 0 || th / sH >= outH) { continue; }',
    '    for (var kj = 0; kj < kW; kj++) {',
    '      let tw = w + pL - kj * dW;',
    '      if (tw < 0 || tw % sW != 0 || tw / sW >= outW) { continue; }',
    '      let v = $0[o0 + (ki * kW + kj) * cR + ((th / sH) * outW + tw / sW) * cS];',
    SUM_ADD('v'),
    '    }',
    '  }',
    `  $1[o1] = ${SUM_RESULT};`,
  ].join('\n');
  runMap(ctx, { shape: [batch, channels, inH, inW], operands: [colsBlock, out], written: [1], params, body });
}
