// optim.saveOptimizerState / loadOptimizerState: the torch format through JSON text and safetensors bytes.
import { describe, expect, it } from 'vitest';
import { optim, torch } from '../src/index.js';

describe('optimizer and scheduler state files', () => {
  it('a run saved to files resumes exactly', async () => {
    const grads = [[0.5, -1], [0.25, 2], [-1, 0.1], [0.3, 0.3]];
    const a = torch.tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const opt = new optim.Adam([a], { lr: 0.1, amsgrad: true });
    const sched = new optim.lrScheduler.StepLR(opt, { stepSize: 1, gamma: 0.5 });
    const step = (p: typeof a, o: typeof opt, s: typeof sched, g: number[]) => {
      p.grad = torch.tensor(g, { dtype: 'float64' });
      o.step();
      s.step();
    };
    for (const g of grads.slice(0, 2)) step(a, opt, sched, g);
    const files = optim.saveOptimizerState(opt);
    // the async form writes the same files (on a device it reads the state back first)
    expect(await optim.saveOptimizerStateAsync(opt)).toEqual(files);
    const schedText = optim.saveSchedulerState(sched);
    expect(JSON.parse(files.json).param_groups[0].lr).toBe(0.025);

    const b = torch.tensor(a.detach().tolist() as number[], { dtype: 'float64', requiresGrad: true });
    const opt2 = new optim.Adam([b], { lr: 1 });
    const sched2 = new optim.lrScheduler.StepLR(opt2, { stepSize: 1, gamma: 0.5 });
    optim.loadOptimizerState(opt2, files);
    optim.loadSchedulerState(sched2, schedText);
    for (const g of grads.slice(2)) {
      step(a, opt, sched, g);
      step(b, opt2, sched2, g);
    }
    expect(b.detach().tolist()).toEqual(a.detach().tolist());
    expect(sched2.getLastLr()).toEqual(sched.getLastLr());
    expect(() => optim.loadSchedulerState(sched2, '{oops')).toThrow(/argument 'json' expected JSON text/);
  });
});
