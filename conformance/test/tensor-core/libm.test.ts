// tensor-core's correctly rounded ln, sin and cos (the float64 normal draws' transcendental functions)
// against fixtures/tensor-core/libm.json: bit for bit against the correctly rounded values (80-digit
// decimal arithmetic), and so against the C library (glibc, which PyTorch's draws use) everywhere
// the C library is itself correctly rounded.
import { describe, expect, it } from 'vitest';
import { crCos, crLog, crSin } from '@torchlet/tensor-core/internal';
import { loadFixture, type FixtureCase } from '../../src/fixtures.js';

interface LibmCase extends FixtureCase {
  fn: 'log' | 'sin' | 'cos';
  x: number[];
  y: number[];
  y_cr: number[];
}

const FNS = { log: crLog, sin: crSin, cos: crCos };
const fixture = loadFixture<LibmCase>('tensor-core', 'libm');

describe('correctly rounded ln, sin, cos', () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: every value is the correctly rounded double', (_id, c) => {
    const wrong = c.x.flatMap((x, i) => (Object.is(FNS[c.fn](x), c.y_cr[i]) ? [] : [`${c.fn}(${x}) = ${FNS[c.fn](x)}, expected ${c.y_cr[i]}`]));
    expect(wrong).toEqual([]);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: equals the C library except where it is not correctly rounded', (_id, c) => {
    const glibcOff = c.x.filter((_x, i) => !Object.is(c.y[i], c.y_cr[i])).length;
    const differ = c.x.filter((x, i) => !Object.is(FNS[c.fn](x), c.y[i])).length;
    expect(differ).toBe(glibcOff);
    // glibc misrounds about 1 argument in 500 to 1000 (of the 10015 here: 7 log, 14 sin, 20 cos)
    expect(glibcOff / c.x.length).toBeLessThan(0.005);
  });
});
