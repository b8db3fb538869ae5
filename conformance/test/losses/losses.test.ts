// Every loss x option x reduction x dtype against PyTorch: outputs and input gradients (backward
// fed the fixture's random upstream gradient), through the functions and through the module
// classes. Fixtures: generator/cases_losses.py.
import { describe, expect, it } from 'vitest';
import { loadFixture, compareTensor, decode } from '../../src/fixtures.ts';
import { LOSSES, MODULES, decodeCall, type Call, type LossCase } from './helpers.ts';

const fixture = loadFixture<LossCase>('losses', 'cases');
const byLoss = new Map<string, LossCase[]>();
for (const c of fixture.cases) byLoss.set(c.loss, [...(byLoss.get(c.loss) ?? []), c]);

/** Mismatches between torchlet's output and gradients and PyTorch's for one case. */
function replay(fn: Call | undefined, c: LossCase): string[] {
  if (fn === undefined) return [`no torchlet function for ${c.loss}`];
  const { args, options } = decodeCall(c, c.grad_args);
  const out = fn(args, options);
  const problems = compareTensor(out, c.output, c).map((p) => `output: ${p}`);
  if (c.grad_args.length > 0 && out.requiresGrad) {
    out.backward(decode(c.grad_output));
    c.args.forEach(([name], i) => {
      const expected = c.grads[name];
      if (expected === undefined) return;
      const g = args[i].grad;
      if (g === null) {
        if (expected.data.some((v) => v !== 0)) problems.push(`grad ${name}: none computed, PyTorch's is non-zero`);
        return;
      }
      problems.push(...compareTensor(g, expected, c).map((p) => `grad ${name}: ${p}`));
    });
  }
  return problems;
}

describe(`losses conformance (PyTorch ${fixture.torch_version})`, () => {
  for (const [loss, cases] of byLoss) {
    describe(loss, () => {
      it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
        const problems = replay(LOSSES[c.loss], c);
        expect(problems, problems.join('\n')).toEqual([]);
      });
    });
  }
});

describe('module classes replay the same cases', () => {
  for (const [loss, cases] of byLoss) {
    it(`${loss} (${cases.length} cases)`, () => {
      const problems = cases.flatMap((c) => replay(MODULES[c.loss], c).map((p) => `${c.id}: ${p}`));
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
});
