// Batch normalization over dim 1 of [N, C, inner] views (any strides): the batch's moments (one
// invocation per channel, two compensated passes, as the variance kernel), the normalization
// as a map, and its backward: per-channel sums of dy and dy * xhat (one invocation per channel, in
// the reference's order), then dx as a map reading those sums.
import type { BatchNormGradViews, StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { runMap } from '../wgsl/map.js';
import { runReduce, loadX } from '../wgsl/reduce.js';
import { namedParams } from '../wgsl/named.js';
import { SUM_ADD, SUM_INIT, SUM_RESET, SUM_RESULT, sumAdd, sumInit, sumResult } from '../wgsl/compensated.js';

/** A [C] view seen over `shape` [N, C, inner] (stride 0 but along C). */
function perChannel(v: StridedView, shape: readonly number[]): StridedView {
  return { ...v, shape, strides: [0, v.strides[0], 0] };
}

/** Operands of a map and the WGSL reading each: `$k[ok]`. */
class Operands {
  readonly views: StridedView[] = [];
  readonly written: number[] = [];
  add(v: StridedView, written = false): string {
    const k = this.views.length;
    this.views.push(v);
    if (written) this.written.push(k);
    return `$${k}[o${k}]`;
  }
}

/** mean = sum(x) / m, variance = sum((x - mean)^2) / m per channel, m = N * inner. */
export function batchNormMoments(ctx: GpuContext, x: StridedView, mean: StridedView, variance: StridedView): void {
  const { expr } = loadX(x);
  const kept = (v: StridedView): StridedView => ({ ...v, shape: [1, x.shape[1], 1], strides: [0, v.strides[0], 0] });
  runReduce(ctx, {
    x,
    dims: [0, 2],
    outs: [kept(mean), kept(variance)],
    body: (loop) =>
      [
        SUM_INIT,
        loop(`    let v = f32(${expr});\n${SUM_ADD('v')}`),
        `  let mu = ${SUM_RESULT} / f32(nred);`,
        SUM_RESET,
        loop(`    let d = f32(${expr}) - mu;\n${SUM_ADD('d * d')}`),
        '  $1[o1] = mu;',
        `  $2[o2] = ${SUM_RESULT} / f32(nred);`,
      ].join('\n'),
  });
}

/** y = (x - mean[c]) * (invStd[c] * weight[c]) + bias[c], invStd = 1 / sqrt(variance + eps). */
export function batchNorm(
  ctx: GpuContext,
  x: StridedView,
  mean: StridedView,
  variance: StridedView,
  eps: number,
  weight: StridedView | null,
  bias: StridedView | null,
  out: StridedView,
): void {
  wgslType(x.dtype);
  const shape = x.shape;
  const ops = new Operands();
  const X = ops.add(x);
  const M = ops.add(perChannel(mean, shape));
  const V = ops.add(perChannel(variance, shape));
  const W = weight === null ? '1.0' : ops.add(perChannel(weight, shape));
  const B = bias === null ? '0.0' : ops.add(perChannel(bias, shape));
  const Y = ops.add(out, true);
  const { params, lets } = namedParams({}, { eps });
  const body = [lets, `  let scale = (1.0 / sqrt_f(${V} + eps)) * ${W};`, `  ${Y} = (${X} - ${M}) * scale + ${B};`].join('\n');
  runMap(ctx, { shape, operands: ops.views, written: ops.written, params, body });
}

/**
 * dweight = sum(dy * xhat), dbias = sum(dy) per channel, xhat = (x - mean) * invStd; batch statistics:
 * dx = weight * invStd * (dy - mean(dy) - xhat * mean(dy * xhat)), fixed ones: dx = weight * invStd * dy.
 */
export function batchNormBackward(
  ctx: GpuContext,
  x: StridedView,
  gradOutput: StridedView,
  mean: StridedView,
  variance: StridedView,
  eps: number,
  weight: StridedView | null,
  batchStats: boolean,
  grads: BatchNormGradViews,
): void {
  wgslType(x.dtype);
  const { input: gradInput, weight: gradWeight, bias: gradBias } = grads;
  if (gradInput === null && gradWeight === null && gradBias === null) return;
  const [n, c, inner] = x.shape;
  if (c === 0) return;
  const needSums = gradWeight !== null || gradBias !== null || (gradInput !== null && batchStats);
  // per-channel sums [2, C]: sum(dy), then sum(dy * xhat)
  const tmp = needSums ? ctx.scratch(x.dtype, 2 * c) : null;
  const sumsView = (row: number): StridedView => ({ dtype: x.dtype, data: x.data, storage: tmp, shape: [c], strides: [1], offset: row * c });
  if (tmp !== null) {
    const channel = (v: StridedView): StridedView => ({ ...v, shape: [c], strides: [v.strides[1]] });
    const ops = new Operands();
    ops.add(channel(x));
    ops.add(channel(gradOutput));
    const M = ops.add(mean);
    const V = ops.add(variance);
    const S0 = ops.add(sumsView(0), true);
    const S1 = ops.add(sumsView(1), true);
    const GW = gradWeight === null ? null : ops.add(gradWeight, true);
    const GB = gradBias === null ? null : ops.add(gradBias, true);
    const { params, lets } = namedParams({ n, inner, xsN: x.strides[0], xsI: x.strides[2], gsN: gradOutput.strides[0], gsI: gradOutput.strides[2] }, { eps });
    const body = [
      lets,
      `  let mu = ${M}; let istd = 1.0 / sqrt_f(${V} + eps);`,
      // two compensated sums: (s, comp, p) for dy and (sB, compB, pB) for dy * xhat
      SUM_INIT,
      sumInit('B'),
      '  for (var b = 0; b < n; b++) {',
      '    for (var k = 0; k < inner; k++) {',
      '      let dy = $1[o1 + b * gsN + k * gsI];',
      '      let v = dy * ($0[o0 + b * xsN + k * xsI] - mu) * istd;',
      SUM_ADD('dy'),
      sumAdd('v', 'B'),
      '    }',
      '  }',
      `  let sumDy = ${SUM_RESULT};`,
      `  let sumDyXhat = ${sumResult('B')};`,
      `  ${S0} = sumDy;`,
      `  ${S1} = sumDyXhat;`,
      GW === null ? '' : `  ${GW} = sumDyXhat;`,
      GB === null ? '' : `  ${GB} = sumDy;`,
    ].join('\n');
    runMap(ctx, { shape: [c], operands: ops.views, written: ops.written, params, body });
  }
  if (gradInput === null) return;
  const shape = x.shape;
  const ops = new Operands();
  const X = ops.add(x);
  const G = ops.add(gradOutput);
  const M = ops.add(perChannel(mean, shape));
  const V = ops.add(perChannel(variance, shape));
  const W = weight === null ? '1.0' : ops.add(perChannel(weight, shape));
  const lines = [`  let istd = 1.0 / sqrt_f(${V} + eps);`, `  let dy = ${G};`];
  if (batchStats) {
    const S0 = ops.add(perChannel(sumsView(0), shape));
    const S1 = ops.add(perChannel(sumsView(1), shape));
    lines.push(`  let xhat = (${X} - ${M}) * istd;`, `  let dx = ${W} * istd * (dy - ${S0} / m - xhat * (${S1} / m));`);
  } else {
    lines.push(`  let dx = ${W} * istd * dy;`);
  }
  const DX = ops.add(gradInput, true);
  lines.push(`  ${DX} = dx;`);
  const { params, lets } = namedParams({}, { eps, m: n * inner });
  runMap(ctx, { shape, operands: ops.views, written: ops.written, params, body: [lets, ...lines].join('\n') });
}
