// Double-double arithmetic (a value hi + lo, about 106 bits) for the correctly rounded log, sin and
// cos of cr-math.ts. Results go to the module's `H` and `L` (no allocation per operation).

/** The last result: hi and lo parts. */
export let H = 0;
export let L = 0;

const SPLITTER = 134217729; // 2^27 + 1 (Dekker's split)

/** a + b = H + L exactly (Knuth's TwoSum). */
export function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  H = s;
  L = a - (s - bb) + (b - bb);
}

/** a * b = H + L exactly (Dekker's TwoProduct). */
export function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  H = p;
  L = ah * bh - p + ah * bl + al * bh + al * bl;
}

/** (ah + al) + (bh + bl), accurate also when the two cancel. */
export function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = H;
  const sl = L;
  twoSum(al, bl);
  const tl = L;
  let e = sl + H;
  const hi = sh + e;
  e = e - (hi - sh) + tl;
  H = hi + e;
  L = e - (H - hi);
}

/** (ah + al) (bh + bl). */
export function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const p = H;
  const e = L + (ah * bl + al * bh);
  H = p + e;
  L = e - (H - p);
}

/** (ah + al) / (bh + bl): three quotient digits, each from the remainder. */
export function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -H, -L);
  let rh = H;
  let rl = L;
  const q2 = rh / bh;
  ddMul(q2, 0, bh, bl);
  ddAdd(rh, rl, -H, -L);
  rh = H;
  rl = L;
  const q3 = rh / bh;
  twoSum(q1, q2);
  ddAdd(H, L, q3, 0);
}

/** Make (h, l) the last result. */
export function setResult(h: number, l: number): void {
  H = h;
  L = l;
}
