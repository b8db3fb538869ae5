// Invalid options fail early with a ValueError naming the argument, the expected and the actual.
import { describe, expect, it } from 'vitest';
import { TorchletError, ValueError, tensor } from '@torchlet/tensor-core';
import { Adadelta, Adagrad, Adam, AdamW, Adamax, LBFGS, NAdam, RAdam, RMSprop, SGD, lrScheduler } from '../src/index.js';
import { param } from './helpers.js';

const p = () => [param([1, 2])];

describe('optimizer option errors', () => {
  it('SGD: lr is required, and negative lr / momentum / weightDecay are rejected', () => {
    expect(() => new SGD(p(), undefined as unknown as { lr: number })).toThrow(/'lr' is required/);
    expect(() => new SGD(p(), { lr: -0.1 })).toThrow(ValueError);
    expect(() => new SGD(p(), { lr: -0.1 })).toThrow("SGD: invalid lr: expected a number >= 0, got -0.1");
    expect(() => new SGD(p(), { lr: 0.1, momentum: -1 })).toThrow('invalid momentum');
    expect(() => new SGD(p(), { lr: 0.1, weightDecay: -1 })).toThrow('invalid weightDecay');
  });

  it('SGD: nesterov needs momentum > 0 and zero dampening', () => {
    expect(() => new SGD(p(), { lr: 0.1, nesterov: true })).toThrow(
      'SGD: invalid nesterov: expected momentum > 0 and dampening = 0, got momentum 0, dampening 0',
    );
    expect(() => new SGD(p(), { lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow(/dampening 0.1/);
    expect(() => new SGD(p(), { lr: 0.1, nesterov: true, momentum: 0.9 })).not.toThrow();
  });

  for (const [name, Opt] of [
    ['Adam', Adam],
    ['AdamW', AdamW],
    ['Adamax', Adamax],
    ['NAdam', NAdam],
    ['RAdam', RAdam],
  ] as const) {
    it(`${name}: betas outside [0, 1), negative lr / eps / weightDecay`, () => {
      expect(() => new Opt(p(), { betas: [1, 0.999] })).toThrow(`${name}: invalid betas[0]: expected a number in [0, 1), got 1`);
      expect(() => new Opt(p(), { betas: [0.9, -0.1] })).toThrow(`${name}: invalid betas[1]: expected a number in [0, 1), got -0.1`);
      expect(() => new Opt(p(), { betas: [0.9] as unknown as [number, number] })).toThrow('invalid betas');
      expect(() => new Opt(p(), { lr: -1 })).toThrow(`${name}: invalid lr`);
      expect(() => new Opt(p(), { eps: -1e-8 })).toThrow(`${name}: invalid eps: expected a number >= 0, got -1e-8`);
      expect(() => new Opt(p(), { weightDecay: -0.1 })).toThrow(`${name}: invalid weightDecay`);
      expect(() => new Opt(p(), { lr: Number.NaN })).toThrow('got NaN');
    });
  }

  it('Adam / AdamW: decoupledWeightDecay is a boolean, and always true for AdamW', () => {
    expect(() => new Adam(p(), { decoupledWeightDecay: 'true' as never })).toThrow(
      "Adam: invalid decoupledWeightDecay: expected true or false, got true",
    );
    expect(() => new Adam(p(), { decoupledWeightDecay: true })).not.toThrow();
    expect(() => new AdamW(p(), { decoupledWeightDecay: false })).toThrow(ValueError);
    expect(() => new AdamW(p(), { decoupledWeightDecay: false })).toThrow(
      'AdamW: invalid decoupledWeightDecay: expected true (AdamW always decouples weight decay; Adam has L2 weight decay), got false',
    );
    expect(() => new AdamW([{ params: p(), decoupledWeightDecay: false }])).toThrow('AdamW: invalid decoupledWeightDecay');
    expect(new AdamW(p()).defaults.decoupledWeightDecay).toBe(true);
    expect(new Adam(p()).defaults.decoupledWeightDecay).toBe(false);
  });

  it('RMSprop, Adagrad, Adadelta, NAdam: their own ranges', () => {
    expect(() => new RMSprop(p(), { alpha: -0.5 })).toThrow('RMSprop: invalid alpha');
    expect(() => new RMSprop(p(), { momentum: -0.5 })).toThrow('RMSprop: invalid momentum');
    expect(() => new Adagrad(p(), { lrDecay: -1 })).toThrow('Adagrad: invalid lrDecay');
    expect(() => new Adagrad(p(), { initialAccumulatorValue: -1 })).toThrow('Adagrad: invalid initialAccumulatorValue');
    expect(() => new Adadelta(p(), { rho: 1.5 })).toThrow('Adadelta: invalid rho: expected a number in [0, 1], got 1.5');
    expect(() => new Adadelta(p(), { rho: 1 })).not.toThrow();
    expect(() => new NAdam(p(), { momentumDecay: -1 })).toThrow('NAdam: invalid momentumDecay');
  });

  it('param groups are validated too', () => {
    expect(() => new Adam([{ params: p(), betas: [0.9, 1] }])).toThrow('Adam: invalid betas[1]');
    const opt = new SGD(p(), { lr: 0.1 });
    expect(() => opt.addParamGroup({ params: p(), lr: -1 })).toThrow('SGD: invalid lr');
  });

  it('empty params, params in two groups, non-params', () => {
    expect(() => new SGD([], { lr: 0.1 })).toThrow('empty parameter list');
    const shared = param([1]);
    expect(() => new SGD([{ params: [shared] }, { params: [shared] }], { lr: 0.1 })).toThrow('more than one parameter group');
    expect(() => new SGD([{ params: [42 as never] }], { lr: 0.1 })).toThrow(/can only optimize tensors/);
  });

  it('LBFGS: one group, a known line search, positive counts, a closure', () => {
    expect(() => new LBFGS([{ params: p() }, { params: p() }])).toThrow("doesn't support per-parameter options");
    expect(() => new LBFGS(p(), { lineSearchFn: 'armijo' as never })).toThrow(
      "LBFGS: invalid lineSearchFn: expected null or 'strong_wolfe', got armijo",
    );
    expect(() => new LBFGS(p(), { maxIter: 0 })).toThrow('LBFGS: invalid maxIter: expected a positive integer, got 0');
    expect(() => new LBFGS(p(), { historySize: 2.5 })).toThrow('invalid historySize');
    expect(() => new LBFGS(p()).step()).toThrow("'closure' is required");
  });

  it('loadStateDict rejects a dict with other group sizes', () => {
    const a = new SGD([{ params: p() }, { params: p() }], { lr: 0.1 });
    const b = new SGD(p(), { lr: 0.1 });
    expect(() => b.loadStateDict(a.stateDict())).toThrow('loaded state dict has 2 parameter groups, the optimizer has 1');
    const c = new SGD([param([1]), param([2])], { lr: 0.1 });
    expect(() => b.loadStateDict(c.stateDict())).toThrow('loaded param group 0 has 2 params');
  });

  it('loadStateDict of something that is not a state dict throws a TorchletError, not a raw TypeError', () => {
    const opt = new SGD(p(), { lr: 0.1 });
    const sched = new lrScheduler.StepLR(opt, { stepSize: 1 });
    const cases: [unknown, string][] = [
      [null, 'null'],
      [undefined, 'undefined'],
      [[1], 'an array'],
      ['adam.json', 'a string'],
    ];
    for (const [value, got] of cases) {
      for (const [where, load] of [
        ['SGD.loadStateDict()', (d: never) => opt.loadStateDict(d)],
        ['StepLR.loadStateDict()', (d: never) => sched.loadStateDict(d)],
      ] as const) {
        let error: unknown = null;
        try {
          load(value as never);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(TorchletError);
        expect((error as Error).message).toBe(`${where}: argument 'stateDict' expected a state dict object (from stateDict()), got ${got}`);
      }
    }
    const sd = opt.stateDict();
    expect(() => opt.loadStateDict({ ...sd, state: null } as never)).toThrow(
      "SGD.loadStateDict(): the state dict's 'state' expected an object keyed by param index, got null",
    );
    expect(() => opt.loadStateDict({ ...sd, paramGroups: [{ lr: 0.1 }] } as never)).toThrow(
      "SGD.loadStateDict(): loaded param group 0 expected a 'params' list of param indices, got undefined",
    );
  });
});

describe('scheduler option errors', () => {
  const opt = () => new SGD(p(), { lr: 0.1, momentum: 0.9 });
  it('LinearLR factors in [0, 1]', () => {
    expect(() => new lrScheduler.LinearLR(opt(), { startFactor: 1.5 })).toThrow('LinearLR: invalid startFactor');
    expect(() => new lrScheduler.LinearLR(opt(), { endFactor: -1 })).toThrow('LinearLR: invalid endFactor');
  });
  it('CosineAnnealingWarmRestarts: integer T0 > 0 and TMult >= 1', () => {
    expect(() => new lrScheduler.CosineAnnealingWarmRestarts(opt(), { T0: 0 })).toThrow('invalid T0');
    expect(() => new lrScheduler.CosineAnnealingWarmRestarts(opt(), { T0: 5, TMult: 1.5 })).toThrow('invalid TMult');
  });
  it('OneCycleLR: steps, pctStart, strategy, momentum support, too many steps', () => {
    expect(() => new lrScheduler.OneCycleLR(opt(), { maxLr: 1 })).toThrow('totalSteps OR (epochs AND stepsPerEpoch)');
    expect(() => new lrScheduler.OneCycleLR(opt(), { maxLr: 1, totalSteps: 0 })).toThrow('invalid totalSteps');
    expect(() => new lrScheduler.OneCycleLR(opt(), { maxLr: 1, totalSteps: 10, pctStart: 2 })).toThrow('invalid pctStart');
    expect(
      () => new lrScheduler.OneCycleLR(opt(), { maxLr: 1, totalSteps: 10, annealStrategy: 'exp' as never }),
    ).toThrow('invalid annealStrategy');
    expect(() => new lrScheduler.OneCycleLR(new Adagrad(p()), { maxLr: 1, totalSteps: 10 })).toThrow('must support momentum');
    expect(() => new lrScheduler.OneCycleLR(opt(), { maxLr: [1, 2], totalSteps: 10 })).toThrow(
      'OneCycleLR: invalid maxLr: expected a finite number >= 0, or a list of 1 (one per param group), got a list of 2 ([1, 2])',
    );
    const s = new lrScheduler.OneCycleLR(opt(), { maxLr: 1, epochs: 2, stepsPerEpoch: 2 });
    for (let i = 0; i < 4; i++) s.step();
    expect(() => s.step()).toThrow('tried to step 6 times; the specified number of total steps is 4');
  });
  it('ReduceLROnPlateau: factor < 1, known modes, one minLr per group', () => {
    expect(() => new lrScheduler.ReduceLROnPlateau(opt(), { factor: 1 })).toThrow('invalid factor');
    expect(() => new lrScheduler.ReduceLROnPlateau(opt(), { mode: 'avg' as never })).toThrow('invalid mode');
    expect(() => new lrScheduler.ReduceLROnPlateau(opt(), { thresholdMode: 'x' as never })).toThrow('invalid thresholdMode');
    expect(() => new lrScheduler.ReduceLROnPlateau(opt(), { minLr: [0, 0] })).toThrow(
      'ReduceLROnPlateau: invalid minLr: expected a finite number >= 0, or a list of 1 (one per param group), got a list of 2',
    );
  });
  it('LambdaLR: one lambda per group; SequentialLR: milestones and optimizers', () => {
    expect(() => new lrScheduler.LambdaLR(opt(), { lrLambda: [() => 1, () => 1] })).toThrow(
      'LambdaLR: invalid lrLambda: expected a function (epoch) => factor, or a list of 1 (one per param group), got a list of 2',
    );
    const o = opt();
    const a = new lrScheduler.StepLR(o, { stepSize: 2 });
    const b = new lrScheduler.StepLR(opt(), { stepSize: 2 });
    expect(() => new lrScheduler.SequentialLR(o, { schedulers: [a, b], milestones: [3] })).toThrow('same optimizer');
    expect(() => new lrScheduler.SequentialLR(o, { schedulers: [a], milestones: [3] })).toThrow('one more scheduler than milestones');
  });
  it('resuming a scheduler (lastEpoch given) needs initialLr in every group', () => {
    expect(() => new lrScheduler.StepLR(opt(), { stepSize: 2, lastEpoch: 3 })).toThrow("'initialLr' is not specified");
  });
});

describe('parameter dtype', () => {
  it('integer tensors are rejected early', () => {
    const p = tensor([1, 2]);
    expect(p.dtype).toBe('int64');
    expect(() => new Adam([p])).toThrow("Adam: argument 'params[0]' expected a floating-point tensor (float32 or float64), got dtype int64");
  });
});
