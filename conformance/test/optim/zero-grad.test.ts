// zeroGrad({ setToNone }) against PyTorch 1.13's zero_grad(set_to_none=...): a param that stops
// receiving gradients is skipped when its grad is null, and keeps moving (momentum, weight decay)
// when its grad is a zero tensor.
import { describe, it } from 'vitest';
import type { Param } from '@torchlet/optim';
import { loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { decode, expectTensor, makeOptimizer, param } from './helpers.js';

interface ZeroGradCase extends FixtureCase {
  optimizer: string;
  options: Record<string, unknown>;
  steps: number;
  set_to_none: boolean;
  received: boolean[][];
  initial: EncodedTensor[];
  grads: (EncodedTensor | null)[][];
  trajectory: EncodedTensor[][];
}

const fixture = loadFixture<ZeroGradCase>('optim', 'zero_grad');

/** What backward does: create the grad, or accumulate into the existing (zeroed) one. */
function accumulate(p: Param, g: EncodedTensor): void {
  if (p.grad === null) p.grad = decode(g);
  else p.grad.add_(decode(g));
}

describe('zeroGrad (PyTorch fixtures)', () => {
  for (const c of fixture.cases) {
    const variants: [string, (opt: ReturnType<typeof makeOptimizer>) => void][] = [
      [`zeroGrad({ setToNone: ${c.set_to_none} })`, (opt) => opt.zeroGrad({ setToNone: c.set_to_none })],
    ];
    if (c.set_to_none) variants.push(['zeroGrad() (default setToNone: true)', (opt) => opt.zeroGrad()]);
    for (const [label, zero] of variants) {
      it(`${c.id}: ${label}`, () => {
        const params = c.initial.map((e) => param(decode(e)));
        const opt = makeOptimizer(c.optimizer, params, c.options);
        for (let k = 0; k < c.steps; k++) {
          zero(opt);
          params.forEach((p, i) => {
            const g = c.grads[k][i];
            if (c.received[k][i] && g !== null) accumulate(p, g);
          });
          opt.step();
          params.forEach((p, i) => expectTensor(p, c.trajectory[k][i], c, `step ${k + 1} param ${i}`));
        }
      });
    }
  }
});
