// The slow paths of cr-math.ts: ln, sin and cos in double-double (about 2^-104 relative) by the
// atanh and Taylor series, rounded once. Used where the fast paths cannot decide the rounding, and
// to build their tables.
import { R, ddAdd, ddDiv, ddMul, setResult, twoProd, twoSum } from './dd.js';

// ln 2 and pi / 2 split into doubles (hi + lo, hi + mid + lo), from 80-digit decimals
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;
const SQRT2 = Math.SQRT2;

/** Coefficients as double-doubles: hi at 2i, lo at 2i + 1. */
function table(n: number, value: (i: number) => [number, number]): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [num, den] = value(i);
    ddDiv(num, 0, den, 0);
    out[2 * i] = R[0];
    out[2 * i + 1] = R[1];
  }
  return out;
}

// atanh(s) / s = sum s^(2i) / (2i + 1); |s| <= 0.1716 so 23 terms reach 2^-110
const ATANH = table(23, (i) => [1, 2 * i + 1]);

/** 1 / k! as double-doubles, k = 0..29 (built by repeated division: exact enough to 2^-104). */
const INV_FACT = (() => {
  const out = new Float64Array(60);
  let h = 1;
  let l = 0;
  for (let k = 0; k < 30; k++) {
    if (k > 0) {
      ddDiv(h, l, k, 0);
      h = R[0];
      l = R[1];
    }
    out[2 * k] = h;
    out[2 * k + 1] = l;
  }
  return out;
})();

const bits = new DataView(new ArrayBuffer(8));

/** Horner in double-double: sum c[i] x^i for i < n, x = xh + xl, c a table. */
function horner(c: Float64Array, n: number, xh: number, xl: number): void {
  let h = c[2 * (n - 1)];
  let l = c[2 * (n - 1) + 1];
  for (let i = n - 2; i >= 0; i--) {
    ddMul(h, l, xh, xl);
    ddAdd(R[0], R[1], c[2 * i], c[2 * i + 1]);
    h = R[0];
    l = R[1];
  }
  setResult(h, l);
}

/** ln(x) in double-double (R[0], R[1]) by the atanh series: the slow path and the tables' source. */
export function logSlow(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  if (x === 1) return 0;
  bits.setFloat64(0, x);
  let e = ((bits.getUint32(0) >>> 20) & 0x7ff) - 1023;
  if (e === -1023) return Math.log(x); // subnormal: not reached by the draws (x >= 2^-53)
  bits.setUint32(0, (bits.getUint32(0) & 0x800fffff) | 0x3ff00000);
  let m = bits.getFloat64(0); // x = m 2^e, m in [1, 2)
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // ln m = 2 atanh(s), s = (m - 1) / (m + 1); m - 1 is exact
  twoSum(m, 1);
  ddDiv(m - 1, 0, R[0], R[1]);
  const sh = R[0];
  const sl = R[1];
  ddMul(sh, sl, sh, sl);
  horner(ATANH, 23, R[0], R[1]);
  ddMul(R[0], R[1], sh, sl);
  const lh = 2 * R[0];
  const ll = 2 * R[1];
  // + e ln 2
  twoProd(e, LN2_HI);
  ddAdd(R[0], R[1] + e * LN2_LO, lh, ll);
  return R[0] + R[1];
}

/** r = x - k pi/2 as a double-double in (R[0], R[1]), for |x| < 2^20. */
function reduce(x: number, k: number): void {
  twoProd(k, PIO2_1);
  const ph = R[0];
  const pl = R[1];
  twoSum(x, -ph);
  ddAdd(R[0], R[1], -pl, 0);
  const rh = R[0];
  const rl = R[1];
  twoProd(k, PIO2_2);
  ddAdd(rh, rl, -R[0], -(R[1] + k * PIO2_3));
}

/** sin(r) (odd powers) or cos(r) (even powers) of r = rh + rl, |r| <= pi/4, by Taylor series in double-double. */
export function series(rh: number, rl: number, odd: boolean): void {
  ddMul(rh, rl, rh, rl);
  const r2h = R[0];
  const r2l = R[1];
  // sum (-1)^i r^(2i) / (2i + odd)!, 14 terms: (pi/4)^28 / 28! < 2^-110
  const n = 14;
  const first = odd ? 1 : 0;
  let h = INV_FACT[2 * (2 * (n - 1) + first)] * ((n - 1) % 2 === 0 ? 1 : -1);
  let l = INV_FACT[2 * (2 * (n - 1) + first) + 1] * ((n - 1) % 2 === 0 ? 1 : -1);
  for (let i = n - 2; i >= 0; i--) {
    const sign = i % 2 === 0 ? 1 : -1;
    ddMul(h, l, r2h, r2l);
    ddAdd(R[0], R[1], sign * INV_FACT[2 * (2 * i + first)], sign * INV_FACT[2 * (2 * i + first) + 1]);
    h = R[0];
    l = R[1];
  }
  if (odd) ddMul(h, l, rh, rl);
  else setResult(h, l);
}

/** sin(x) or cos(x) by the Taylor series in double-double: the slow path. */
export function sinCosSlow(x: number, wantCos: boolean): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1048576) return wantCos ? Math.cos(x) : Math.sin(x);
  if (x === 0) return wantCos ? 1 : x;
  const k = Math.round(x / PIO2_1);
  reduce(x, k);
  const rh = R[0];
  const rl = R[1];
  // quadrant q = k mod 4: sin x = sin r, cos r, -sin r, -cos r; cos x = cos r, -sin r, -cos r, sin r
  const q = (((k % 4) + 4) % 4 + (wantCos ? 1 : 0)) % 4;
  series(rh, rl, q % 2 === 0);
  const v = R[0] + R[1];
  return q >= 2 ? -v : v;
}

