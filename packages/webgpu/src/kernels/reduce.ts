// Reductions: reduce (sum, prod, max, min, all, any, logsumexp; indices for max / min over one
// dim), variance and argReduce. Float sums are compensated in f32 (wgsl/compensated.ts: TwoSum with
// the errors summed apart), which comes within float32 rounding of the reference's double
// accumulation; a plain sum replaces it where it overflows or meets an inf or NaN.
import type { ReduceKernelOp, StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { convert, nonzero } from '../wgsl/prelude.js';
import { loadX, runReduce } from '../wgsl/reduce.js';
import { SUM_ADD, SUM_INIT, SUM_RESULT } from '../wgsl/compensated.js';

/** Statements folding v into `best` (and its position `bi`): NaN wins and stays, the first extreme wins ties. */
function extremeStep(isMax: boolean, float: boolean): string {
  const better = isMax ? 'v > best' : 'v < best';
  if (!float) return `    if (j == 0u || ${better}) { best = v; bi = j; }`;
  return `    if (!done && (j == 0u || isnan_f(v) || ${better})) { best = v; bi = j; done = isnan_f(v); }`;
}

export function reduce(ctx: GpuContext, op: ReduceKernelOp, x: StridedView, dims: readonly number[], out: StridedView, indices?: StridedView): void {
  const { expr, type } = loadX(x);
  const to = wgslType(out.dtype);
  const float = type === 'f32';
  const store = (v: string, t: 'f32' | 'i32' | 'u32') => `  $1[o1] = ${convert(v, t, to)};`;
  if (op === 'max' || op === 'min') {
    const outs = indices !== undefined ? [out, indices] : [out];
    runReduce(ctx, {
      x,
      dims,
      outs,
      body: (loop) =>
        [
          `  var best: ${type} = ${type}(0); var bi = 0u; var done = false;`,
          loop(`    let v = ${expr};\n${extremeStep(op === 'max', float)}`),
          store('best', type),
          indices !== undefined ? `  $2[o2] = ${convert('i32(bi)', 'i32', wgslType(indices.dtype))};` : '',
        ].join('\n'),
    });
    return;
  }
  if (op === 'logsumexp') {
    // m + log(sum(exp(x - m))), m the max with +-inf (all -inf, or an inf) replaced by 0
    runReduce(ctx, {
      x,
      dims,
      outs: [out],
      body: (loop) =>
        [
          '  var best = -inf_f(); var bi = 0u; var done = false;',
          loop(`    let v = f32(${expr});\n${extremeStep(true, true)}`),
          '  var m = best;',
          '  if (isinf_f(m)) { m = 0.0; }',
          SUM_INIT,
          loop(`    let v = f32(${expr});\n${SUM_ADD('exp_f(v - m)')}`),
          store(`log_f(${SUM_RESULT}) + m`, 'f32'),
        ].join('\n'),
    });
    return;
  }
  if (op === 'all' || op === 'any') {
    const all = op === 'all';
    runReduce(ctx, {
      x,
      dims,
      outs: [out],
      body: (loop) =>
        [`  var acc = ${all ? '1u' : '0u'};`, loop(`    let v = ${expr};\n    if (${all ? '!' : ''}${nonzero('v', type)}) { acc = ${all ? '0u' : '1u'}; }`), store('acc', 'u32')].join('\n'),
    });
    return;
  }
  if (op === 'sum' && float) {
    runReduce(ctx, { x, dims, outs: [out], body: (loop) => [SUM_INIT, loop(`    let v = ${expr};\n${SUM_ADD('v')}`), store(SUM_RESULT, 'f32')].join('\n') });
    return;
  }
  // integer sums, and products (in the element type)
  const init = op === 'sum' ? '0' : '1';
  const combine = op === 'sum' ? 'acc + v' : 'acc * v';
  runReduce(ctx, {
    x,
    dims,
    outs: [out],
    body: (loop) => [`  var acc: ${type} = ${type}(${init});`, loop(`    let v = ${expr};\n    acc = ${combine};`), store('acc', type)].join('\n'),
  });
}

export function variance(ctx: GpuContext, x: StridedView, dims: readonly number[], correction: number, out: StridedView): void {
  // two passes: mean, then sum((x - mean)^2) / max(0, N - correction)
  const { expr } = loadX(x);
  runReduce(ctx, {
    x,
    dims,
    outs: [out],
    params: [{ value: correction, type: 'f32' }],
    body: (loop) =>
      [
        SUM_INIT,
        loop(`    let v = f32(${expr});\n${SUM_ADD('v')}`),
        `  let mean = ${SUM_RESULT} / f32(nred);`,
        '  s = 0.0; comp = 0.0; p = 0.0;',
        loop(`    let d = f32(${expr}) - mean;\n${SUM_ADD('d * d')}`),
        `  $1[o1] = ${convert(`${SUM_RESULT} / max(0.0, f32(nred) - p0)`, 'f32', wgslType(out.dtype))};`,
      ].join('\n'),
  });
}

export function argReduce(ctx: GpuContext, op: 'argmax' | 'argmin', x: StridedView, dim: number, out: StridedView): void {
  const { expr, type } = loadX(x);
  runReduce(ctx, {
    x,
    dims: [dim],
    outs: [out],
    body: (loop) =>
      [
        `  var best: ${type} = ${type}(0); var bi = 0u; var done = false;`,
        loop(`    let v = ${expr};\n${extremeStep(op === 'argmax', type === 'f32')}`),
        `  $1[o1] = ${convert('i32(bi)', 'i32', wgslType(out.dtype))};`,
      ].join('\n'),
  });
}
