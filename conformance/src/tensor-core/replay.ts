// One vitest test per fixture case: `replayFixture('elementwise')` in test/tensor-core/elementwise.test.ts.
// An op with an async variant (ops.ts ASYNC_OPS: item, allclose, oneHot, indexing) replays in both
// forms on the CPU projects, in the same test; a device replays it through the async variant (it
// cannot read values synchronously), and its error cases in both forms (each must throw or reject).
import { describe, expect, it } from 'vitest';
import { fixtureDevice, loadFixture } from '../fixtures.js';
import type { OpCase } from './case.js';
import { checkError, checkForward, type Variant } from './forward.js';
import { checkGradients } from './gradient.js';
import { ASYNC_OPS } from './ops.js';

/** Every mismatch between torchlet and PyTorch for one case in one form (empty when it conforms). */
export async function runCase(c: OpCase, variant: Variant = 'sync'): Promise<string[]> {
  if (c.error !== undefined) return checkError(c, variant);
  return [...(await checkForward(c, variant)), ...(await checkGradients(c, variant))];
}

/** The forms case c replays in on the device under test. */
export function variantsOf(c: OpCase): Variant[] {
  if (ASYNC_OPS[c.op] === undefined) return ['sync'];
  if (fixtureDevice() === 'cpu' || c.error !== undefined) return ['sync', 'async'];
  return ['async'];
}

export function replayFixture(family: string): void {
  const fixture = loadFixture<OpCase>('tensor-core', family);
  describe(`tensor-core/${family} (torch ${fixture.torch_version}, seed ${fixture.seed})`, () => {
    it.each(fixture.cases)('$id', async (c) => {
      const problems: string[] = [];
      for (const variant of variantsOf(c)) {
        const found = await runCase(c, variant);
        problems.push(...(variant === 'async' ? found.map((p) => `[async variant] ${p}`) : found));
      }
      if (problems.length > 0) {
        const why = c.tolerance_reason ? ` (loosened: ${c.tolerance_reason})` : '';
        expect.fail(`${c.id} [rtol ${c.rtol}, atol ${c.atol}${why}]\n  ${problems.join('\n  ')}`);
      }
    });
  });
}
