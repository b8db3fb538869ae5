// AveragedModel, updateBn and deepCopyModule: the running mean and EMA against averages computed here,
// that the copy is independent of the model, BatchNorm statistics as a plain average over batches.
import { describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { AveragedModel, BatchNorm1d, Linear, ReLU, Sequential, updateBn } from '../src/index.js';
import { deepCopyModule } from '../src/internal.js';

const vals = (t: Tensor): number[] => Array.from(t.toTypedArray(), Number);
const closeAll = (a: number[], b: number[], tol = 1e-12) => a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i]))));

describe('deepCopyModule', () => {
  it('copies the tree: same class, names, values and repr; new tensors; shared ones stay shared', () => {
    manualSeed(1);
    const shared = new Linear(2, 2, { dtype: 'float64' });
    const model = new Sequential(shared, new ReLU(), shared, new BatchNorm1d(2, { momentum: null }));
    const copy = deepCopyModule(model);
    expect(copy).toBeInstanceOf(Sequential);
    expect(copy.toString()).toBe(model.toString());
    expect(Object.keys(copy.stateDict())).toEqual(Object.keys(model.stateDict()));
    expect(copy.getSubmodule('0')).toBe(copy.getSubmodule('2'));
    const w = (copy.getSubmodule('0') as Linear).weight;
    expect(w).not.toBe(shared.weight);
    expect(w.requiresGrad).toBe(true);
    closeAll(vals(w), vals(shared.weight), 0);
    w.detach().add_(1);
    expect(vals(w)[0]).not.toBe(vals(shared.weight)[0]);
    expect((copy.getSubmodule('3') as BatchNorm1d).momentum).toBe(null);
  });
});

describe('AveragedModel', () => {
  it('default: the mean of every model passed to updateParameters; nAveraged counts them', () => {
    manualSeed(2);
    const model = new Linear(3, 2, { dtype: 'float64' });
    const swa = new AveragedModel(model);
    const seen: number[][] = [];
    for (let k = 0; k < 4; k++) {
      model.weight.detach().copy_(randn([2, 3], { dtype: 'float64' }));
      seen.push(vals(model.weight));
      swa.updateParameters(model);
    }
    const mean = seen[0].map((_, i) => seen.reduce((s, v) => s + v[i], 0) / seen.length);
    closeAll(vals(swa.module.weight), mean);
    expect(swa.nAveraged.item()).toBe(4);
    const x = randn([5, 3], { dtype: 'float64' });
    closeAll(vals(swa.forward(x)), vals(swa.module.forward(x)), 0);
  });

  it('a custom avgFn (EMA) and useBuffers average the buffers too', () => {
    const model = new BatchNorm1d(2, { dtype: 'float64' });
    const swa = new AveragedModel(model, { avgFn: (a, c) => a.mul(0.5).add(c.mul(0.5)), useBuffers: true });
    model.runningMean?.copy_(tensor([2, 4], { dtype: 'float64' }));
    swa.updateParameters(model);
    model.runningMean?.copy_(tensor([0, 0], { dtype: 'float64' }));
    swa.updateParameters(model);
    closeAll(vals(swa.module.runningMean as Tensor), [1, 2]);
  });

  it('refuses unknown options and a non-function avgFn', () => {
    const model = new Linear(2, 2);
    expect(() => new AveragedModel(model, { avg_fn: null } as never)).toThrow(/avg_fn/);
    expect(() => new AveragedModel(model, { avgFn: 3 } as never)).toThrow(/avgFn/);
  });
});

describe('updateBn', () => {
  it('sets the running statistics to the average of the batches’ statistics and restores mode and momentum', () => {
    manualSeed(3);
    const bn = new BatchNorm1d(3, { dtype: 'float64', momentum: 0.2 });
    const model = new Sequential(new Linear(2, 3, { dtype: 'float64' }), bn).eval();
    const batches = [randn([4, 2], { dtype: 'float64' }), randn([4, 2], { dtype: 'float64' })];
    updateBn(batches.map((b) => [b, null] as const), model);
    const feats = batches.map((b) => vals((model.getSubmodule('0') as Linear).forward(b).detach()));
    // per batch: mean and unbiased variance of each feature; the running values are their plain averages
    const mean = [0, 1, 2].map((j) => feats.reduce((s, f) => s + [0, 1, 2, 3].reduce((t, r) => t + f[r * 3 + j], 0) / 4, 0) / 2);
    const variance = [0, 1, 2].map(
      (j) =>
        feats.reduce((s, f) => {
          const m = [0, 1, 2, 3].reduce((t, r) => t + f[r * 3 + j], 0) / 4;
          return s + [0, 1, 2, 3].reduce((t, r) => t + (f[r * 3 + j] - m) ** 2, 0) / 3;
        }, 0) / 2,
    );
    closeAll(vals(bn.runningMean as Tensor), mean, 1e-10);
    closeAll(vals(bn.runningVar as Tensor), variance, 1e-10);
    expect(bn.numBatchesTracked?.item()).toBe(2);
    expect(bn.momentum).toBe(0.2);
    expect(model.training).toBe(false);
  });
});
