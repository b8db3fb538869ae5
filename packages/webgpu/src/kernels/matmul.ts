// Batched matrix product, tiled: a 16 x 16 workgroup computes a 16 x 16 block of the output,
// staging 16 x 16 tiles of a and b in workgroup memory; any strides (transposed operands, broadcast
// batch dims with stride 0) are read in place. Products accumulate in f32 with Kahan compensation
// (the reference accumulates in doubles). matmulAddRow adds the bias row after the product is
// rounded, as matmul then add.
import { TorchletError, type StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { PRELUDE, convert } from '../wgsl/prelude.js';
import { Words, bindOperands, declarations } from '../wgsl/map.js';

const TILE = 16;

function run(ctx: GpuContext, a: StridedView, b: StridedView, out: StridedView, row: StridedView | null): void {
  const r = out.shape.length;
  const M = out.shape[r - 2];
  const N = out.shape[r - 1];
  const K = a.shape[a.shape.length - 1];
  const batchShape = out.shape.slice(0, r - 2);
  const batches = batchShape.reduce((x, y) => x * y, 1);
  if (M === 0 || N === 0 || batches === 0) return;
  if (batches > 65535) throw new TorchletError(`webgpu matmul: at most 65535 batched products per call, got ${batches}`);
  const nb = batchShape.length;
  const operands = row === null ? [a, b, out] : [a, b, out, row];
  const { bindings, slot, types } = bindOperands(operands, new Set([2]), ctx);
  const words = new Words(4 + nb * 4 + 12);
  words.u32(M);
  words.u32(K);
  words.u32(N);
  words.u32(0);
  for (const s of batchShape) words.u32(s);
  for (const v of [a, b, out]) for (let q = 0; q < nb; q++) words.i32(v.strides[q]);
  for (const v of [a, b, out]) {
    const n = v.shape.length;
    words.i32(v.offset);
    words.i32(v.strides[n - 2]);
    words.i32(v.strides[n - 1]);
  }
  words.i32(row?.offset ?? 0);
  words.i32(row === null ? 0 : row.strides[row.shape.length - 1]);
  const B = (name: string) => `b${slot[Number(name)] + 1}`;
  const m = (i: number) => `bitcast<i32>(prm[${i}u])`;
  const o = 4 + nb * 4;
  const batchLines: string[] = [];
  for (let q = nb - 1; q >= 0; q--) {
    batchLines.push(`  { let s = prm[${4 + q}u]; let c = i32(rem % s); rem = rem / s; ao += c * ${m(4 + nb + q)}; bo += c * ${m(4 + 2 * nb + q)}; oo += c * ${m(4 + 3 * nb + q)}; }`);
  }
  const ta = wgslType(a.dtype);
  const tb = wgslType(b.dtype);
  const to = wgslType(out.dtype);
  const bias = row === null ? '' : ` + ${convert(`${B('3')}[${m(o + 9)} + i32(col) * ${m(o + 10)}]`, wgslType(row.dtype), 'f32')}`;
  const code = `${PRELUDE}
${declarations(bindings, types)}
var<workgroup> tileA: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> tileB: array<array<f32, ${TILE}>, ${TILE}>;
@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let M = prm[0]; let K = prm[1]; let N = prm[2];
  let row = wid.y * ${TILE}u + lid.y;
  let col = wid.x * ${TILE}u + lid.x;
  var ao = ${m(o)}; var bo = ${m(o + 3)}; var oo = ${m(o + 6)};
  var rem = wid.z;
${batchLines.join('\n')}
  let ars = ${m(o + 1)}; let acs = ${m(o + 2)};
  let brs = ${m(o + 4)}; let bcs = ${m(o + 5)};
  var s = 0.0; var comp = 0.0; var plain = 0.0;
  for (var t = 0u; t < K; t += ${TILE}u) {
    let ac = t + lid.x;
    var va = 0.0;
    if (row < M && ac < K) { va = ${convert(`${B('0')}[ao + i32(row) * ars + i32(ac) * acs]`, ta, 'f32')}; }
    tileA[lid.y][lid.x] = va;
    let br = t + lid.y;
    var vb = 0.0;
    if (br < K && col < N) { vb = ${convert(`${B('1')}[bo + i32(br) * brs + i32(col) * bcs]`, tb, 'f32')}; }
    tileB[lid.y][lid.x] = vb;
    workgroupBarrier();
    for (var k = 0u; k < ${TILE}u; k++) {
      let prod = tileA[lid.y][k] * tileB[k][lid.x];
      plain = plain + prod;
      let y = prod - comp;
      let u = s + y;
      comp = (u - s) - y;
      s = u;
    }
    workgroupBarrier();
  }
  // the plain sum where the compensation meets an inf or NaN
  if (isnan_f(plain) || isinf_f(plain) || isnan_f(s)) { s = plain; }
  if (row < M && col < N) {
    ${B('2')}[oo + i32(row) * ${m(o + 7)} + i32(col) * ${m(o + 8)}] = ${convert(`s${bias}`, 'f32', to)};
  }
}
`;
  ctx.dispatch(code, [{ buffer: ctx.paramBuffer(words.buffer), writable: false }, ...bindings], [Math.ceil(N / TILE), Math.ceil(M / TILE), batches]);
}

export function matmul(ctx: GpuContext, a: StridedView, b: StridedView, out: StridedView): void {
  run(ctx, a, b, out, null);
}

export function matmulAddRow(ctx: GpuContext, a: StridedView, b: StridedView, row: StridedView, out: StridedView): void {
  run(ctx, a, b, out, row);
}
