// The reduction kernel shape: one invocation per output position (the kept dims of x), looping
// over the reduced positions in row-major order, as the reference does; outputs are laid out over
// x's shape with the reduced dims of size 1 (keepdim views, any strides). With `chunks`, each
// output's positions are split into that many consecutive ranges, one invocation each (a first
// pass of a two-pass reduction, where few outputs reduce many positions).
import type { StridedView } from '@torchlet/tensor-core';
import type { Binding, GpuContext, ShaderSource } from '../context.js';
import { wgslType, type WgslScalar } from '../dtypes.js';
import { PRELUDE } from './prelude.js';
import { Words, bindOperands, declarations, groupsFor, paramLets, shaderKey, WORKGROUP, type Param } from './map.js';

export interface ReduceSpec {
  readonly x: StridedView;
  /** The reduced dims of x (sorted, distinct). */
  readonly dims: readonly number[];
  /** Written views laid out over x's shape with the reduced dims of size 1. */
  readonly outs: readonly StridedView[];
  readonly params?: readonly Param[];
  /**
   * WGSL statements computing and storing the result: `$0` is x's buffer, `$k` (k >= 1) output
   * k - 1's buffer at offset `o{k}`; `loop(stmts)` expands to a loop over the reduced positions in
   * which `xp` is x's element offset and `j` (u32) the position's row-major number; `nred` (u32) is
   * their count; `p{j}` the parameters.
   */
  readonly body: (loop: (stmts: string) => string) => string;
  /**
   * Split each output's reduced positions into this many consecutive ranges (of ceil(nred / chunks)
   * positions), one invocation each: `loop` then covers the invocation's range only, and `chunk`
   * (u32) numbers it; outputs are offset by the kept dims as before (the body places the chunk).
   */
  readonly chunks?: number;
}

export function runReduce(ctx: GpuContext, spec: ReduceSpec): void {
  const { x, dims, outs } = spec;
  const kept = x.shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const nOut = kept.reduce((a, d) => a * x.shape[d], 1);
  if (nOut === 0) return;
  const nRed = dims.reduce((a, d) => a * x.shape[d], 1);
  const params = spec.params ?? [];
  const operands = [x, ...outs];
  const { bindings, slot, types } = bindOperands(operands, new Set(outs.map((_, k) => k + 1)), ctx);
  const nk = kept.length;
  const nr = dims.length;
  const words = new Words(2 + nk + operands.length * (1 + nk) + 2 * nr + params.length + 2);
  words.u32(nOut);
  words.u32(nRed);
  for (const d of kept) words.u32(x.shape[d]);
  for (const v of operands) {
    words.i32(v.offset);
    for (const d of kept) words.i32(v.strides[d]);
  }
  const red0 = words.length;
  for (const d of dims) words.u32(x.shape[d]);
  for (const d of dims) words.i32(x.strides[d]);
  const p0 = words.length;
  for (const p of params) words.param(p);
  const chunks = spec.chunks ?? 1;
  const split = chunks > 1;
  // word p0 + params.length: the chunk count, then each chunk's length
  if (split) {
    words.u32(chunks);
    words.u32(Math.ceil(nRed / chunks));
  }

  const loop = (stmts: string): string => {
    const idx: string[] = [];
    for (let q = nr - 1; q >= 0; q--) {
      idx.push(`      { let s = prm[${red0 + q}u]; xp += i32(r % s) * bitcast<i32>(prm[${red0 + nr + q}u]); r = r / s; }`);
    }
    const range = split ? 'var j: u32 = chunk * chunkLen; j < min(nred, chunk * chunkLen + chunkLen); j++' : 'var j: u32 = 0u; j < nred; j++';
    return `  for (${range}) {\n    var xp = o0;\n    var r = j;\n${idx.join('\n')}\n${stmts}\n  }`;
  };
  // the body (its loop included) is short: it goes into the key, the rest is built once per key
  const body = spec.body(loop);
  const shader: ShaderSource = {
    key: shaderKey('reduce', bindings, types, nk, operands.length, p0, slot.join(), params.map((p) => p.type).join(), split, body),
    code: () => reduceCode(nk, operands.length, p0, params, bindings, types, slot, split, body),
  };
  ctx.dispatch(shader, [{ buffer: ctx.paramBuffer(words.buffer), writable: false }, ...bindings], groupsFor(nOut * chunks));
}

/** runReduce's WGSL: the operands' offsets from the output index over the nk kept dims, the parameters from word p0 (then the chunk count and length when split), the body. */
function reduceCode(
  nk: number,
  nops: number,
  p0: number,
  params: readonly Param[],
  bindings: readonly Binding[],
  types: readonly WgslScalar[],
  slot: readonly number[],
  split: boolean,
  specBody: string,
): string {
  const base = (k: number) => 2 + nk + k * (1 + nk);
  const lines: string[] = [];
  const c0 = p0 + params.length;
  // invocation g: output i = g / chunks, its range chunk = g % chunks (without chunks, i = g)
  lines.push(split ? `  let chunks = prm[${c0}u]; let chunkLen = prm[${c0 + 1}u];\n  if (g >= prm[0] * chunks) { return; }\n  let i = g / chunks; let chunk = g % chunks;` : '  if (g >= prm[0]) { return; }\n  let i = g;');
  for (let k = 0; k < nops; k++) lines.push(`  var o${k}: i32 = bitcast<i32>(prm[${base(k)}u]);`);
  if (nk > 0) lines.push('  var rem = i;');
  for (let q = nk - 1; q >= 0; q--) {
    lines.push(`  { let s = prm[${2 + q}u]; let c = i32(rem % s); rem = rem / s;`);
    for (let k = 0; k < nops; k++) lines.push(`    o${k} += c * bitcast<i32>(prm[${base(k) + 1 + q}u]);`);
    lines.push('  }');
  }
  lines.push('  let nred = prm[1];');
  lines.push(...paramLets(params, p0));
  const body = specBody.replace(/\$(\d+)/g, (_, k: string) => `b${slot[Number(k)] + 1}`);
  return `${PRELUDE}
${declarations(bindings, types)}
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let g = gid.x + gid.y * nwg.x * ${WORKGROUP}u;
${lines.join('\n')}
${body}
}
`;
}

/** WGSL loading x's element at `xp` in type f32 or i32 (bool as i32). */
export function loadX(x: StridedView): { expr: string; type: 'f32' | 'i32' } {
  const t = wgslType(x.dtype);
  if (t === 'f32') return { expr: '$0[xp]', type: 'f32' };
  return { expr: t === 'u32' ? 'i32($0[xp])' : '$0[xp]', type: 'i32' };
}
