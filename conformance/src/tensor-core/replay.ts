// One vitest test per fixture case: `replayFixture('elementwise')` in test/tensor-core/elementwise.test.ts.
// An op with an async variant (ops.ts ASYNC_OPS: item, allclose, oneHot, indexing) replays in both
// forms, in the same test. On a device, which cannot read values synchronously, the sync form may
// instead refuse with the error naming its async variant; the async form must conform everywhere.
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

/** The forms case c replays in: both where the op has an async variant. */
export function variantsOf(c: OpCase): Variant[] {
  return ASYNC_OPS[c.op] === undefined ? ['sync'] : ['sync', 'async'];
}

/** A sync op's refusal on a device that names its async variant (the sync-read errors do). */
function namesAsyncVariant(problems: readonly string[]): boolean {
  return problems.length > 0 && problems.every((p) => /threw \w*Error: .*synchronous.*use (the async readers|await)/.test(p));
}

export function replayFixture(family: string): void {
  const fixture = loadFixture<OpCase>('tensor-core', family);
  describe(`tensor-core/${family} (torch ${fixture.torch_version}, seed ${fixture.seed})`, () => {
    it.each(fixture.cases)('$id', async (c) => {
      const problems: string[] = [];
      for (const variant of variantsOf(c)) {
        let found = await runCase(c, variant);
        // on a device the sync form of an op that reads values conforms or refuses naming its
        // async variant (which must then conform)
        if (variant === 'sync' && fixtureDevice() !== 'cpu' && ASYNC_OPS[c.op] !== undefined && namesAsyncVariant(found)) found = [];
        problems.push(...(variant === 'async' ? found.map((p) => `[async variant] ${p}`) : found));
      }
      if (problems.length > 0) {
        const why = c.tolerance_reason ? ` (loosened: ${c.tolerance_reason})` : '';
        expect.fail(`${c.id} [rtol ${c.rtol}, atol ${c.atol}${why}]\n  ${problems.join('\n  ')}`);
      }
    });
  });
}
