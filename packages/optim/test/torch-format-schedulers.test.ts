// schedulerToTorch / schedulerFromTorch for the schedulers whose PyTorch state is not their fields as
// they are: MultiStepLR's Counter, the lambdas, CyclicLR's scale functions, SequentialLR and
// ChainedScheduler's children. (PyTorch's own files: conformance/test/optim/torch-format-schedulers.test.ts.)
import { describe, expect, it } from 'vitest';
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  ExponentialLR,
  LambdaLR,
  MultiStepLR,
  SGD,
  SequentialLR,
  schedulerFromTorch,
  schedulerToTorch,
  type TorchSchedulerJson,
} from '../src/index.js';
import { param } from './helpers.js';

const sgd = (): SGD => new SGD([param([1])], { lr: 0.1, momentum: 0.9 });
const viaText = (j: TorchSchedulerJson): TorchSchedulerJson => JSON.parse(JSON.stringify(j)) as TorchSchedulerJson;

describe('scheduler state in the torch format: PyTorch-specific fields', () => {
  it("MultiStepLR: milestones as PyTorch's Counter, both ways", () => {
    const a = new MultiStepLR(sgd(), { milestones: [4, 2, 4], gamma: 0.5 });
    const j = schedulerToTorch(a);
    expect(j.milestones).toEqual({ 2: 1, 4: 2 });
    const b = new MultiStepLR(sgd(), { milestones: [1], gamma: 0.5 });
    schedulerFromTorch(b, viaText(j));
    expect(b.milestones).toEqual([2, 4, 4]);
    expect(() => schedulerFromTorch(b, { ...j, milestones: [2, 4] })).toThrow(/key 'milestones' expected a \{milestone: count\} object/);
    expect(() => schedulerFromTorch(b, { ...j, milestones: { x: 1 } })).toThrow(/key 'milestones' expected epochs/);
  });

  it("LambdaLR: null for plain functions, a function's own fields as a callable object's __dict__", () => {
    const stateful = Object.assign(() => 0.5 ** stateful.calls++, { calls: 0 });
    const a = new LambdaLR(new SGD([{ params: [param([1])] }, { params: [param([1])] }], { lr: 0.1 }), { lrLambda: [(e) => 0.9 ** e, stateful] });
    a.step();
    const j = schedulerToTorch(a);
    expect(j.lr_lambdas).toEqual([null, { calls: 2 }]);
    const fresh = Object.assign(() => 0.5 ** fresh.calls++, { calls: 0 });
    const own = (e: number): number => 0.9 ** e;
    const b = new LambdaLR(new SGD([{ params: [param([1])] }, { params: [param([1])] }], { lr: 0.1 }), { lrLambda: [own, fresh] });
    schedulerFromTorch(b, viaText(j));
    expect(b.lrLambdas[0]).toBe(own);
    expect(fresh.calls).toBe(2);
    expect(b.lastEpoch).toBe(1);
    expect(() => schedulerFromTorch(b, { ...j, lr_lambdas: [null] })).toThrow(/key 'lr_lambdas' expected a list of 2/);
  });

  it("CyclicLR: the scale function's name or null, and no momentums without cycleMomentum", () => {
    const j = schedulerToTorch(new CyclicLR(sgd(), { baseLr: 0.01, maxLr: 0.1, mode: 'triangular2' }));
    expect(j._scale_fn_ref).toBe('_triangular2_scale_fn');
    expect(j._scale_fn_custom).toBeNull();
    const custom = schedulerToTorch(new CyclicLR(sgd(), { baseLr: 0.01, maxLr: 0.1, scaleFn: () => 1, cycleMomentum: false }));
    expect(custom._scale_fn_ref).toBeNull();
    expect('base_momentums' in custom || 'max_momentums' in custom).toBe(false);
    const b = new CyclicLR(sgd(), { baseLr: 0.02, maxLr: 0.2, scaleFn: () => 1, cycleMomentum: false });
    schedulerFromTorch(b, viaText(custom));
    expect(b.maxLrs).toEqual([0.1]);
  });

  it("CosineAnnealingWarmRestarts: PyTorch's _step_count, which its step() never counts", () => {
    const a = new CosineAnnealingWarmRestarts(sgd(), { T0: 2 });
    a.step();
    expect(schedulerToTorch(a)._step_count).toBe(0);
  });

  it('SequentialLR and ChainedScheduler: _milestones and each child in _schedulers', () => {
    const make = (): [SequentialLR, SGD] => {
      const opt = sgd();
      const s = new SequentialLR(opt, { schedulers: [new ConstantLR(opt, { factor: 0.5, totalIters: 2 }), new MultiStepLR(opt, { milestones: [1, 1] })], milestones: [3] });
      return [s, opt];
    };
    const [a] = make();
    for (let i = 0; i < 4; i++) a.step();
    const j = schedulerToTorch(a);
    expect(Object.keys(j).sort()).toEqual(['_last_lr', '_milestones', '_schedulers', 'last_epoch']);
    expect((j._schedulers as TorchSchedulerJson[])[1].milestones).toEqual({ 1: 2 });
    const [b] = make();
    schedulerFromTorch(b, viaText(j));
    expect(b.stateDict()).toEqual(a.stateDict());
    expect(() => schedulerFromTorch(b, { ...j, _schedulers: [] })).toThrow(/key '_schedulers' expected a list of 2 scheduler states/);

    const opt = sgd();
    const c = new ChainedScheduler([new ConstantLR(opt, { factor: 0.5 }), new ExponentialLR(opt, { gamma: 0.9 })]);
    c.step();
    const cj = schedulerToTorch(c);
    expect(Object.keys(cj).sort()).toEqual(['_last_lr', '_schedulers']);
    const opt2 = sgd();
    const d = new ChainedScheduler([new ConstantLR(opt2, { factor: 0.5 }), new ExponentialLR(opt2, { gamma: 0.9 })]);
    schedulerFromTorch(d, viaText(cj));
    expect(d.stateDict()).toEqual(c.stateDict());
  });
});
