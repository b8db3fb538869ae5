// Arguments PyTorch 1.13 rejects (cases_optim_extra.py error_cases): torchlet must throw a ValueError,
// at construction or, at the latest, within as many steps as PyTorch took. Where PyTorch fails only at
// a later step (ConstantLR factor 0 dividing by zero at totalIters, PolynomialLR raising 0 to a negative
// power, ASGD's math domain error) or with a TypeError or IndexError, torchlet's ValueError comes at
// construction and names the argument.
import { describe, expect, it } from 'vitest';
import { ValueError } from '@torchlet/tensor-core';
import { lrScheduler } from '@torchlet/optim';
import { loadFixture, type FixtureCase } from '../../src/fixtures.js';
import { buildScheduler, makeGroupsOptimizer, type OptimizerName } from './extra-builders.js';
import { decode, makeOptimizer, param } from './helpers.js';

interface ErrorCase extends FixtureCase {
  kind: 'optimizer' | 'scheduler' | 'chained_two_optimizers';
  target: string;
  options: Record<string, unknown>;
  optimizer?: OptimizerName;
  steps: number;
  error: string;
}

const fixture = loadFixture<ErrorCase>('optim', 'extra_errors');

/** Build and step as the generator did; returns what was thrown (undefined: nothing). */
function attempt(c: ErrorCase): unknown {
  try {
    if (c.kind === 'optimizer') {
      const p = param(decode({ dtype: 'float64', shape: [3], data: [0.5, -1, 2] }));
      const opt = makeOptimizer(c.target, [p], c.options);
      for (let k = 0; k < c.steps; k++) {
        p.grad = decode({ dtype: 'float64', shape: [3], data: [0.1, -0.2, 0.3] });
        opt.step();
      }
    } else if (c.kind === 'scheduler') {
      const opt = makeGroupsOptimizer(c.optimizer as OptimizerName, [0.1, 0.05]);
      const sched = buildScheduler({ kind: c.target, options: c.options }, opt);
      for (let k = 0; k < c.steps; k++) sched.step();
    } else {
      const a = makeGroupsOptimizer('SGD', [0.1, 0.05]);
      const b = makeGroupsOptimizer('SGD', [0.1, 0.05]);
      new lrScheduler.ChainedScheduler([new lrScheduler.StepLR(a, { stepSize: 2 }), new lrScheduler.StepLR(b, { stepSize: 2 })]);
    }
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('argument errors PyTorch raises (PyTorch fixtures)', () => {
  for (const c of fixture.cases) {
    it(`${c.id}: ${c.error}`, () => {
      const error = attempt(c);
      expect(error, `no error; PyTorch: ${c.error}`).toBeInstanceOf(ValueError);
      const message = (error as Error).message;
      expect(message.startsWith(`${c.target}: invalid `), message).toBe(true);
    });
  }
});
