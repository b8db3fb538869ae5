// crLog, crSin, crCos: the fast table-based path (with its error bound) against the independent
// double-double series of cr-slow.ts, on arguments the float64 normal draws pass (1 - u, 2 pi u) and
// beyond. (Against 80-digit decimal values and glibc: conformance/test/tensor-core/libm.test.ts.)
import { describe, expect, it } from 'vitest';
import { crCos, crLog, crSin } from '../src/ops/random/cr-math.js';
import { logSlow, sinCosSlow } from '../src/ops/random/cr-slow.js';

/** A fixed stream of doubles in [0, 1): 53 bits of a 64-bit LCG. */
function* uniforms(n: number): Generator<number> {
  let s = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < n; i++) {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    yield Number(s >> 11n) / 2 ** 53;
  }
}

describe('correctly rounded log, sin, cos', () => {
  it('the fast path agrees with the double-double series everywhere it answers', () => {
    const wrong: string[] = [];
    for (const u of uniforms(60000)) {
      const x = 1 - u;
      if (crLog(x) !== logSlow(x)) wrong.push(`log(${x})`);
      const big = 1 + u * 1e6;
      if (crLog(big) !== logSlow(big)) wrong.push(`log(${big})`);
      const t = 2 * Math.PI * u;
      if (crSin(t) !== sinCosSlow(t, false)) wrong.push(`sin(${t})`);
      if (crCos(t) !== sinCosSlow(t, true)) wrong.push(`cos(${t})`);
      const w = (u - 0.5) * 200;
      if (crSin(w) !== sinCosSlow(w, false) || crCos(w) !== sinCosSlow(w, true)) wrong.push(`sincos(${w})`);
    }
    expect(wrong).toEqual([]);
  });

  it('is within one rounding of Math.log / sin / cos and keeps their special values', () => {
    for (const u of uniforms(2000)) {
      const x = 1 - u;
      expect(Math.abs(crLog(x) - Math.log(x))).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(Math.log(x)));
      const t = 2 * Math.PI * u;
      expect(Math.abs(crSin(t) - Math.sin(t))).toBeLessThanOrEqual(Number.EPSILON);
    }
    expect(crLog(1)).toBe(0);
    expect(crLog(0)).toBe(-Infinity);
    expect(crLog(-1)).toBeNaN();
    expect(crLog(Infinity)).toBe(Infinity);
    expect(Object.is(crSin(-0), -0)).toBe(true);
    expect(crCos(0)).toBe(1);
    expect(crSin(NaN)).toBeNaN();
  });
});
