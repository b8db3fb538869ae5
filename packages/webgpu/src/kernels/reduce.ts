// Reductions: reduce (sum, prod, max, min, all, any, logsumexp; indices for max / min over one
// dim), variance and argReduce. Float sums use Kahan's compensated summation in f32, which comes
// within float32 rounding of the reference's double accumulation; a plain sum replaces it where
// it overflows or meets an inf or NaN (where the compensation would turn into NaN).
import type { ReduceKernelOp, StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { convert, nonzero } from '../wgsl/prelude.js';
import { loadX, runReduce } from '../wgsl/reduce.js';

/** Statements adding `v` to the Kahan sum (s, comp) and the plain sum p. */
const KAHAN_ADD = (v: string) => `    { let y = (${v}) - comp; let t = s + y; comp = (t - s) - y; s = t; p = p + (${v}); }`;
const KAHAN_INIT = '  var s = 0.0; var comp = 0.0; var p = 0.0;';
const KAHAN_RESULT = 'select(s, p, isnan_f(p) || isinf_f(p) || isnan_f(s))';

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
          KAHAN_INIT,
          loop(`    let v = f32(${expr});\n${KAHAN_ADD('exp_f(v - m)')}`),
          store(`log_f(${KAHAN_RESULT}) + m`, 'f32'),
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
    runReduce(ctx, { x, dims, outs: [out], body: (loop) => [KAHAN_INIT, loop(`    let v = ${expr};\n${KAHAN_ADD('v')}`), store(KAHAN_RESULT, 'f32')].join('\n') });
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
        KAHAN_INIT,
        loop(`    let v = f32(${expr});\n${KAHAN_ADD('v')}`),
        `  let mean = ${KAHAN_RESULT} / f32(nred);`,
        '  s = 0.0; comp = 0.0; p = 0.0;',
        loop(`    let d = f32(${expr}) - mean;\n${KAHAN_ADD('d * d')}`),
        `  $1[o1] = ${convert(`${KAHAN_RESULT} / max(0.0, f32(nred) - p0)`, 'f32', wgslType(out.dtype))};`,
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
