// One vitest test per fixture case: `replayFixture('elementwise')` in test/tensor-core/elementwise.test.ts.
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../fixtures.js';
import type { OpCase } from './case.js';
import { checkError, checkForward } from './forward.js';
import { checkGradients } from './gradient.js';

/** Every mismatch between torchlet and PyTorch for one case (empty when it conforms). */
export function runCase(c: OpCase): string[] {
  if (c.error !== undefined) return checkError(c);
  return [...checkForward(c), ...checkGradients(c)];
}

export function replayFixture(family: string): void {
  const fixture = loadFixture<OpCase>('tensor-core', family);
  describe(`tensor-core/${family} (torch ${fixture.torch_version}, seed ${fixture.seed})`, () => {
    it.each(fixture.cases)('$id', (c) => {
      const problems = runCase(c);
      if (problems.length > 0) {
        const why = c.tolerance_reason ? ` (loosened: ${c.tolerance_reason})` : '';
        expect.fail(`${c.id} [rtol ${c.rtol}, atol ${c.atol}${why}]\n  ${problems.join('\n  ')}`);
      }
    });
  });
}
