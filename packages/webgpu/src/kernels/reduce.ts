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
    const chunks = sumChunks(x, dims);
    if (chunks > 1) splitSum(ctx, x, dims, out, chunks);
    else runReduce(ctx, { x, dims, outs: [out], body: (loop) => [SUM_INIT, loop(`    let v = ${expr};\n${SUM_ADD('v')}`), store(SUM_RESULT, 'f32')].join('\n') });
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

/** Positions per invocation of a split sum's first pass, and the most chunks per output. */
const CHUNK_LENGTH = 1024;
const MAX_CHUNKS = 1024;

/**
 * How many chunks a float sum over `dims` of x is split into: 1 (one pass) unless few outputs each
 * reduce many positions, where one invocation per output would leave the GPU all but idle (a
 * loss's mean over a large tensor: one invocation looping over every element).
 */
export function sumChunks(x: StridedView, dims: readonly number[]): number {
  const nRed = dims.reduce((a, d) => a * x.shape[d], 1);
  const nOut = x.shape.reduce((a, s) => a * s, 1) / Math.max(1, nRed);
  if (nRed < 4 * CHUNK_LENGTH || nOut > 4096) return 1;
  return Math.min(MAX_CHUNKS, Math.ceil(nRed / CHUNK_LENGTH));
}

/**
 * A float sum in two passes: each output's positions in `chunks` consecutive ranges, each summed
 * compensated (its sum s, the rounding errors comp, the plain sum p) into a scratch buffer; then per
 * output the chunks' s summed compensated with every comp added, and the plain sums for the
 * inf / NaN fallback: as accurate as the one-pass compensated sum (Ogita-Rump-Oishi's Sum2 over
 * the chunks' results).
 */
function splitSum(ctx: GpuContext, x: StridedView, dims: readonly number[], out: StridedView, chunks: number): void {
  const { expr } = loadX(x);
  const kept = x.shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const nOut = kept.reduce((a, d) => a * x.shape[d], 1);
  const scratch = ctx.scratch('float32', nOut * chunks * 3);
  // [nOut, chunks, 3] row-major, seen over x's shape (reduced dims of size 1, stride 0) for pass 1
  const keptStrides = new Map<number, number>();
  let stride = chunks * 3;
  for (let q = kept.length - 1; q >= 0; q--) {
    keptStrides.set(kept[q], stride);
    stride *= x.shape[kept[q]];
  }
  const partials: StridedView = {
    dtype: 'float32',
    data: out.data,
    storage: scratch,
    shape: x.shape.map((s, d) => (dims.includes(d) ? 1 : s)),
    strides: x.shape.map((_, d) => keptStrides.get(d) ?? 0),
    offset: 0,
  };
  runReduce(ctx, {
    x,
    dims,
    outs: [partials],
    chunks,
    body: (loop) =>
      [
        SUM_INIT,
        loop(`    let v = ${expr};\n${SUM_ADD('v')}`),
        '  let at = o1 + i32(chunk) * 3;',
        '  $1[at] = s; $1[at + 1] = comp; $1[at + 2] = p;',
      ].join('\n'),
  });
  // pass 2 reduces the chunks (a trailing dim of stride 3) into out, both seen with that dim added
  const withChunks: StridedView = { ...partials, shape: [...partials.shape, chunks], strides: [...partials.strides, 3] };
  const outWithChunk: StridedView = { ...out, shape: [...out.shape, 1], strides: [...out.strides, 0] };
  runReduce(ctx, {
    x: withChunks,
    dims: [x.shape.length],
    outs: [outWithChunk],
    body: (loop) =>
      [
        SUM_INIT,
        // TwoSum of the running s and the chunk's s; the chunk's own errors join comp
        loop('    { let y = $0[xp]; let t = s + y; let z = t - s; comp = comp + ((s - (t - z)) + (y - z)) + $0[xp + 1]; s = t; p = p + $0[xp + 2]; }'),
        `  $1[o1] = ${convert(SUM_RESULT, 'f32', wgslType(out.dtype))};`,
      ].join('\n'),
  });
}
