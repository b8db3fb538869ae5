// Double-double arithmetic (a value hi + lo, about 106 bits) for the correctly rounded log, sin and
// cos of cr-math.ts. Results go to `R` (no allocation per operation; a typed array rather than
// exported `let`s, whose live bindings some module loaders turn into getters).

/** The last result: R[0] the high part, R[1] the low part. */
export const R = new Float64Array(2);

const SPLITTER = 134217729; // 2^27 + 1 (Dekker's split)

/** a + b = R[0] + R[1] exactly (Knuth's TwoSum). */
export function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  R[0] = s;
  R[1] = a - (s - bb) + (b - bb);
}

/** a * b = R[0] + R[1] exactly (Dekker's TwoProduct). */
export function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  R[0] = p;
  R[1] = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** (ah + al) + (bh + bl), accurate also when the two cancel. */
export function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = R[0];
  const sl = R[1];
  twoSum(al, bl);
  const tl = R[1];
  let e = sl + R[0];
  const hi = sh + e;
  e = e - (hi - sh) + tl;
  R[0] = hi + e;
  R[1] = e - (R[0] - hi);
}

/** (ah + al) (bh + bl). */
export function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = R[0];
  const e = R[1] + (ah * bl + al * bh);
  R[0] = p + e;
  R[1] = e - (R[0] - p);
}

/** (ah + al) / (bh + bl): three quotient digits, each from the remainder. */
export function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -R[0], -R[1]);
  let rh = R[0];
  let rl = R[1];
  const q2 = rh / bh;
  ddMul(q2, 0, bh, bl);
  ddAdd(rh, rl, -R[0], -R[1]);
  rh = R[0];
  rl = R[1];
  const q3 = rh / bh;
  twoSum(q1, q2);
  ddAdd(R[0], R[1], q3, 0);
}

/** Make (h, l) the last result. */
export function setResult(h: number, l: number): void {
  R[0] = h;
  R[1] = l;
}
