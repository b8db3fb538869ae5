/**
 * Fused multiply-add emulation. torch's CPU sampling kernels are built with -mfma, and GCC
 * contracts `a * b + c` into one FMA instruction (a single rounding); these reproduce that.
 */
const f = Math.fround;
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for doubles

/** float32 fma: a * b is exact in a double; the sum is rounded once to float32. */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = f(s);
  const d = s - r;
  if (d === 0) return r;
  // rounding to double then to float only errs when s is exactly a float32 midpoint
  const other = r + 2 * d;
  if (f(other) !== other) return r;
  const bp = s - p;
  const err = p - (s - bp) + (c - bp); // the part of p + c that s lost
  if (err === 0) return r;
  return err > 0 === d > 0 ? other : r;
}

/**
 * float64 fma: Dekker's exact product ph + pl, Knuth's TwoSum of ph + c, then one final add.
 * Correctly rounded except when the low parts straddle a rounding boundary (probability ~2^-50).
 */
export function fma64(a: number, b: number, c: number): number {
  const ph = a * b;
  if (!Number.isFinite(ph) || ph === 0) return ph + c;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl;
  const sh = ph + c;
  const v = sh - ph;
  const sl = ph - (sh - v) + (c - v);
  return sh + (sl + pl);
}
