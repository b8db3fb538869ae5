// Correctly rounded natural log, sin and cos of doubles, so that float64 Box-Muller draws equal
// PyTorch's (std::log, std::sin, std::cos of the C library; JavaScript's Math.log, Math.sin and
// Math.cos are 1 ulp off for about 1 argument in 20). Ziv's method: a table-based evaluation to
// about 2^-60 with an error bound; when the bound straddles a rounding boundary (about 1 call in
// 100) the double-double series of cr-slow.ts decide.
import { R, twoProd, twoSum } from './dd.js';
import { logSlow, series, sinCosSlow } from './cr-slow.js';

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const TWO_OVER_PI = 0.6366197723675814;
const SQRT2 = Math.SQRT2;
const TWO_M60 = 2 ** -60;
const TWO_M61 = 2 ** -61;
const TWO_M96 = 2 ** -96;

// log: m (in [sqrt(1/2), sqrt(2))) times INVC[j] is within 2^-8 of 1, j = round(128 (m - 1)) + 64;
// LOG_HI/LO[j] = -ln(INVC[j]) as a double-double. sin/cos: SIN/COS_HI/LO[i + 64] = sin/cos(i / 64).
let tables: { invc: Float64Array; logHi: Float64Array; logLo: Float64Array; sc: Float64Array } | null = null;

function getTables(): NonNullable<typeof tables> {
  if (tables !== null) return tables;
  const invc = new Float64Array(128);
  const logHi = new Float64Array(128);
  const logLo = new Float64Array(128);
  for (let j = -40; j <= 56; j++) {
    const c = 1 / (1 + j / 128);
    invc[j + 64] = c;
    if (j === 0) continue;
    logSlow(c);
    logHi[j + 64] = -R[0];
    logLo[j + 64] = -R[1];
  }
  const sc = new Float64Array(4 * 128); // [sinHi, sinLo, cosHi, cosLo] per i + 64
  for (let i = -56; i <= 56; i++) {
    const r = i / 64;
    series(r, 0, true);
    sc[4 * (i + 64)] = R[0];
    sc[4 * (i + 64) + 1] = R[1];
    series(r, 0, false);
    sc[4 * (i + 64) + 2] = R[0];
    sc[4 * (i + 64) + 3] = R[1];
  }
  tables = { invc, logHi, logLo, sc };
  return tables;
}

const bits = new DataView(new ArrayBuffer(8));

/** ln(x), correctly rounded (NaN, 0, negative, subnormal and infinite x: Math.log's result or the slow path). */
export function crLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  if (x === 1) return 0;
  bits.setFloat64(0, x);
  const word = bits.getUint32(0);
  let e = ((word >>> 20) & 0x7ff) - 1023;
  if (e === -1023) return logSlow(x);
  bits.setUint32(0, (word & 0x800fffff) | 0x3ff00000);
  let m = bits.getFloat64(0);
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  const t = getTables();
  const j = Math.round((m - 1) * 128) + 64;
  // r = m invc - 1 exactly as rh + rl (the product's high part is within 2^-8 of 1: Sterbenz)
  twoProd(m, t.invc[j]);
  const r0 = R[0] - 1;
  const rh = r0 + R[1];
  const rl = R[1] - (rh - r0);
  // ln(1 + r) - r, to r^10 (the next term is below 2^-83 r)
  const q =
    rh * rh *
    (-0.5 + rh * (1 / 3 + rh * (-0.25 + rh * (0.2 + rh * (-1 / 6 + rh * (1 / 7 + rh * (-0.125 + rh * (1 / 9 + rh * -0.1))))))));
  // ln x = e ln2 + ln(1 / invc) + ln(1 + r)
  twoProd(e, LN2_HI);
  const p2 = R[1];
  twoSum(R[0], t.logHi[j]);
  const s2 = R[1];
  twoSum(R[0], rh);
  const y = R[0];
  const low = R[1] + s2 + p2 + e * LN2_LO + t.logLo[j] + (rl - rh * rl) + q;
  const err = Math.abs(y) * TWO_M60;
  const a = y + (low - err);
  return a === y + (low + err) ? a : logSlow(x);
}

/** sin(x) (cos: wantCos) for |x| < 2^20, correctly rounded; larger or non-finite x: Math's. */
function sinCos(x: number, wantCos: boolean): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1048576) return wantCos ? Math.cos(x) : Math.sin(x);
  if (x === 0) return wantCos ? 1 : x;
  const k = Math.round(x * TWO_OVER_PI);
  // r = x - k pi/2 as rh + rl (absolute error below 2^-100)
  twoProd(k, PIO2_1);
  const pl = R[1];
  twoSum(x, -R[0]);
  const a = R[0];
  const c = R[1] - pl - k * PIO2_2;
  const rh = a + c;
  const rl = c - (rh - a);
  const q = (((k % 4) + 4) % 4 + (wantCos ? 1 : 0)) % 4;
  // sin or cos of r = i/64 + d: from sin(i/64), cos(i/64) and the series of d (|d| <= 2^-7)
  const t = getTables().sc;
  const i = Math.round(rh * 64);
  const d = rh - i / 64; // exact
  const d2 = d * d;
  const sd = d * d2 * (-1 / 6 + d2 * (1 / 120 - d2 / 5040)); // sin d - d - rl
  const cm = d2 * (-0.5 + d2 * (1 / 24 - d2 / 720)) - d * rl; // cos d - 1
  const b = 4 * (i + 64);
  const sh = t[b];
  const sl = t[b + 1];
  const ch = t[b + 2];
  const cl = t[b + 3];
  let y: number;
  let low: number;
  if (q % 2 === 0) {
    // sin r = sin(i/64) + cos(i/64) sin d + sin(i/64) (cos d - 1)
    twoProd(ch, d);
    const t2 = R[1];
    twoSum(sh, R[0]);
    y = R[0];
    low = R[1] + t2 + sl + cl * d + ch * (rl + sd) + sh * cm;
  } else {
    // cos r = cos(i/64) - sin(i/64) sin d + cos(i/64) (cos d - 1)
    twoProd(-sh, d);
    const t2 = R[1];
    twoSum(ch, R[0]);
    y = R[0];
    low = R[1] + t2 + cl - sl * d - sh * (rl + sd) + ch * cm;
  }
  const err = Math.abs(y) * TWO_M61 + TWO_M96;
  const v = y + (low - err);
  if (v !== y + (low + err)) return sinCosSlow(x, wantCos);
  return q >= 2 ? -v : v;
}

/** sin(x), correctly rounded, for |x| < 2^20 (others: Math.sin). */
export function crSin(x: number): number {
  return sinCos(x, false);
}

/** cos(x), correctly rounded, for |x| < 2^20 (others: Math.cos). */
export function crCos(x: number): number {
  return sinCos(x, true);
}
