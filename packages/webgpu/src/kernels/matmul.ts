// Batched matrix product, register-tiled: a 16 x 16 workgroup computes a 64 x 64 block of the
// output, each invocation a 4 x 4 block of it held in registers, from 64 x 16 tiles of a and
// 16 x 64 tiles of b staged in workgroup memory (every invocation loads 4 elements of each); any
// strides (transposed operands, broadcast batch dims with stride 0) are read in place. Each output
// is summed in float32 in k order (PyTorch's float32 matmul on a GPU accumulates in float32 too), so
// it is within the bound of such a sum, |error| <= gamma_K sum_k |a_ik b_kj| with gamma_K = K u /
// (1 - K u), u = 2^-24 (Higham, Accuracy and Stability of Numerical Algorithms, 3.1); the CPU's
// reference sums in doubles. matmulAddRow adds the bias row after the product is rounded, as matmul
// then add.
import { TorchletError, type StridedView } from '@torchlet/tensor-core';
import type { Binding, GpuContext, ShaderSource } from '../context.js';
import { wgslType, type WgslScalar } from '../dtypes.js';
import { PRELUDE, convert } from '../wgsl/prelude.js';
import { Words, bindOperands, declarations, shaderKey } from '../wgsl/map.js';

/** Threads per workgroup side, outputs per thread side, the k depth of a staged tile. */
const THREADS = 16;
const PER = 4;
const BLOCK = THREADS * PER;
const TK = 16;
const LOADS = (BLOCK * TK) / (THREADS * THREADS);

/** WGSL repeated for each of the thread's PER x PER outputs (r, c). */
function each(f: (r: number, c: number) => string): string {
  const lines: string[] = [];
  for (let r = 0; r < PER; r++) for (let c = 0; c < PER; c++) lines.push(f(r, c));
  return lines.join('\n');
}

/** WGSL of one k step: the thread's 4 elements of a and of b, and its 4 x 4 multiply-adds. */
function multiplyAdd(): string {
  return `${Array.from({ length: PER }, (_, i) => `      let a${i} = tileA[lid.y * ${PER}u + ${i}u][k];`).join('\n')}
${Array.from({ length: PER }, (_, j) => `      let b${j} = tileB[k][lid.x * ${PER}u + ${j}u];`).join('\n')}
${each((i, j) => `      s${i}${j} = s${i}${j} + a${i} * b${j};`)}`;
}

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
  // neighbouring invocations load neighbouring elements: along a's rows where its row stride is 1
  // (a transposed operand), along b's k where its k stride is 1; else along k of a and n of b
  const na = a.shape.length;
  const nb2 = b.shape.length;
  const aAlongRows = a.strides[na - 2] === 1 && a.strides[na - 1] !== 1;
  const bAlongK = b.strides[nb2 - 2] === 1 && b.strides[nb2 - 1] !== 1;
  const ta = wgslType(a.dtype);
  const tb = wgslType(b.dtype);
  const to = wgslType(out.dtype);
  const tr = row === null ? null : wgslType(row.dtype);
  const shader: ShaderSource = {
    key: shaderKey('matmul', bindings, types, nb, slot.join(), ta, tb, to, tr ?? '-', aAlongRows, bAlongK),
    code: () => matmulCode(nb, slot, bindings, types, ta, tb, to, tr, aAlongRows, bAlongK),
  };
  ctx.dispatch(shader, [{ buffer: ctx.paramBuffer(words.buffer), writable: false }, ...bindings], [Math.ceil(N / BLOCK), Math.ceil(M / BLOCK), batches]);
}

/** The matmul kernel's WGSL for `nb` batch dims, these bindings and element types, a bias row of type `tr` (or none). */
function matmulCode(
  nb: number,
  slot: readonly number[],
  bindings: readonly Binding[],
  types: readonly WgslScalar[],
  ta: WgslScalar,
  tb: WgslScalar,
  to: WgslScalar,
  tr: WgslScalar | null,
  aAlongRows: boolean,
  bAlongK: boolean,
): string {
  const B = (name: string) => `b${slot[Number(name)] + 1}`;
  const m = (i: number) => `bitcast<i32>(prm[${i}u])`;
  const o = 4 + nb * 4;
  const batchLines: string[] = [];
  for (let q = nb - 1; q >= 0; q--) {
    batchLines.push(`  { let s = prm[${4 + q}u]; let c = i32(rem % s); rem = rem / s; ao += c * ${m(4 + nb + q)}; bo += c * ${m(4 + 2 * nb + q)}; oo += c * ${m(4 + 3 * nb + q)}; }`);
  }
  const bias = (col: string) => (tr === null ? '' : ` + ${convert(`${B('3')}[${m(o + 9)} + i32(${col}) * ${m(o + 10)}]`, tr, 'f32')}`);
  return `${PRELUDE}
${declarations(bindings, types)}
var<workgroup> tileA: array<array<f32, ${TK}>, ${BLOCK}>;
var<workgroup> tileB: array<array<f32, ${BLOCK}>, ${TK}>;
@compute @workgroup_size(${THREADS}, ${THREADS})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let M = prm[0]; let K = prm[1]; let N = prm[2];
  let row0 = wid.y * ${BLOCK}u;
  let col0 = wid.x * ${BLOCK}u;
  let flat = lid.y * ${THREADS}u + lid.x;
  var ao = ${m(o)}; var bo = ${m(o + 3)}; var oo = ${m(o + 6)};
  var rem = wid.z;
${batchLines.join('\n')}
  let ars = ${m(o + 1)}; let acs = ${m(o + 2)};
  let brs = ${m(o + 4)}; let bcs = ${m(o + 5)};
  // the sum of each of the thread's outputs (r, c)
${each((i, j) => `  var s${i}${j} = 0.0;`)}
  for (var t = 0u; t < K; t += ${TK}u) {
    for (var q = 0u; q < ${LOADS}u; q++) {
      let e = flat + q * ${THREADS * THREADS}u;
      ${aAlongRows ? `let ar = e % ${BLOCK}u; let ak = e / ${BLOCK}u;` : `let ar = e / ${TK}u; let ak = e % ${TK}u;`}
      var va = 0.0;
      if (row0 + ar < M && t + ak < K) { va = ${convert(`${B('0')}[ao + i32(row0 + ar) * ars + i32(t + ak) * acs]`, ta, 'f32')}; }
      tileA[ar][ak] = va;
      ${bAlongK ? `let bk = e % ${TK}u; let bc = e / ${TK}u;` : `let bk = e / ${BLOCK}u; let bc = e % ${BLOCK}u;`}
      var vb = 0.0;
      if (t + bk < K && col0 + bc < N) { vb = ${convert(`${B('1')}[bo + i32(t + bk) * brs + i32(col0 + bc) * bcs]`, tb, 'f32')}; }
      tileB[bk][bc] = vb;
    }
    workgroupBarrier();
    for (var k = 0u; k < ${TK}u; k++) {
${multiplyAdd()}
    }
    workgroupBarrier();
  }
${each((i, j) =>
  [
    `  { let row = row0 + lid.y * ${PER}u + ${i}u; let col = col0 + lid.x * ${PER}u + ${j}u;`,
    `    let v = s${i}${j};`,
    `    if (row < M && col < N) { ${B('2')}[oo + i32(row) * ${m(o + 7)} + i32(col) * ${m(o + 8)}] = ${convert(`v${bias('col')}`, 'f32', to)}; } }`,
  ].join('\n'),
)}
}
`;
}

export function matmul(ctx: GpuContext, a: StridedView, b: StridedView, out: StridedView): void {
  run(ctx, a, b, out, null);
}

export function matmulAddRow(ctx: GpuContext, a: StridedView, b: StridedView, row: StridedView, out: StridedView): void {
  run(ctx, a, b, out, row);
}
