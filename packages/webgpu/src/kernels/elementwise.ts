// Elementwise kernels over strided views: fill, unary (every UnaryKernelOp, 'copy' converting
// dtypes), binary and binaryScalar (alpha), ternary, clamp, where, softplus, thresholdBackward.
// Floats compute in f32 (the reference computes in doubles and rounds once: results agree within
// float32 rounding); integers in i32 (int64 is stored as int32 here and wraps past 2^31).
import type { BinaryKernelOp, StridedView, TernaryKernelOp, UnaryKernelOp } from '@torchlet/tensor-core';
import type { GpuContext } from '../context.js';
import { wgslType, type WgslScalar } from '../dtypes.js';
import { runMap, type Param } from '../wgsl/map.js';
import { convert, literal, nonzero } from '../wgsl/prelude.js';

const f = (value: number): Param => ({ value, type: 'f32' });

export function fill(ctx: GpuContext, out: StridedView, value: number): void {
  const t = wgslType(out.dtype);
  runMap(ctx, { shape: out.shape, operands: [out], written: [0], params: [{ value, type: t }], body: '  $0[o0] = p0;', elementwise: true });
}

function unaryExpr(op: UnaryKernelOp, v: string, c: WgslScalar): string {
  const zero = literal(0, c);
  switch (op) {
    case 'exp':
      return `exp_f(${v})`;
    case 'log':
      return `log_f(${v})`;
    case 'log1p':
      return `log1p_f(${v})`;
    case 'expm1':
      return `expm1_f(${v})`;
    case 'sqrt':
      return `sqrt_f(${v})`;
    case 'rsqrt':
      return `(1.0 / sqrt_f(${v}))`;
    // 1 / (1 + exp(-x)): exp overflow gives 1/inf = 0, the right limit
    case 'sigmoid':
      return `(1.0 / (1.0 + exp_f(-(${v}))))`;
    case 'tanh':
      return `tanh_f(${v})`;
    case 'erf':
      return `erf_f(${v})`;
    case 'neg':
      return `(-(${v}))`;
    case 'abs':
      return `abs(${v})`;
    // (0 < x) - (x < 0): NaN gives 0
    case 'sign':
      return c === 'f32' ? `select(select(0.0, -1.0, ${v} < 0.0), 1.0, ${v} > 0.0)` : `sign(${v})`;
    // clamp_min(x, 0): NaN passes
    case 'relu':
      return `select(${v}, ${zero}, ${v} < ${zero})`;
    case 'logicalNot':
      return `select(1u, 0u, ${nonzero(v, c)})`;
    case 'isnan':
      return c === 'f32' ? `select(0u, 1u, isnan_f(${v}))` : '0u';
    case 'isinf':
      return c === 'f32' ? `select(0u, 1u, isinf_f(${v}))` : '0u';
    case 'isfinite':
      return c === 'f32' ? `select(0u, 1u, !isnan_f(${v}) && !isinf_f(${v}))` : '1u';
    case 'copy':
      return v;
  }
}

const FLOAT_OPS = new Set<UnaryKernelOp>(['exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'sigmoid', 'tanh', 'erf']);
const BOOL_RESULT = new Set<UnaryKernelOp>(['logicalNot', 'isnan', 'isinf', 'isfinite']);

export function unary(ctx: GpuContext, op: UnaryKernelOp, x: StridedView, out: StridedView): void {
  const tx = wgslType(x.dtype);
  const to = wgslType(out.dtype);
  const c: WgslScalar = FLOAT_OPS.has(op) || tx === 'f32' ? 'f32' : op === 'copy' ? tx : 'i32';
  const r = unaryExpr(op, 'v', c);
  const rt: WgslScalar = BOOL_RESULT.has(op) ? 'u32' : c;
  runMap(ctx, {
    elementwise: true,
    shape: out.shape,
    operands: [x, out],
    written: [1],
    body: `  let v = ${convert('$0[o0]', tx, c)};\n  $1[o1] = ${convert(r, rt, to)};`,
  });
}

const ARITHMETIC = new Set<BinaryKernelOp>(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum']);

/** op(x, y) in compute type c, and the WGSL type of the result. `alpha` names the alpha parameter. */
function binaryExpr(op: BinaryKernelOp, x: string, y: string, c: WgslScalar, alpha: string | null): [string, WgslScalar] {
  switch (op) {
    case 'add':
      return [alpha === null ? `(${x} + ${y})` : `(${x} + ${alpha} * ${y})`, c];
    case 'sub':
      return [alpha === null ? `(${x} - ${y})` : `(${x} - ${alpha} * ${y})`, c];
    case 'mul':
      return [`(${x} * ${y})`, c];
    case 'div':
      return [`(${x} / ${y})`, c];
    case 'pow':
      return [c === 'f32' ? `pow_f(${x}, ${y})` : `pow_i(${x}, ${y})`, c];
    // NaN propagates, as torch.maximum / minimum
    case 'maximum':
      return [c === 'f32' ? `select(max(${x}, ${y}), nan_f(), isnan_f(${x}) || isnan_f(${y}))` : `max(${x}, ${y})`, c];
    case 'minimum':
      return [c === 'f32' ? `select(min(${x}, ${y}), nan_f(), isnan_f(${x}) || isnan_f(${y}))` : `min(${x}, ${y})`, c];
    case 'eq':
      return [`select(0u, 1u, ${x} == ${y})`, 'u32'];
    case 'ne':
      return [c === 'f32' ? `select(0u, 1u, ne_f(${x}, ${y}))` : `select(0u, 1u, ${x} != ${y})`, 'u32'];
    case 'lt':
      return [`select(0u, 1u, ${x} < ${y})`, 'u32'];
    case 'le':
      return [`select(0u, 1u, ${x} <= ${y})`, 'u32'];
    case 'gt':
      return [`select(0u, 1u, ${x} > ${y})`, 'u32'];
    case 'ge':
      return [`select(0u, 1u, ${x} >= ${y})`, 'u32'];
    case 'logicalAnd':
      return [`select(0u, 1u, ${nonzero(x, c)} && ${nonzero(y, c)})`, 'u32'];
    case 'logicalOr':
      return [`select(0u, 1u, ${nonzero(x, c)} || ${nonzero(y, c)})`, 'u32'];
    case 'logicalXor':
      return [`select(0u, 1u, ${nonzero(x, c)} != ${nonzero(y, c)})`, 'u32'];
  }
}

function computeType(op: BinaryKernelOp, inputs: readonly WgslScalar[], to: WgslScalar): WgslScalar {
  if (inputs.includes('f32')) return 'f32';
  if (ARITHMETIC.has(op)) return to === 'f32' || to === 'u32' ? 'f32' : 'i32';
  return 'i32';
}

export function binary(ctx: GpuContext, op: BinaryKernelOp, a: StridedView, b: StridedView, out: StridedView, alpha = 1): void {
  const ta = wgslType(a.dtype);
  const tb = wgslType(b.dtype);
  const to = wgslType(out.dtype);
  const c = computeType(op, [ta, tb], to);
  const withAlpha = (op === 'add' || op === 'sub') && alpha !== 1;
  const [r, rt] = binaryExpr(op, 'x', 'y', c, withAlpha ? 'p0' : null);
  runMap(ctx, {
    elementwise: true,
    shape: out.shape,
    operands: [a, b, out],
    written: [2],
    params: withAlpha ? [{ value: alpha, type: c }] : [],
    body: `  let x = ${convert('$0[o0]', ta, c)};\n  let y = ${convert('$1[o1]', tb, c)};\n  $2[o2] = ${convert(r, rt, to)};`,
  });
}

/** pow(x, s) for these float exponents: PyTorch's special cases, computed as products. */
const POW_SPECIAL: Record<string, string> = {
  '2': 'x * x',
  '3': 'x * x * x',
  '0.5': 'sqrt_f(x)',
  '-0.5': '1.0 / sqrt_f(x)',
  '-1': '1.0 / x',
  '-2': '1.0 / (x * x)',
};

export function binaryScalar(ctx: GpuContext, op: BinaryKernelOp, x: StridedView, scalar: number, out: StridedView, scalarFirst: boolean, alpha = 1): void {
  const tx = wgslType(x.dtype);
  const to = wgslType(out.dtype);
  const c = computeType(op, [tx, Number.isInteger(scalar) ? 'i32' : 'f32'], to);
  const withAlpha = (op === 'add' || op === 'sub') && alpha !== 1;
  const special = op === 'pow' && !scalarFirst && to === 'f32' ? POW_SPECIAL[String(scalar)] : undefined;
  const [r, rt] = special !== undefined ? [`(${special})`, 'f32' as const] : binaryExpr(op, scalarFirst ? 's' : 'x', scalarFirst ? 'x' : 's', c, withAlpha ? 'p1' : null);
  const params: Param[] = [{ value: scalar, type: c }];
  if (withAlpha) params.push({ value: alpha, type: c });
  runMap(ctx, {
    elementwise: true,
    shape: out.shape,
    operands: [x, out],
    written: [1],
    params,
    body: `  let x = ${convert('$0[o0]', tx, c)};\n  let s = p0;\n  $1[o1] = ${convert(r, rt, to)};`,
  });
}

export function ternary(ctx: GpuContext, op: TernaryKernelOp, x: StridedView, a: StridedView, b: StridedView, value: number, out: StridedView): void {
  const load = (k: number, v: StridedView) => convert(`$${k}[o${k}]`, wgslType(v.dtype), 'f32');
  // PyTorch's lerp: |w| < 0.5 ? self + w (end - self) : end - (end - self)(1 - w), exact at w = 0 and 1
  const r = op === 'addcmul' ? 's + p0 * e * w' : op === 'addcdiv' ? 's + (p0 * e) / w' : 'select(e - (e - s) * (1.0 - w), s + w * (e - s), abs(w) < 0.5)';
  runMap(ctx, {
    elementwise: true,
    shape: out.shape,
    operands: [x, a, b, out],
    written: [3],
    params: [f(value)],
    body: `  let s = ${load(0, x)};\n  let e = ${load(1, a)};\n  let w = ${load(2, b)};\n  $3[o3] = ${convert(r, 'f32', wgslType(out.dtype))};`,
  });
}

export function clamp(ctx: GpuContext, x: StridedView, min: number | undefined, max: number | undefined, out: StridedView): void {
  const tx = wgslType(x.dtype);
  const c: WgslScalar = tx === 'f32' || wgslType(out.dtype) === 'f32' ? 'f32' : 'i32';
  const lo = min ?? (c === 'f32' ? -Infinity : -2147483648);
  const hi = max ?? (c === 'f32' ? Infinity : 2147483647);
  // min(max(x, lo), hi) with NaN passing through; a NaN bound compares false and is ignored
  runMap(ctx, {
    elementwise: true,
    shape: out.shape,
    operands: [x, out],
    written: [1],
    params: [{ value: lo, type: c }, { value: hi, type: c }],
    body: `  var v = ${convert('$0[o0]', tx, c)};\n  if (v < p0) { v = p0; }\n  if (v > p1) { v = p1; }\n  $1[o1] = ${convert('v', c, wgslType(out.dtype))};`,
  });
}

export function softplus(ctx: GpuContext, x: StridedView, beta: number, threshold: number, out: StridedView): void {
  // x*beta > threshold ? x : log1p(exp(x*beta)) / beta
  runMap(ctx, {
    elementwise: true,
    shape: out.shape,
    operands: [x, out],
    written: [1],
    params: [f(beta), f(threshold)],
    body: `  let v = ${convert('$0[o0]', wgslType(x.dtype), 'f32')};\n  $1[o1] = select(log1p_f(exp_f(v * p0)) / p0, v, v * p0 > p1);`,
  });
}

export function where(ctx: GpuContext, cond: StridedView, a: StridedView, b: StridedView, out: StridedView): void {
  const to = wgslType(out.dtype);
  runMap(ctx, {
    elementwise: true,
    shape: out.shape,
    operands: [cond, a, b, out],
    written: [3],
    body: `  $3[o3] = select(${convert('$2[o2]', wgslType(b.dtype), to)}, ${convert('$1[o1]', wgslType(a.dtype), to)}, ${nonzero('$0[o0]', wgslType(cond.dtype))});`,
  });
}

export function thresholdBackward(ctx: GpuContext, grad: StridedView, x: StridedView, threshold: number, out: StridedView): void {
  // x <= threshold ? 0 : grad (a NaN in x passes grad)
  const to = wgslType(out.dtype);
  runMap(ctx, {
    elementwise: true,
    shape: out.shape,
    operands: [grad, x, out],
    written: [2],
    params: [f(threshold)],
    body: `  $2[o2] = select(${convert('$0[o0]', wgslType(grad.dtype), to)}, ${literal(0, to)}, ${convert('$1[o1]', wgslType(x.dtype), 'f32')} <= p0);`,
  });
}

