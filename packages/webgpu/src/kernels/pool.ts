// Max and average pooling over planes [P, H, W] (any strides), as the reference's loops: forwards
// run one invocation per output; backwards gather, one invocation per element of the input's
// gradient adding its outputs' shares in output order (compensated sums), so no atomics.
import type { AvgPool2dGeometry, MaxPool2dGeometry, StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { convert } from '../wgsl/prelude.js';
import { runMap } from '../wgsl/map.js';
import { coordinates, namedParams } from '../wgsl/named.js';
import { SUM_ADD, SUM_ADD_QUOTIENT, SUM_INIT, SUM_QUOTIENTS_RESULT, SUM_RESULT, QUOTIENT_ERR_INIT } from '../wgsl/compensated.js';

/** `v` seen over `shape` [P, a, b] at its plane's first element (strides 0 inside the plane). */
export function planeBase(v: StridedView, shape: readonly number[]): StridedView {
  return { ...v, shape, strides: [v.strides[0], 0, 0] };
}

/**
 * WGSL: the max of x ($0) over rows [h0, h1) and columns [w0, w1), stepping `hStep` and `wStep`,
 * into $1, and its index h * inW + w into $2 (`indices`' type). NaN wins; after a NaN only a later
 * NaN moves the index, and the first maximum wins ties, as the reference.
 */
export function windowMax(hStep: string, wStep: string, indices: StridedView): string {
  return [
    '  var best = -inf_f(); var bi = h0 * inW + w0;',
    `  for (var h = h0; h < h1; h += ${hStep}) {`,
    `    for (var w = w0; w < w1; w += ${wStep}) {`,
    '      let v = $0[o0 + h * xsH + w * xsW];',
    '      if (isnan_f(v) || (!isnan_f(best) && v > best)) { best = v; bi = h * inW + w; }',
    '    }',
    '  }',
    '  $1[o1] = best;',
    `  $2[o2] = ${convert('bi', 'i32', wgslType(indices.dtype))};`,
  ].join('\n');
}

/** Max over each window (padding -inf); indices get h * W + w of the max: NaN wins, the first maximum wins ties. */
export function maxPool2d(ctx: GpuContext, x: StridedView, g: MaxPool2dGeometry, out: StridedView, indices: StridedView): void {
  wgslType(x.dtype);
  const [, inH, inW] = x.shape;
  const [, outH, outW] = out.shape;
  const { params, lets } = namedParams({
    kH: g.kH, kW: g.kW, sH: g.strideH, sW: g.strideW, padH: g.padH, padW: g.padW, dH: g.dilationH, dW: g.dilationW,
    inH, inW, outH, outW, xsH: x.strides[1], xsW: x.strides[2],
  });
  const body = [
    lets,
    coordinates(['plane', 'oh', 'ow'], ['0', 'outH', 'outW']),
    // the reference's window: [start, min(start + (k - 1) d + 1, in)), start stepped past the padding by d
    '  var h0 = oh * sH - padH; let h1 = min(h0 + (kH - 1) * dH + 1, inH);',
    '  var w0 = ow * sW - padW; let w1 = min(w0 + (kW - 1) * dW + 1, inW);',
    '  if (h0 < 0) { h0 += ((dH - 1 - h0) / dH) * dH; }',
    '  if (w0 < 0) { w0 += ((dW - 1 - w0) / dW) * dW; }',
    windowMax('dH', 'dW', indices),
  ].join('\n');
  runMap(ctx, { shape: out.shape, operands: [planeBase(x, out.shape), out, indices], written: [1, 2], params, body });
}

/**
 * out[p, h, w] = sum of gradOutput[p, o] over the outputs o (in order) whose index is h * W + w.
 * With the forward's geometry `g`, each invocation visits only the outputs whose windows can hold
 * (h, w): oh in [ceil((h + padH - (kH - 1) dH) / sH), floor((h + padH) / sH)], likewise ow, so
 * about kH kW / (sH sW) of them instead of the whole plane. The same terms are added in the same
 * order (an index always lies in its own window), so the result is bit for bit the full scan's.
 */
export function maxPool2dBackward(ctx: GpuContext, gradOutput: StridedView, indices: StridedView, out: StridedView, g?: MaxPool2dGeometry): void {
  wgslType(out.dtype);
  const [, outH, outW] = gradOutput.shape;
  const [, inH, inW] = out.shape;
  const window = g === undefined ? { kH: 1, kW: 1, sH: 1, sW: 1, padH: 0, padW: 0, dH: 1, dW: 1 } : { kH: g.kH, kW: g.kW, sH: g.strideH, sW: g.strideW, padH: g.padH, padW: g.padW, dH: g.dilationH, dW: g.dilationW };
  const { params, lets } = namedParams({
    inH, inW, outH, outW,
    gsH: gradOutput.strides[1], gsW: gradOutput.strides[2], isH: indices.strides[1], isW: indices.strides[2],
    ...window,
  });
  const range =
    g === undefined
      ? ['  let ohLo = 0; let ohHi = outH - 1; let owLo = 0; let owHi = outW - 1;']
      : [
          // the outputs whose window [o s - pad, o s - pad + (k - 1) d] holds h, clipped to the output
          '  let ah = h + padH - (kH - 1) * dH; let ohLo = select(0, (ah + sH - 1) / sH, ah > 0); let ohHi = min(outH - 1, (h + padH) / sH);',
          '  let aw = w + padW - (kW - 1) * dW; let owLo = select(0, (aw + sW - 1) / sW, aw > 0); let owHi = min(outW - 1, (w + padW) / sW);',
        ];
  const body = [
    lets,
    coordinates(['plane', 'h', 'w'], ['0', 'inH', 'inW']),
    '  let flat = h * inW + w;',
    ...range,
    SUM_INIT,
    '  for (var oh = ohLo; oh <= ohHi; oh++) {',
    '    for (var ow = owLo; ow <= owHi; ow++) {',
    '      if (i32($1[o1 + oh * isH + ow * isW]) == flat) {',
    '        let v = $0[o0 + oh * gsH + ow * gsW];',
    SUM_ADD('v'),
    '      }',
    '    }',
    '  }',
    `  $2[o2] = ${SUM_RESULT};`,
  ].join('\n');
  runMap(ctx, { shape: out.shape, operands: [planeBase(gradOutput, out.shape), planeBase(indices, out.shape), out], written: [2], params, body });
}

function avgInts(g: AvgPool2dGeometry, inH: number, inW: number, outH: number, outW: number): Record<string, number> {
  return {
    kH: g.kH, kW: g.kW, sH: g.strideH, sW: g.strideW, padH: g.padH, padW: g.padW, inH, inW, outH, outW,
    countPad: g.countIncludePad ? 1 : 0, hasOverride: g.divisorOverride === null ? 0 : 1,
  };
}

/** WGSL of the window of output (oh, ow), clipped to the input (h0, h1, w0, w1), and its divisor `divide`. */
const AVG_WINDOW = [
  '    var h0 = oh * sH - padH; var h1 = min(h0 + kH, inH + padH);',
  '    var w0 = ow * sW - padW; var w1 = min(w0 + kW, inW + padW);',
  '    let poolSize = (h1 - h0) * (w1 - w0);',
  '    h0 = max(h0, 0); w0 = max(w0, 0); h1 = min(h1, inH); w1 = min(w1, inW);',
  '    var divide = f32(select((h1 - h0) * (w1 - w0), poolSize, countPad == 1));',
  '    if (hasOverride == 1) { divide = fixedDivisor; }',
].join('\n');

/** out = sum(window) / divisor (countIncludePad, divisorOverride); a window all in the padding gives 0. */
export function avgPool2d(ctx: GpuContext, x: StridedView, g: AvgPool2dGeometry, out: StridedView): void {
  wgslType(x.dtype);
  const [, inH, inW] = x.shape;
  const [, outH, outW] = out.shape;
  const { params, lets } = namedParams({ ...avgInts(g, inH, inW, outH, outW), xsH: x.strides[1], xsW: x.strides[2] }, { fixedDivisor: g.divisorOverride ?? 1 });
  const body = [
    lets,
    coordinates(['plane', 'oh', 'ow'], ['0', 'outH', 'outW']),
    AVG_WINDOW,
    SUM_INIT,
    '  for (var h = h0; h < h1; h++) {',
    '    for (var w = w0; w < w1; w++) {',
    '      let v = $0[o0 + h * xsH + w * xsW];',
    SUM_ADD('v'),
    '    }',
    '  }',
    `  $1[o1] = select(${SUM_RESULT} / divide, 0.0, h0 >= h1 || w0 >= w1);`,
  ].join('\n');
  runMap(ctx, { shape: out.shape, operands: [planeBase(x, out.shape), out], written: [1], params, body });
}

/** out[p, h, w] = sum over the windows holding (h, w), in output order, of gradOutput / divisor. */
export function avgPool2dBackward(ctx: GpuContext, gradOutput: StridedView, g: AvgPool2dGeometry, out: StridedView): void {
  wgslType(out.dtype);
  const [, outH, outW] = gradOutput.shape;
  const [, inH, inW] = out.shape;
  const ints = { ...avgInts(g, inH, inW, outH, outW), gsH: gradOutput.strides[1], gsW: gradOutput.strides[2] };
  const { params, lets } = namedParams(ints, { fixedDivisor: g.divisorOverride ?? 1 });
  const body = [
    lets,
    coordinates(['plane', 'h', 'w'], ['0', 'inH', 'inW']),
    // the outputs whose unclipped window [o s - pad, o s - pad + k) holds h: o in [ceil((h + pad - k + 1) / s), floor((h + pad) / s)]
    '  let ah = h + padH - kH + 1; let ohLo = select(0, (ah + sH - 1) / sH, ah > 0); let ohHi = min(outH - 1, (h + padH) / sH);',
    '  let aw = w + padW - kW + 1; let owLo = select(0, (aw + sW - 1) / sW, aw > 0); let owHi = min(outW - 1, (w + padW) / sW);',
    SUM_INIT,
    QUOTIENT_ERR_INIT,
    '  for (var oh = ohLo; oh <= ohHi; oh++) {',
    '   for (var ow = owLo; ow <= owHi; ow++) {',
    AVG_WINDOW,
    '    if (h >= h0 && h < h1 && w >= w0 && w < w1) {',
    SUM_ADD_QUOTIENT('$0[o0 + oh * gsH + ow * gsW]', 'divide'),
    '    }',
    '   }',
    '  }',
    `  $1[o1] = ${SUM_QUOTIENTS_RESULT};`,
  ].join('\n');
  runMap(ctx, { shape: out.shape, operands: [planeBase(gradOutput, out.shape), out], written: [1], params, body });
}
