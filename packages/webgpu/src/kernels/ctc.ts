// CTC on the device (tensor-core's Backend.ctcLossForward / ctcLossBackward): one workgroup per
// sample walks the frames in order (the recursion is sequential in t), its invocations sharing the
// 2L + 1 extended-label positions of each frame, with a storage barrier between frames. float32,
// log-sum-exp around the largest term as the reference (which computes in doubles); every result
// depends only on the inputs (no atomics, fixed orders), so runs give the same bits.
// The backward keeps beta in a scratch buffer, then one invocation per (frame, class) log-adds
// alpha beta over the positions of that class in the reference's order (s descending).
// A label outside [0, C) reads as a class of probability 0 and is reported (index-errors.ts).
import type { CtcKernelArgs, StridedView } from '@torchlet/tensor-core';
import type { Binding, GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { Words, bindOperands, declarations } from '../wgsl/map.js';
import { PRELUDE } from '../wgsl/prelude.js';
import { errorDeclarations, reportIndex } from '../index-errors.js';

const WG = 64;
const MAX_GROUPS = 65535;
/** Words of the parameter buffer before the per-sample triples (input length, target length, offset). */
const HEAD = 19;

/**
 * Parameter words: T, N, C, smax, blank; logProbs' offset and strides; the targets' offset and
 * stride; the [N] vector's (nll or upstream) offset and stride; logAlpha's offset; zeroInfinity;
 * the gradient's offset and strides; then per sample its input length, target length and offset.
 */
function paramWords(
  lp: StridedView,
  targets: StridedView,
  args: CtcKernelArgs,
  smax: number,
  vec: StridedView,
  alpha: StridedView,
  grad: StridedView | null,
  zeroInfinity: boolean,
): Words {
  const [T, N, C] = lp.shape;
  const w = new Words(HEAD + 3 * N);
  const g = grad ?? lp;
  const head = [
    T, N, C, smax, args.blank,
    lp.offset, lp.strides[0], lp.strides[1], lp.strides[2],
    targets.offset, targets.strides[0] ?? 0,
    vec.offset, vec.strides[0] ?? 0,
    alpha.offset, zeroInfinity ? 1 : 0,
    g.offset, g.strides[0], g.strides[1], g.strides[2],
  ];
  for (const v of head) w.i32(v);
  for (let b = 0; b < N; b++) {
    w.i32(args.inputLengths[b]);
    w.i32(args.targetLengths[b]);
    w.i32(args.targetOffsets[b]);
  }
  return w;
}

/**
 * WGSL shared by both kernels: P(k) the k-th parameter word (see paramWords), lse3, lp(t, c) and
 * prime(s) of the sample SB; `lpBuf` and `tgBuf` the buffers of logProbs and the targets.
 */
function common(lpBuf: string, tgBuf: string): string {
  return `
fn P(k: i32) -> i32 { return bitcast<i32>(prm[u32(k)]); }
fn lse3(a: f32, b: f32, c: f32) -> f32 {
  var m = max(a, max(b, c));
  if (isinf_f(m) && m < 0.0) { m = 0.0; }
  return log_f(exp_f(a - m) + exp_f(b - m) + exp_f(c - m)) + m;
}
var<private> SB: i32; // the sample
fn lp(t: i32, c: i32) -> f32 {
  if (c < 0 || c >= P(2)) { return -inf_f(); }
  return ${lpBuf}[P(5) + t * P(6) + SB * P(7) + c * P(8)];
}
fn label(j: i32) -> i32 { return i32(${tgBuf}[P(9) + (P(${HEAD} + 3 * SB + 2) + j) * P(10)]); }
fn prime(s: i32) -> i32 {
  if (s % 2 == 0) { return P(4); }
  let y = label((s - 1) / 2);
  return select(-1, y, y >= 0 && y < P(2));
}
`;
}

const ENTRY = `@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid3: vec3<u32>) {
  let b = i32(wid.x + wid.y * nwg.x);
  if (b >= P(1)) { return; }
  SB = b;
  let lid = i32(lid3.x);
  let T = P(0); let C = P(2); let smax = P(3); let blank = P(4);
  let Tb = P(${HEAD} + 3 * b); let L = P(${HEAD} + 3 * b + 1); let S = 2 * L + 1;`;

/** Labels of sample b outside [0, C): reported (invocation 0). */
const CHECK_LABELS = `  if (lid == 0) {
    for (var j = 0; j < L; j++) { let y = label(j); if (y < 0 || y >= C) { ${reportIndex('ctcLoss', 'y', 'C', 'j', 'b')} } }
  }`;

function groups(n: number): [number, number, number] {
  const x = Math.min(n, MAX_GROUPS);
  return [x, x === 0 ? 0 : Math.ceil(n / x), 1];
}

interface Bound {
  readonly bindings: Binding[];
  readonly names: string[];
  readonly decl: string;
}

function bind(ctx: GpuContext, views: StridedView[], written: number[]): Bound {
  const { bindings, slot, types } = bindOperands(views, new Set(written), ctx);
  return { bindings, names: slot.map((j) => `b${j + 1}`), decl: `${declarations(bindings, types)}\n${errorDeclarations(bindings.length + 1)}` };
}

function run(ctx: GpuContext, code: string, words: Words, bound: Bound, n: number): void {
  const all: Binding[] = [{ buffer: ctx.paramBuffer(words.buffer), writable: false }, ...bound.bindings, { buffer: ctx.errors, writable: true }];
  ctx.dispatch(code, all, groups(n));
}

export function ctcLossForward(ctx: GpuContext, logProbs: StridedView, targets: StridedView, args: CtcKernelArgs, nll: StridedView, logAlpha: StridedView): void {
  wgslType(logProbs.dtype);
  const N = logProbs.shape[1];
  if (N === 0) return;
  const smax = logAlpha.shape[2];
  const bd = bind(ctx, [logProbs, targets, nll, logAlpha], [2, 3]);
  const [, , NLL, A] = bd.names;
  const code = `${PRELUDE}
${bd.decl}
${common(bd.names[0], bd.names[1])}
${ENTRY}
  _ = arrayLength(&errs);
  let ab = P(13) + b * T * smax;
${CHECK_LABELS}
  for (var k = lid; k < T * smax; k += ${WG}) { ${A}[ab + k] = -inf_f(); }
  storageBarrier();
  if (lid == 0) {
    ${A}[ab] = lp(0, blank);
    if (L > 0) { ${A}[ab + 1] = lp(0, prime(1)); }
  }
  storageBarrier();
  for (var t = 1; t < Tb; t++) {
    let prev = ab + (t - 1) * smax;
    for (var s = lid; s < S; s += ${WG}) {
      let a1 = ${A}[prev + s];
      let here = prime(s);
      var a2 = -inf_f();
      if (s > 0) { a2 = ${A}[prev + s - 1]; }
      var a3 = -inf_f();
      if (s > 1 && prime(s - 2) != here) { a3 = ${A}[prev + s - 2]; }
      ${A}[ab + t * smax + s] = lse3(a1, a2, a3) + lp(t, here);
    }
    storageBarrier();
  }
  if (lid == 0) {
    let last = ab + (Tb - 1) * smax;
    var l2 = -inf_f();
    if (L > 0) { l2 = ${A}[last + S - 2]; }
    ${NLL}[P(11) + b * P(12)] = -lse3(${A}[last + S - 1], l2, -inf_f());
  }
}
`;
  run(ctx, code, paramWords(logProbs, targets, args, smax, nll, logAlpha, null, false), bd, N);
}

export function ctcLossBackward(
  ctx: GpuContext,
  logProbs: StridedView,
  targets: StridedView,
  args: CtcKernelArgs,
  logAlpha: StridedView,
  upstream: StridedView,
  zeroInfinity: boolean,
  gradInput: StridedView,
): void {
  wgslType(logProbs.dtype);
  const [T, N] = logProbs.shape;
  if (N === 0) return;
  const smax = logAlpha.shape[2];
  // beta, [N, T, smax] (scratch, back to the pool once the call is recorded)
  const scratch = ctx.scratch('float32', N * T * smax);
  const beta: StridedView = { dtype: 'float32', data: logProbs.data, storage: scratch, shape: [N, T, smax], strides: [T * smax, smax, 1], offset: 0 };
  const bd = bind(ctx, [logProbs, targets, upstream, logAlpha, gradInput, beta], [4, 5]);
  const [, , G, A, GR, B] = bd.names;
  const code = `${PRELUDE}
${bd.decl}
${common(bd.names[0], bd.names[1])}
var<workgroup> SKIP: u32;
${ENTRY}
  _ = arrayLength(&errs);
  let ab = P(13) + b * T * smax;
  let bb = b * T * smax;
  let last = (Tb - 1) * smax;
  var l2 = -inf_f();
  if (L > 0) { l2 = ${A}[ab + last + S - 2]; }
  let nll = -lse3(${A}[ab + last + S - 1], l2, -inf_f());
  let gb = P(15) + b * P(17);
  if (lid == 0) { SKIP = select(0u, 1u, P(14) != 0 && isinf_f(nll) && nll > 0.0); }
  if (workgroupUniformLoad(&SKIP) != 0u) {
    for (var k = lid; k < T * C; k += ${WG}) { ${GR}[gb + (k / C) * P(16) + (k % C) * P(18)] = 0.0; }
    return;
  }
  for (var k = lid; k < T * smax; k += ${WG}) { ${B}[bb + k] = -inf_f(); }
  storageBarrier();
  if (lid == 0) {
    ${B}[bb + last + S - 1] = lp(Tb - 1, blank);
    if (L > 0) { ${B}[bb + last + S - 2] = lp(Tb - 1, prime(S - 2)); }
  }
  storageBarrier();
  for (var t = Tb - 2; t >= 0; t--) {
    let next = bb + (t + 1) * smax;
    for (var s = lid; s < S; s += ${WG}) {
      let here = prime(s);
      let b1 = ${B}[next + s];
      var b2 = -inf_f();
      if (s < S - 1) { b2 = ${B}[next + s + 1]; }
      var b3 = -inf_f();
      if (s < S - 2 && prime(s + 2) != here) { b3 = ${B}[next + s + 2]; }
      ${B}[bb + t * smax + s] = lse3(b1, b2, b3) + lp(t, here);
    }
    storageBarrier();
  }
  let g = ${G}[P(11) + b * P(12)];
  for (var k = lid; k < T * C; k += ${WG}) {
    let t = k / C; let c = k % C;
    var out = 0.0;
    if (t < Tb) {
      // log of the sum over s with l'[s] = c of alpha beta, s descending as the reference
      var acc = -inf_f();
      for (var s = S - 1; s >= 0; s--) {
        if (prime(s) != c) { continue; }
        let v = ${A}[ab + t * smax + s] + ${B}[bb + t * smax + s];
        if (isinf_f(acc) && acc < 0.0) { acc = v; } else {
          let m = max(acc, v);
          acc = log_f(exp_f(acc - m) + exp_f(v - m)) + m;
        }
      }
      let l = lp(t, c);
      out = (exp_f(l) - exp_f(acc + nll - l)) * g;
    }
    ${GR}[gb + t * P(16) + c * P(18)] = out;
  }
}
`;
  run(ctx, code, paramWords(logProbs, targets, args, smax, upstream, logAlpha, gradInput, zeroInfinity), bd, N);
}
