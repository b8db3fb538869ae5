// softmax / log-softmax along one dim: one invocation per line, three passes over it (the max with
// NaN winning, the Kahan sum of exp(x - max), then the stores), as the reference's formula.
import type { StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { convert } from '../wgsl/prelude.js';
import { runReduce } from '../wgsl/reduce.js';

export function softmax(ctx: GpuContext, x: StridedView, dim: number, log: boolean, out: StridedView): void {
  const load = convert('$0[xp]', wgslType(x.dtype), 'f32');
  const to = wgslType(out.dtype);
  // out is indexed like x: its offset for the line start is o1, plus j * its stride along dim (p0)
  const outAt = 'o1 + i32(j) * p0';
  runReduce(ctx, {
    x,
    dims: [dim],
    outs: [{ ...out, shape: out.shape.map((s, d) => (d === dim ? 1 : s)) }],
    params: [{ value: out.strides[dim] ?? 0, type: 'i32' }],
    body: (loop) =>
      [
        '  var m = -inf_f();',
        loop(`    let v = ${load};\n    if (v > m || isnan_f(v)) { m = v; }`),
        '  var s = 0.0; var comp = 0.0; var p = 0.0;',
        loop(`    let e = exp_f(${load} - m);\n    { let y = e - comp; let t = s + y; comp = (t - s) - y; s = t; p = p + e; }`),
        '  let total = select(s, p, isnan_f(p) || isinf_f(p) || isnan_f(s));',
        log
          ? `  let ls = log_f(total);\n${loop(`    $1[${outAt}] = ${convert(`${load} - m - ls`, 'f32', to)};`)}`
          : `  let inv = 1.0 / total;\n${loop(`    $1[${outAt}] = ${convert(`exp_f(${load} - m) * inv`, 'f32', to)};`)}`,
      ].join('\n'),
  });
}
