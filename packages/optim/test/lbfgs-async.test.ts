// LBFGS.stepAsync against LBFGS.step on the CPU: one algorithm, two drivers, so the same closure
// from the same start gives the same trajectory bit for bit (params, returned losses, counters),
// with and without the strong-Wolfe search, float32 and float64, sync and async closures.
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@torchlet/tensor-core';
import { LBFGS, type LBFGSOptions } from '../src/index.js';

/** Rosenbrock-like f(x) = sum 2 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2 with autograd ops. */
function f(x: Tensor): Tensor {
  const head = x.slice(0, 0, -1);
  const tail = x.slice(0, 1);
  return tail.sub(head.pow(2)).pow(2).mul(2).add(head.neg().add(1).pow(2)).sum();
}

interface Trace {
  losses: number[];
  params: number[][];
  counters: [number, number][];
}

async function trajectory(options: LBFGSOptions, dtype: 'float32' | 'float64', mode: 'step' | 'async' | 'async-closure'): Promise<Trace> {
  const x = tensor([-1.2, 1, 0.5, -0.3], { dtype, requiresGrad: true });
  const opt = new LBFGS([x], options);
  const closure = (): Tensor => {
    opt.zeroGrad();
    const loss = f(x);
    loss.backward();
    return loss;
  };
  const trace: Trace = { losses: [], params: [], counters: [] };
  for (let k = 0; k < 4; k++) {
    let loss: Tensor;
    if (mode === 'step') loss = opt.step(closure);
    else if (mode === 'async') loss = await opt.stepAsync(closure);
    else loss = await opt.stepAsync(async () => closure());
    trace.losses.push(loss.item());
    trace.params.push(Array.from(x.detach().toTypedArray()));
    const st = opt.state.get(x);
    trace.counters.push([st?.funcEvals ?? -1, st?.nIter ?? -1]);
  }
  return trace;
}

describe('LBFGS.stepAsync gives step()\'s trajectory on the CPU', () => {
  const configs: [string, LBFGSOptions][] = [
    ['fixed step', { lr: 0.5, maxIter: 5, historySize: 3 }],
    ['strong Wolfe', { lineSearchFn: 'strong_wolfe', maxIter: 6, historySize: 4 }],
  ];
  for (const [name, options] of configs) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${name}, ${dtype}`, async () => {
        const sync = await trajectory(options, dtype, 'step');
        // the optimizer moves: the comparison is not of a trajectory standing still
        expect(sync.params[3]).not.toEqual(sync.params[0]);
        expect(await trajectory(options, dtype, 'async')).toEqual(sync);
        expect(await trajectory(options, dtype, 'async-closure')).toEqual(sync);
      });
    }
  }

  it('number losses, and the closure is required', async () => {
    const x = tensor([0.5, 2], { dtype: 'float64', requiresGrad: true });
    const opt = new LBFGS([x], { maxIter: 3 });
    const loss = await opt.stepAsync(() => {
      opt.zeroGrad();
      const l = f(x);
      l.backward();
      return l.item();
    });
    expect(typeof loss).toBe('number');
    await expect(opt.stepAsync()).rejects.toThrow(/LBFGS.stepAsync\(\): argument 'closure' is required/);
  });
});
