/**
 * torch's float32 normal_ fill on AVX2 machines (DistributionTemplates.h normal_fill_AVX2), lane by
 * lane in emulated float32: Box-Muller with the Cephes-style log256_ps / sincos256_ps of
 * avx_mathfun.h, rounding to float32 after every operation. GCC builds those kernels with
 * -mfma and contracts `a * b + c` into one fused multiply-add, so those steps round once (fma32).
 * Which products GCC fused was settled by matching 20000 samples of torch 1.13.1 bit for bit.
 */
import { fma32 } from './fma.js';

const f = Math.fround;
/** 2^-(i - 160) for the exponents a float32 can have. */
const POW2 = Object.freeze(Array.from({ length: 320 }, (_, i) => Math.pow(2, -(i - 160))));

const SQRTHF = f(0.707106781186547524);
const LOG_P: readonly number[] = Object.freeze([
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f));
const LOG_Q1 = f(-2.12194440e-4);
const LOG_Q2 = f(0.693359375);
const DP1 = f(-0.78515625);
const DP2 = f(-2.4187564849853515625e-4);
const DP3 = f(-3.77489497744594108e-8);
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);
const FOPI = f(1.27323954473516); // 4 / pi
const TWO_PI_F = f(2 * Math.PI);

/** log256_ps for one lane (x > 0). */
export function logAvx(xIn: number): number {
  // split x = m * 2^k with m in [0.5, 1) (the bit tricks of log256_ps, done arithmetically)
  const v = Math.max(xIn, 1.1754943508222875e-38);
  let k: number;
  const scaled = v * 16777216; // 1 - u with u a 24-bit uniform is an integer multiple of 2^-24
  if (scaled >= 1 && scaled <= 16777216 && Number.isInteger(scaled)) k = 32 - Math.clz32(scaled) - 24;
  else k = Math.floor(Math.log2(v)) + 1;
  let x = v * POW2[k + 160];
  if (x >= 1) {
    x *= 0.5;
    k++;
  } else if (x < 0.5) {
    x *= 2;
    k--;
  }
  let e = k;
  const lt = x < SQRTHF;
  const tmp = lt ? x : 0;
  x = f(x - 1);
  e = f(e - (lt ? 1 : 0));
  x = f(x + tmp);
  const z = f(x * x);
  let y = LOG_P[0];
  for (let j = 1; j < 9; j++) y = fma32(y, x, LOG_P[j]);
  y = f(y * x);
  y = fma32(y, z, f(e * LOG_Q1));
  y = fma32(-z, 0.5, y);
  x = f(x + y);
  x = fma32(e, LOG_Q2, x);
  return x;
}

/** sincos256_ps for one lane: writes [sin, cos] into `out`. */
export function sincosAvx(xIn: number, out: Float64Array): void {
  const signSin = xIn < 0 ? -1 : 1;
  let x = Math.abs(xIn);
  let j = Math.trunc(f(x * FOPI)) | 0;
  j = (j + 1) & ~1;
  const y = f(j);
  const swapSin = (j & 4) !== 0 ? -1 : 1;
  const direct = (j & 2) === 0; // sin from the sine polynomial and cos from the cosine one; else swapped
  const signCos = (~(j - 2) & 4) !== 0 ? -1 : 1;
  x = fma32(y, DP1, x);
  x = fma32(y, DP2, x);
  x = fma32(y, DP3, x);
  const z = f(x * x);
  let yc = COS_P0;
  yc = fma32(yc, z, COS_P1);
  yc = fma32(yc, z, COS_P2);
  yc = f(yc * z);
  yc = fma32(yc, z, -z * 0.5); // z * 0.5 is exact
  yc = f(yc + 1);
  let ys = SIN_P0;
  ys = fma32(ys, z, SIN_P1);
  ys = fma32(ys, z, SIN_P2);
  ys = f(ys * z);
  ys = fma32(ys, x, x);
  const s = direct ? ys : yc;
  const c = direct ? yc : ys;
  out[0] = s * signSin * swapSin;
  out[1] = c * signCos;
}

/**
 * normal_fill_16_AVX2 on data[at .. at + 16): radius from 1 - u of the first 8, angle from the
 * last 8. `sc` is a 2-element scratch array owned by the caller.
 */
export function normalFill16Avx(data: Float32Array, at: number, mean: number, std: number, sc: Float64Array): void {
  const m = f(mean);
  const s = f(std);
  for (let j = 0; j < 8; j++) {
    const u1 = f(1 - data[at + j]);
    const u2 = data[at + j + 8];
    const radius = f(Math.sqrt(f(-2 * logAvx(u1))));
    const theta = f(TWO_PI_F * u2);
    sincosAvx(theta, sc);
    const n1 = f(radius * sc[1]);
    const n2 = f(radius * sc[0]);
    data[at + j] = fma32(n1, s, m);
    data[at + j + 8] = fma32(n2, s, m);
  }
}
