// gather, indexSelect and scatter as strided maps. x is read at the output's coordinates through
// its own strides with the stride along `dim` replaced by the index value times that stride.
// scatter runs one invocation per line along `dim` of the index, walking it in order, so repeated
// positions end as the reference leaves them (later ones win; sums in index order).
// An index outside [0, size) is skipped and reported (index-errors.ts): the read after rejects.
import type { StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { convert } from '../wgsl/prelude.js';
import { runMap } from '../wgsl/map.js';
import { reportIndex, type IndexKernelName } from '../index-errors.js';

/** `v` viewed over `shape` with its strides, the one along `dim` set to 0 (added by the kernel). */
function along(v: StridedView, shape: readonly number[], dim: number): StridedView {
  return { ...v, shape, strides: shape.map((_, d) => (d === dim ? 0 : (v.strides[d] ?? 0))) };
}

function pick(ctx: GpuContext, op: IndexKernelName, x: StridedView, dim: number, index: StridedView, out: StridedView): void {
  runMap(ctx, {
    shape: out.shape,
    operands: [index, along(x, out.shape, dim), out],
    written: [2],
    params: [
      { value: x.strides[dim] ?? 0, type: 'i32' },
      { value: x.shape[dim] ?? 1, type: 'i32' },
      { value: dim, type: 'i32' },
    ],
    body: [
      '  let j = i32($0[o0]);',
      `  if (j < 0 || j >= p1) { ${reportIndex(op, 'j', 'p1', 'p2')} return; }`,
      `  $2[o2] = ${convert('$1[o1 + j * p0]', wgslType(x.dtype), wgslType(out.dtype))};`,
    ].join('\n'),
    indexErrors: true,
  });
}

export function gather(ctx: GpuContext, x: StridedView, dim: number, index: StridedView, out: StridedView): void {
  pick(ctx, 'gather', x, dim, index, out);
}

export function indexSelect(ctx: GpuContext, x: StridedView, dim: number, index: StridedView, out: StridedView): void {
  const idx: StridedView = { ...index, shape: out.shape, strides: out.shape.map((_, d) => (d === dim ? (index.strides[0] ?? 0) : 0)) };
  pick(ctx, 'indexSelect', x, dim, idx, out);
}

export function scatter(ctx: GpuContext, out: StridedView, dim: number, index: StridedView, src: StridedView | number, accumulate: boolean): void {
  const lines = index.shape.map((s, d) => (d === dim ? 1 : s));
  const to = wgslType(out.dtype);
  const length = index.shape[dim] ?? 1;
  const operands: StridedView[] = [along(index, lines, dim), along(out, lines, dim)];
  if (typeof src !== 'number') operands.push(along(src, lines, dim));
  const value = typeof src === 'number' ? 'p4' : convert('$2[o2 + k * p3]', wgslType(src.dtype), to);
  const combined = !accumulate ? 'v' : to === 'u32' ? '($1[dst] | v)' : '($1[dst] + v)';
  runMap(ctx, {
    shape: lines,
    operands,
    written: [1],
    params: [
      { value: length, type: 'i32' },
      { value: index.strides[dim] ?? 0, type: 'i32' },
      { value: out.strides[dim] ?? 0, type: 'i32' },
      { value: typeof src === 'number' ? 0 : (src.strides[dim] ?? 0), type: 'i32' },
      { value: typeof src === 'number' ? src : 0, type: to },
      { value: out.shape[dim] ?? 1, type: 'i32' },
      { value: dim, type: 'i32' },
    ],
    body: [
      '  for (var k: i32 = 0; k < p0; k++) {',
      '    let j = i32($0[o0 + k * p1]);',
      `    if (j < 0 || j >= p5) { ${reportIndex(accumulate ? 'scatterAdd' : 'scatter', 'j', 'p5', 'p6')} continue; }`,
      '    let dst = o1 + j * p2;',
      `    let v = ${value};`,
      `    $1[dst] = ${combined};`,
      '  }',
    ].join('\n'),
    indexErrors: true,
  });
}

/** one_hot: out[..., k] = (k == x[...]) for k < numClasses; a class outside [0, numClasses) is reported. */
export function oneHot(ctx: GpuContext, x: StridedView, numClasses: number, out: StridedView): void {
  const last = out.strides.length - 1;
  const rows: StridedView = { ...out, shape: x.shape, strides: out.strides.slice(0, last) };
  runMap(ctx, {
    shape: x.shape,
    operands: [x, rows],
    written: [1],
    params: [
      { value: numClasses, type: 'i32' },
      { value: out.strides[last] ?? 1, type: 'i32' },
    ],
    body: [
      '  let c = i32($0[o0]);',
      `  if (c < 0 || c >= p0) { ${reportIndex('oneHot', 'c', 'p0')} }`,
      '  for (var k: i32 = 0; k < p0; k++) { $1[o1 + k * p1] = select(0, 1, k == c); }',
    ].join('\n'),
    indexErrors: true,
  });
}
