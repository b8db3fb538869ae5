// WGSL helpers every kernel may call: NaN / inf tests on the bits (no reliance on IEEE compares
// surviving the driver's compiler), C-cast conversions between the element types, and the math
// functions WGSL lacks or defines too loosely (log1p, expm1, erf, tanh, pow for negative bases).
import type { WgslScalar } from '../dtypes.js';

export const PRELUDE = /* wgsl */ `
fn isnan_f(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn isinf_f(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
// private variables, not constants: WGSL's constant evaluation refuses NaN and inf values
var<private> NAN_BITS: u32 = 0x7fc00000u;
var<private> INF_BITS: u32 = 0x7f800000u;
fn nan_f() -> f32 { return bitcast<f32>(NAN_BITS); }
fn inf_f() -> f32 { return bitcast<f32>(INF_BITS); }
// exp, log and sqrt with IEEE's special values (a driver's builtins may not give them: SwiftShader's
// exp(NaN) is inf and its log of a negative number is finite). Written with select, not early
// returns: SwiftShader crashed (a futex abort) running early-return forms of these.
fn exp_f(x: f32) -> f32 {
  var r = exp(clamp(x, -104.0, 88.72284));
  r = select(r, 0.0, x < -104.0);
  r = select(r, inf_f(), x > 88.72284);
  return select(r, x, isnan_f(x));
}
// 2 atanh(z) = log((1 + z) / (1 - z)) by its series, for |z| <= 1/3 (error below 1e-9 relative)
fn atanh2_series(z: f32) -> f32 {
  let w = z * z;
  return 2.0 * z * (1.0 + w * (1.0 / 3.0 + w * (0.2 + w * (1.0 / 7.0 + w * (1.0 / 9.0 + w * (1.0 / 11.0 + w * (1.0 / 13.0 + w * (1.0 / 15.0 + w / 17.0))))))));
}
fn log_f(x: f32) -> f32 {
  // near 1 the builtin's absolute error is a large relative one: log x = 2 atanh((x - 1) / (x + 1))
  let finite = !isinf_f(x) && !isnan_f(x) && x > 0.0;
  let safe = select(1.0, x, finite);
  var r = select(log(safe), atanh2_series((safe - 1.0) / (safe + 1.0)), safe > 0.5 && safe < 2.0);
  r = select(r, x, isinf_f(x) && x > 0.0);
  r = select(r, -inf_f(), x == 0.0);
  return select(r, nan_f(), isnan_f(x) || x < 0.0);
}
fn sqrt_f(x: f32) -> f32 {
  let finite = !isinf_f(x) && !isnan_f(x) && x > 0.0;
  var r = sqrt(select(1.0, x, finite));
  r = select(r, x, x == 0.0 || (isinf_f(x) && x > 0.0));
  return select(r, nan_f(), isnan_f(x) || x < 0.0);
}
fn f2i(x: f32) -> i32 {
  if (isnan_f(x) || !(abs(x) < 2147483648.0)) { return i32(-2147483647) - 1; }
  return i32(x);
}
// x != 0 on the bits (NaN is true): SwiftShader's != is false when an operand is NaN
fn nz_f(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) != 0u; }
fn ne_f(a: f32, b: f32) -> bool { return isnan_f(a) || isnan_f(b) || !(a == b); }
fn f2b(x: f32) -> u32 { return select(0u, 1u, (bitcast<u32>(x) & 0x7fffffffu) != 0u); }
// log(1 + x): 2 atanh(x / (2 + x)) by its series for |x| < 0.5, else log(1 + x)
// (branch-free: SwiftShader crashed compiling the early-return form)
fn log1p_f(x: f32) -> f32 {
  return select(log_f(1.0 + x), atanh2_series(x / (2.0 + x)), abs(x) < 0.5);
}
// exp(x) - 1: its Taylor series for |x| < 0.5 (error below 1e-9 relative), else exp(x) - 1
fn expm1_f(x: f32) -> f32 {
  if (abs(x) < 0.5) {
    return x * (1.0 + x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0 + x * (1.0 / 720.0 + x * (1.0 / 5040.0 + x * (1.0 / 40320.0 + x / 362880.0))))))));
  }
  return exp_f(x) - 1.0;
}
// tanh(x) = expm1(2|x|) / (expm1(2|x|) + 2), signed; 1 past |x| = 10 (exact in float32)
fn tanh_f(x: f32) -> f32 {
  if (isnan_f(x)) { return x; }
  let a = abs(x);
  if (a > 10.0) { return sign(x); }
  let e = expm1_f(2.0 * a);
  return sign(x) * (e / (e + 2.0));
}
// erf: Maclaurin series below 0.5; above, 1 - erfc by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7)
fn erf_f(x: f32) -> f32 {
  if (isnan_f(x)) { return x; }
  let a = abs(x);
  if (a < 0.5) {
    let z = x * x;
    return x * 1.1283791670955126 * (1.0 + z * (-1.0 / 3.0 + z * (0.1 + z * (-1.0 / 42.0 + z * (1.0 / 216.0 + z * (-1.0 / 1320.0))))));
  }
  if (a > 4.0) { return sign(x); }
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign(x) * (1.0 - poly * exp_f(-a * a));
}
// C's pow: pow(1, y) = 1, pow(x, 0) = 1, pow(-1, +-inf) = 1, negative bases with integral exponents
fn pow_f(a: f32, b: f32) -> f32 {
  if (a == 1.0 || b == 0.0) { return 1.0; }
  if (isnan_f(a) || isnan_f(b)) { return nan_f(); }
  if (a == -1.0 && isinf_f(b)) { return 1.0; }
  if (b == 1.0) { return a; }
  if (b == 2.0) { return a * a; }
  if (b == 0.5 && !isinf_f(a)) { return sqrt_f(a); }
  if (a == 0.0) {
    let odd = fract(b * 0.5) != 0.0 && fract(b) == 0.0;
    if (b < 0.0) { return select(inf_f(), select(inf_f(), -inf_f(), bitcast<u32>(a) != 0u), odd); }
    return select(0.0, a, odd);
  }
  if (isinf_f(b)) {
    let m = abs(a);
    if (m == 1.0) { return 1.0; }
    return select(select(inf_f(), 0.0, m < 1.0), select(0.0, inf_f(), m < 1.0), b < 0.0);
  }
  if (isinf_f(a)) {
    let odd = fract(b * 0.5) != 0.0 && fract(b) == 0.0;
    let mag = select(0.0, inf_f(), b > 0.0);
    return select(mag, -mag, a < 0.0 && odd);
  }
  if (a < 0.0) {
    if (fract(b) != 0.0) { return nan_f(); }
    let r = exp2(b * log2(-a));
    return select(r, -r, fract(b * 0.5) != 0.0);
  }
  return exp2(b * log2(a));
}
// (a - q b) / b for q = a / b rounded: the division's rounding error, with q b split exactly (Dekker's
// two-product with 4097 = 2^12 + 1 splitting); 0 where that is not finite
fn div_err_f(a: f32, b: f32, q: f32) -> f32 {
  let cq = 4097.0 * q; let qh = cq - (cq - q); let ql = q - qh;
  let cb = 4097.0 * b; let bh = cb - (cb - b); let bl = b - bh;
  let prod = q * b;
  let err = ((qh * bh - prod) + qh * bl + ql * bh) + ql * bl;
  let r = ((a - prod) - err) / b;
  return select(0.0, r, !isnan_f(r) && !isinf_f(r));
}
// integer pow as PyTorch's powi: negative exponents give 0 except for bases 1 and -1
fn pow_i(a: i32, b: i32) -> i32 {
  if (b < 0) {
    if (a == 1) { return 1; }
    if (a == -1) { return select(-1, 1, (b & 1) == 0); }
    return 0;
  }
  var r: i32 = 1;
  var base = a;
  var e = b;
  loop {
    if (e == 0) { break; }
    if ((e & 1) == 1) { r = r * base; }
    base = base * base;
    e = e >> 1u;
  }
  return r;
}
`;

/** `expr` of WGSL type `from` converted to `to` as a C cast (float -> int truncates, NaN -> INT_MIN). */
/** `v` (WGSL type t) is not zero; NaN counts as not zero. */
export function nonzero(v: string, t: WgslScalar): string {
  return t === 'f32' ? `nz_f(${v})` : `((${v}) != ${t === 'i32' ? '0i' : '0u'})`;
}

export function convert(expr: string, from: WgslScalar, to: WgslScalar): string {
  if (from === to) return expr;
  if (from === 'f32') return to === 'i32' ? `f2i(${expr})` : `f2b(${expr})`;
  if (to === 'u32') return `select(0u, 1u, (${expr}) != ${from === 'i32' ? '0i' : '0u'})`;
  return `${to}(${expr})`;
}

/** A WGSL literal of type `t` for a JS number (bits for floats, so NaN and inf survive). */
export function literal(value: number, t: WgslScalar): string {
  if (t === 'f32') {
    const bits = new Uint32Array(new Float32Array([value]).buffer)[0];
    return `bitcast<f32>(${bits}u)`;
  }
  return t === 'i32' ? `i32(${value | 0})` : `${value >>> 0}u`;
}
