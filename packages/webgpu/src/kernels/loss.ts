// Cross entropy on the device (tensor-core's DeviceBackend.crossEntropyForwardDevice / ...Backward
// Device): the reference's crossEntropyForward / crossEntropyBackward, with the 'mean' denominator
// D kept on the GPU (written into a one-element view) instead of returned as a JS number.
// The forward runs one invocation per position (a stable log-softmax over its classes, three passes
// as the softmax kernel) writing its loss and its share of D, then one invocation that sums them in
// position order (Kahan-compensated f32; the reference sums in doubles) and writes the reduction.
// The backward runs one invocation per position writing the closed-form gradient of every class.
// A class index outside [0, C) (and not ignoreIndex) counts as ignored and is reported
// (index-errors.ts): the read after rejects.
import type { CrossEntropyKernelOptions, StridedView } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType } from '../dtypes.js';
import { runMap, type Param } from '../wgsl/map.js';
import { reportIndex } from '../index-errors.js';

const i32 = (value: number): Param => ({ value, type: 'i32' });
const f32 = (value: number): Param => ({ value, type: 'f32' });

/** Operands of a map, named as the body writes them ($k and ok). */
class Operands {
  readonly views: StridedView[] = [];
  readonly written: number[] = [];
  add(v: StridedView, written = false): { buf: string; off: string } {
    const k = this.views.length;
    this.views.push(v);
    if (written) this.written.push(k);
    return { buf: `$${k}`, off: `o${k}` };
  }
}

/** `v` ([N, C, S] or [N, S]) seen over the positions [N, S]: its class dim dropped. */
function perPosition(v: StridedView, n: number, s: number): StridedView {
  if (v.shape.length === 3) return { ...v, shape: [n, s], strides: [v.strides[0], v.strides[2]] };
  return { ...v, shape: [n, s], strides: [v.strides[0], v.strides[1]] };
}

/** One element (at its offset) seen over [N, S]. */
function broadcastOne(v: StridedView, n: number, s: number): StridedView {
  return { ...v, shape: [n, s], strides: [0, 0] };
}

/** Params shared by both kernels: p0 C, p1 x's class stride, p2 target's class stride, p3 weight's stride, p4 ignoreIndex, p5 e. */
function sharedParams(x: StridedView, target: StridedView, o: CrossEntropyKernelOptions): Param[] {
  const probabilities = o.targetKind === 'probabilities';
  return [
    i32(x.shape[1]),
    i32(x.strides[1]),
    i32(probabilities ? target.strides[1] : 0),
    i32(o.weight === null ? 0 : (o.weight.strides[0] ?? 0)),
    i32(o.ignoreIndex),
    f32(o.labelSmoothing),
  ];
}

/** WGSL computing m (the max, NaN winning) and ls (log of the sum of exp(x - m)) over x's classes. */
function logSumExp(xb: string, xo: string): string {
  return [
    '  let C = p0;',
    '  var m = -inf_f();',
    `  for (var c: i32 = 0; c < C; c++) { let v = ${xb}[${xo} + c * p1]; if (v > m || isnan_f(v)) { m = v; } }`,
    '  var s = 0.0; var comp = 0.0; var plain = 0.0;',
    `  for (var c: i32 = 0; c < C; c++) { let e = exp_f(${xb}[${xo} + c * p1] - m); let y = e - comp; let t = s + y; comp = (t - s) - y; s = t; plain = plain + e; }`,
    '  let total = select(s, plain, isnan_f(plain) || isinf_f(plain) || isnan_f(s));',
    '  let ls = log_f(total);',
  ].join('\n');
}

export function crossEntropyForwardDevice(
  ctx: GpuContext,
  x: StridedView,
  target: StridedView,
  o: CrossEntropyKernelOptions,
  out: StridedView,
  denominator: StridedView,
): void {
  wgslType(x.dtype);
  const [n, , sp] = x.shape;
  const positions = n * sp;
  const none = o.reduction === 'none';
  const probabilities = o.targetKind === 'probabilities';
  // per-position losses (into out for 'none') and weights of the kept targets
  const lossTmp = none ? null : ctx.scratch(x.dtype, Math.max(1, positions));
  const wTmp = ctx.scratch(x.dtype, Math.max(1, positions));
  const tmpView = (storage: typeof wTmp): StridedView => ({
    dtype: x.dtype,
    data: denominator.data,
    storage,
    shape: [n, sp],
    strides: [sp, 1],
    offset: 0,
  });
  const ops = new Operands();
  const X = ops.add(perPosition(x, n, sp));
  const T = ops.add(perPosition(target, n, sp));
  const W = o.weight === null ? null : ops.add(broadcastOne(o.weight, n, sp));
  const L = ops.add(lossTmp === null ? out : tmpView(lossTmp), true);
  const D = ops.add(tmpView(wTmp), true);
  const w = (c: string): string => (W === null ? '1.0' : `${W.buf}[${W.off} + (${c}) * p3]`);
  const logp = (c: string): string => `(${X.buf}[${X.off} + (${c}) * p1] - m - ls)`;
  const lines = [logSumExp(X.buf, X.off), '  let e = p5;', '  let Cf = f32(C);', '  var loss = 0.0;', '  var wy = 0.0;'];
  if (probabilities) {
    lines.push(
      '  wy = 1.0;',
      `  for (var c: i32 = 0; c < C; c++) { let q = (1.0 - e) * ${T.buf}[${T.off} + c * p2] + e / Cf; loss = loss - ${w('c')} * q * ${logp('c')}; }`,
    );
  } else {
    lines.push(
      `  let y = i32(${T.buf}[${T.off}]);`,
      '  let bad = y != p4 && (y < 0 || y >= C);',
      `  if (bad) { ${reportIndex('crossEntropyForward', 'y', 'C', 'i32(i)', 'p4')} }`,
      '  if (y != p4 && !bad) {',
      `    wy = ${w('y')};`,
      `    loss = (1.0 - e) * (-wy * ${logp('y')});`,
      '    if (e > 0.0) {',
      `      var sm = 0.0; for (var c: i32 = 0; c < C; c++) { sm = sm + ${w('c')} * ${logp('c')}; }`,
      '      loss = loss + (e / Cf) * (-sm);',
      '    }',
      '  }',
    );
  }
  lines.push(`  ${L.buf}[${L.off}] = loss;`, `  ${D.buf}[${D.off}] = wy;`);
  runMap(ctx, { shape: [n, sp], operands: ops.views, written: ops.written, params: sharedParams(x, target, o), body: lines.join('\n'), indexErrors: !probabilities });

  // the sums, in position order
  const one = (v: StridedView): StridedView => ({ ...v, shape: [1], strides: [0] });
  const red = new Operands();
  const Dt = red.add(one(tmpView(wTmp)));
  const Dout = red.add(one(denominator), true);
  const body = [
    '  var d = 0.0; var dc = 0.0;',
    `  for (var k: i32 = 0; k < p0; k++) { let y = ${Dt.buf}[k] - dc; let t = d + y; dc = (t - d) - y; d = t; }`,
    `  ${Dout.buf}[${Dout.off}] = d;`,
  ];
  if (!none && lossTmp !== null) {
    const Lt = red.add(one(tmpView(lossTmp)));
    const Out = red.add(one(out), true);
    body.push(
      // Kahan-compensated; the plain sum where an infinity makes the compensation NaN (inf - inf)
      '  var a = 0.0; var ac = 0.0; var plain = 0.0;',
      `  for (var k: i32 = 0; k < p0; k++) { let v = ${Lt.buf}[k]; let y = v - ac; let t = a + y; ac = (t - a) - y; a = t; plain = plain + v; }`,
      '  a = select(a, plain, isnan_f(plain) || isinf_f(plain) || isnan_f(a));',
      // 'mean' over a zero denominator is 0 / 0 = NaN, as PyTorch
      o.reduction === 'mean' ? `  ${Out.buf}[${Out.off}] = select(a / d, nan_f(), a == 0.0 && d == 0.0);` : `  ${Out.buf}[${Out.off}] = a;`,
    );
  }
  runMap(ctx, { shape: [1], operands: red.views, written: red.written, params: [i32(positions)], body: body.join('\n') });
}

export function crossEntropyBackwardDevice(
  ctx: GpuContext,
  x: StridedView,
  target: StridedView,
  o: CrossEntropyKernelOptions,
  denominator: StridedView,
  upstream: StridedView,
  gradInput: StridedView | null,
  gradTarget: StridedView | null,
): void {
  wgslType(x.dtype);
  if (gradInput === null && gradTarget === null) return;
  const [n, , sp] = x.shape;
  const probabilities = o.targetKind === 'probabilities';
  const ops = new Operands();
  const X = ops.add(perPosition(x, n, sp));
  const T = ops.add(perPosition(target, n, sp));
  const W = o.weight === null ? null : ops.add(broadcastOne(o.weight, n, sp));
  const Dn = ops.add(broadcastOne(denominator, n, sp));
  const U = ops.add(o.reduction === 'none' ? upstream : broadcastOne(upstream, n, sp));
  const G = gradInput === null ? null : ops.add(perPosition(gradInput, n, sp), true);
  const GT = gradTarget === null ? null : ops.add(perPosition(gradTarget, n, sp), true);
  const params = [
    ...sharedParams(x, target, o),
    i32(gradInput === null ? 0 : gradInput.strides[1]),
    i32(gradTarget === null ? 0 : gradTarget.strides[1]),
  ];
  const w = (c: string): string => (W === null ? '1.0' : `${W.buf}[${W.off} + (${c}) * p3]`);
  const xAt = (c: string): string => `${X.buf}[${X.off} + (${c}) * p1]`;
  const lines = [
    logSumExp(X.buf, X.off),
    '  let e = p5;',
    '  let Cf = f32(C);',
    o.reduction === 'mean' ? `  let scale = ${U.buf}[${U.off}] / ${Dn.buf}[${Dn.off}];` : `  let scale = ${U.buf}[${U.off}];`,
  ];
  const writeGrad = (a: string): string =>
    G === null ? '' : `    ${G.buf}[${G.off} + c * p6] = (A * exp_f(${xAt('c')} - m - ls) - ${a}) * scale;`;
  if (probabilities) {
    lines.push(
      '  var A = 0.0;',
      `  for (var c: i32 = 0; c < C; c++) { A = A + ${w('c')} * ((1.0 - e) * ${T.buf}[${T.off} + c * p2] + e / Cf); }`,
      '  for (var c: i32 = 0; c < C; c++) {',
      `    let a = ${w('c')} * ((1.0 - e) * ${T.buf}[${T.off} + c * p2] + e / Cf);`,
      writeGrad('a'),
      GT === null ? '' : `    ${GT.buf}[${GT.off} + c * p7] = -(1.0 - e) * ${w('c')} * (${xAt('c')} - m - ls) * scale;`,
      '  }',
    );
  } else if (G !== null) {
    lines.push(
      `  let y = i32(${T.buf}[${T.off}]);`,
      '  let bad = y != p4 && (y < 0 || y >= C);',
      `  if (bad) { ${reportIndex('crossEntropyBackward', 'y', 'C', 'i32(i)', 'p4')} }`,
      '  if (y == p4 || bad) {',
      `    for (var c: i32 = 0; c < C; c++) { ${G.buf}[${G.off} + c * p6] = 0.0; }`,
      '  } else {',
      '    var ws = 0.0;',
      `    if (e > 0.0) { for (var c: i32 = 0; c < C; c++) { ws = ws + ${w('c')}; } }`,
      `    let wy = ${w('y')};`,
      '    let A = (1.0 - e) * wy + (e / Cf) * ws;',
      '    for (var c: i32 = 0; c < C; c++) {',
      `      let a = select(0.0, (e / Cf) * ${w('c')}, e > 0.0) + select(0.0, (1.0 - e) * wy, c == y);`,
      `  ${writeGrad('a')}`,
      '    }',
      '  }',
    );
  }
  const checked = !probabilities && G !== null;
  runMap(ctx, { shape: [n, sp], operands: ops.views, written: ops.written, params, body: lines.filter((l) => l !== '').join('\n'), indexErrors: checked });
}
